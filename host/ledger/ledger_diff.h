#pragma once
// The figures two ledgers of one year disagree on: a force's part of a budget line, or the
// line's budget. What a scenario's step or a changed input moved (collab whatif --explain,
// collab impact).

#include <optional>
#include <string>
#include <vector>

#include "ledger/ledger.h"

namespace collab::ledger {

/// One figure that moved: a force's part of a budget line in a year, or (no force) its budget.
struct FigureChange {
  FinancialYear year = FinancialYear::starting(2000);
  UnitId unit;
  std::string label;
  ContributionKind kind = ContributionKind::Cash;
  std::optional<ForceId> force;
  Money before;
  Money after;
};

/// Every figure of `after` that differs from `before` (the same year): lines in `after`'s order,
/// then those only `before` has; each line's budget, then its forces in the model's order, then
/// forces only charged. A line that failed on either side is a gap, left out.
std::vector<FigureChange> changed_figures(const Ledger& before, const Ledger& after);

}  // namespace collab::ledger
