#pragma once
// The figures expectations need that a run has not computed already: the data's ledger of a year,
// or a scenario built through the last year asked of it.

#include <functional>
#include <set>
#include <string>
#include <utility>

#include "run/figures.h"
#include "scenario/scenario_builder.h"

namespace collab::run {

/// Adds to `figures` those of every (scenario, year) of `needs` it holds none of. `data_ledger`
/// gives the data's ledger of a year (null: none); a scenario that cannot be built or a year
/// without budgets is an error in `d`, and its figures stay missing.
void compute_needed(const std::set<std::pair<std::string, FinancialYear>>& needs,
                    const std::function<const ledger::Ledger*(FinancialYear)>& data_ledger,
                    scenario::ScenarioBuilder& builder, formula::WeightsSource& formulae, Figures& figures, Diagnostics& d);

}  // namespace collab::run
