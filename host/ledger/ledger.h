#pragma once
// The ledger: what each force contributes to each unit in a year, cash and in kind. For every
// budget line: the unit's participants that year, the formula the unit names (or the region
// default), its weights restricted to the participants and renormalised (rounded when the
// formula says so), and the budget apportioned exactly at the rounding unit. Every row adds up
// to its budget; every figure keeps the chain that produced it, for `collab explain`.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calc/apportion.h"
#include "calc/shares.h"
#include "core/diagnostic.h"
#include "formula/formula_library.h"
#include "model/model.h"

namespace collab::ledger {

/// One force's contribution to one budget line, and how it got there.
struct Contribution {
  ForceId force;
  Share share;  // what the formula gave (share.weight), renormalised over the participants
  Part part;    // apportioned: part.amount is the contribution
};

/// One budget line split among its participants.
struct LedgerRow {
  UnitId unit;
  std::string label;  // the budget line's label, or the unit's name
  ContributionKind kind = ContributionKind::Cash;
  Money budget;
  SourceLocation budget_where;
  Source budget_source;
  FormulaChoice choice;
  bool region_default = false;  // the unit names no formula for the year
  std::shared_ptr<const formula::Weights> weights;
  const ParticipationPeriod* participants = nullptr;  // in the ledger's model
  std::vector<Contribution> contributions;  // in the order of the model's forces

  const Contribution* find(const ForceId& force) const;
  Money total() const;
};

struct ForceTotal {
  ForceId force;
  Money cash;
  Money in_kind;
  Money all() const { return cash + in_kind; }
};

struct Ledger {
  std::shared_ptr<const Model> model;  // what the rows point into
  FinancialYear year = FinancialYear::starting(2000);
  Money rounding_unit;
  std::vector<LedgerRow> rows;
  std::vector<ForceTotal> totals;  // every force of the model, in its order

  const LedgerRow* find(const UnitId& unit, ContributionKind kind) const;
  Money total(ContributionKind kind) const;
};

/// Whether `year` has any budget to split.
bool has_budgets(const Model& model, FinancialYear year);
/// The latest year with budgets, if any: the default year of the commands.
std::optional<FinancialYear> latest_budget_year(const Model& model);

/// Builds the ledger for `year`. Each row that cannot be computed (participants unknown, a
/// formula error, a participant without a weight) is an error diagnostic and is left out; the
/// others are computed. Nothing is computed for a year without budgets (an error too).
Ledger compute_ledger(formula::WeightsSource& formulae, FinancialYear year, Money rounding_unit, Diagnostics& diagnostics);

}  // namespace collab::ledger
