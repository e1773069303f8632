#pragma once
// The ledger: what each force contributes to each unit in a year, cash and in kind. For every
// budget line: the unit's participants that year, the formula the unit names (or the region
// default), its weights for those participants, renormalised (rounded when the formula says so),
// and the budget apportioned exactly at the rounding unit. Every computed row adds up to its
// budget, pence included; a row that cannot be computed is kept, marked, with the diagnostics
// that stopped it, and the others are computed. Plain data: a ledger owns what it shows and
// needs nothing of the Lua host that produced its weights.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calc/apportion.h"
#include "calc/shares.h"
#include "core/diagnostic.h"
#include "formula/weights.h"
#include "model/model.h"

namespace collab::ledger {

/// One force's contribution to one budget line, and how it got there: its apportioned share of
/// the budget less the line's charges, plus its own charges (an exit liability, a flat fee),
/// plus what a change limit moved. A force that pays only a charge (it left) is not a participant.
struct Contribution {
  ForceId force;
  Share share;  // what the formula gave (share.weight), renormalised over the participants
  Part part;    // the share apportioned (of the budget less the charges)
  Money charge = {};              // the line's charges to this force
  std::string charge_label = {};  // what they are ("exit liability, instalment 1 of 2")
  Money limited = {};             // what a limit on year-on-year change added (or took, below zero)
  int limit_round = 0;       // the round the limit held it at its bound (0: not held)
  bool participant = true;

  Money amount() const { return part.amount + charge + limited; }  // the contribution
};

const char* kind_text(ContributionKind kind);  // "cash", "in kind"
const char* kind_name(ContributionKind kind);  // "cash", "in_kind": in CSV and JSON

/// One budget line split among its participants (or, failed, the reason it could not be).
struct LedgerRow {
  UnitId unit;
  std::string label;  // the budget line's label, or the unit's name
  ContributionKind kind = ContributionKind::Cash;
  Money budget;
  SourceLocation budget_where;
  Source budget_source;
  FormulaChoice choice;
  bool region_default = false;  // the unit names no formula for the year
  std::optional<ParticipationPeriod> participants;  // the period in force that year
  std::shared_ptr<const formula::Weights> weights;  // null when the row failed
  std::vector<Contribution> contributions;          // participants in the model's order, then those only charged; empty when failed
  Money charged;                                    // the charges taken off the budget before the split
  std::optional<ChangeLimit> limit;                 // the limit on year-on-year change in force
  std::vector<Diagnostic> problems;                 // why the row failed; empty when computed

  bool failed() const { return weights == nullptr || contributions.empty(); }
  const Contribution* find(const ForceId& force) const;
  Money total() const;  // the contributions added up: the budget, when computed
};

struct ForceTotal {
  ForceId force;
  Money cash;
  Money in_kind;
  Money all() const { return cash + in_kind; }
};

struct Ledger {
  std::shared_ptr<const Model> model;  // the model the rows were computed from
  FinancialYear year = FinancialYear::starting(2000);
  Money rounding_unit;
  std::vector<LedgerRow> rows;     // every budget line of the year, computed or failed, in data order
  std::vector<ForceTotal> totals;  // every force of the model, in its order, over the computed rows

  const LedgerRow* find(const UnitId& unit, ContributionKind kind) const;
  Money total(ContributionKind kind) const;
  int failed() const;
};

/// Whether `year` has any budget to split.
bool has_budgets(const Model& model, FinancialYear year);
/// Every year with budgets, in order.
std::vector<FinancialYear> budget_years(const Model& model);
/// What to say of a year with no budgets by unit: the years that have them, and any budget the
/// texts state for that year as one figure (which no formula splits).
std::string missing_budgets_hint(const Model& model, FinancialYear year);
/// The latest year with budgets, if any: the default year of the commands.
std::optional<FinancialYear> latest_budget_year(const Model& model);

/// Builds the ledger of `model` for `year`. Every problem is added to `diagnostics` (and to the
/// failed row's own list); a year without budgets is an error with no rows.
Ledger compute_ledger(formula::WeightsSource& formulae, const std::shared_ptr<const Model>& model, FinancialYear year,
                      Money rounding_unit, Diagnostics& diagnostics);

}  // namespace collab::ledger
