#pragma once
// The chain behind one figure of the ledger, as data: budget, participants, formula and the
// figures it read, the weights, the renormalisation, the exact share, the rounding adjustment,
// and the published figure with the cause of any variance. The command renders it as text or
// as JSON (docs/explain-json.md); nothing here is worded for a reader.

#include <optional>
#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "ledger/reconcile.h"

namespace collab::ledger {

/// The published figure an explained one is compared with.
struct PublishedFigure {
  CellCheck cell;  // computed, published, variance, cause
  std::string row_label;  // as published: "EMSOU SOC", "Total Cash Contributions"
  Source source;
  SourceLocation where;
};

/// One force's contribution to one budget line. When the force takes no part that year, only
/// the subject, the budget, the participants and the formula are filled in, and amount is 0
/// (or, for a force that left and still pays a charge, that charge).
struct Explanation {
  FinancialYear year = FinancialYear::starting(2000);
  Money rounding_unit;
  UnitId unit;
  std::string unit_name;
  std::string row_label;
  ContributionKind kind = ContributionKind::Cash;
  ForceId force;
  bool takes_part = true;
  Money amount;

  Money budget;
  SourceLocation budget_where;
  Source budget_source;

  FinancialYear participants_from = FinancialYear::starting(2000);  // the participation period's start
  SourceLocation participants_where;
  Source participants_source;
  std::vector<ForceId> contributors;  // the participants, in the model's order

  formula::FormulaInfo formula;
  std::string params;  // canonical JSON
  bool region_default = false;
  SourceLocation choice_where;
  std::vector<api::InputRead> inputs;
  std::vector<std::pair<ForceId, Decimal>> weights;  // every participant's weight, as the formula gave it
  std::map<ForceId, std::string> why;

  // The force's own share and part (when it takes part).
  Share share;
  Decimal weight_sum;       // the participants' weights added up
  Decimal apportioned_sum;  // what the budget was split by, added up
  Part part;
  Money left_over;  // the budget less the charges and every rounded-down part: handed out by largest remainder
  Money row_total;

  // What a scenario adds to a share (all zero in the data): the line's charges, taken off the
  // budget before the split; this force's own (an exit liability, a flat fee; a force that left
  // pays only these); and what a limit on year-on-year change moved.
  Money charged;
  Money charge;
  std::string charge_label;
  std::optional<ChangeLimit> limit;
  Money limited;
  int limit_round = 0;

  std::optional<PublishedFigure> published;
};

/// One force's total of a kind (cash, in kind, or all): the rows that make it up.
struct TotalExplanation {
  FinancialYear year = FinancialYear::starting(2000);
  Money rounding_unit;
  ForceId force;
  RowKind of = RowKind::All;
  struct Line {
    UnitId unit;
    std::string label;
    ContributionKind kind = ContributionKind::Cash;
    Money amount;
    SourceLocation budget_where;
  };
  std::vector<Line> lines;       // the computed rows the force pays into, in ledger order
  std::vector<UnitId> failed;    // rows of that kind that could not be computed
  Money total;
  std::optional<PublishedFigure> published;
};

/// Explains `force`'s part of `row` (a computed row); a force that takes no part gets a valid
/// explanation saying so.
/// `reconciled`, when given, is the ledger's reconciliation against its published table, computed
/// once by a caller that explains many figures (it tests every candidate process: not cheap);
/// otherwise it is computed here.
Explanation explain(const Ledger& ledger, const LedgerRow& row, const ForceId& force,
                    const Reconciliation* reconciled = nullptr);

/// Explains `force`'s total of `of` in the ledger.
TotalExplanation explain_total(const Ledger& ledger, RowKind of, const ForceId& force,
                               const Reconciliation* reconciled = nullptr);

}  // namespace collab::ledger
