#pragma once
// What each step of a scenario changed: the scenario built with its first k steps, for every k,
// and the ledgers of successive builds compared figure by figure. Step k changed a figure when
// the build with k steps differs from the one with k - 1 (the first with none is its baseline).

#include <optional>
#include <string>
#include <vector>

#include "formula/weights.h"
#include "ledger/ledger_diff.h"
#include "scenario/scenario_builder.h"

namespace collab::scenario {

/// One figure a step moved in a year.
struct StepEffect {
  std::size_t step = 0;  // 1 = the scenario's first own step
  std::string rule;
  FinancialYear from = FinancialYear::starting(2000);
  SourceLocation where;
  ledger::FigureChange figure;
};

/// Every figure each of `id`'s own steps moved in `years` (in step, year, line, force order).
/// Nothing after adding errors to `diagnostics` when a build fails.
std::optional<std::vector<StepEffect>> step_effects(ScenarioBuilder& builder, formula::WeightsSource& formulae,
                                                    const std::string& id, const std::vector<FinancialYear>& years,
                                                    Diagnostics& diagnostics);

}  // namespace collab::scenario
