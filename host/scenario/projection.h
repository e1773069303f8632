#pragma once
// Projecting a model past its last budgeted year: every year up to the horizon gets a copy of
// the last year's budgets and central grants (flat), marked as projected; a scenario's rules
// (uplift, grant_change) then move them. The data's own years are never changed.

#include <optional>
#include <vector>

#include "model/model.h"

namespace collab::scenario {

/// Which years a projection made up, so the output can say so.
struct Projection {
  std::optional<FinancialYear> last_budgeted;  // the data's last year with budgets
  std::optional<FinancialYear> last_granted;   // the data's last year with central grants
  std::vector<FinancialYear> budget_years;     // years whose budgets are projected
  std::vector<FinancialYear> grant_years;      // years whose grants are projected

  bool projected(FinancialYear year) const;  // its budgets are projected
};

/// Adds flat budget tables for every year after the last budgeted one, through `through`, and
/// flat grant tables for every year after the last granted one, through `through`.
Projection project(Model& model, FinancialYear through);

}  // namespace collab::scenario
