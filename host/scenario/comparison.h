#pragma once
// Computing a comparison: the reference and each scenario built through the last year, and a
// ledger of each for every year. What `collab whatif` shows and the nightly run renders.

#include <string>
#include <vector>

#include "formula/weights.h"
#include "scenario/scenario_builder.h"
#include "scenario/whatif_document.h"

namespace collab::scenario {

/// Builds `reference` and every id of `scenarios` through the last of `years` (in order) and
/// computes each one's ledger, in whole pounds, for every year, into `out`. Stops at the first side
/// that is refused or fails; the problems are in `diagnostics`. A line that cannot be split is kept
/// in its ledger, marked (see scenario_breakages). With `explain_steps`, each scenario's side also
/// says which of its steps moved which figure (step_effects, for `collab whatif --explain`).
Applied compute_comparison(ScenarioBuilder& builder, formula::WeightsSource& formulae, const std::vector<FinancialYear>& years,
                           const std::string& reference, const std::vector<std::string>& scenarios,
                           Diagnostics& diagnostics, Comparison& out, bool explain_steps = false);

/// Budget lines a scenario cannot split although the reference can: the scenario broke them. Their
/// problems go to `out`. Refused when a problem points into a scenario file (a formula rejecting the
/// parameters a step gave it), Failed for any other, Ok when there is none (lines the reference
/// cannot split either are gaps in the data, which the document lists).
Applied scenario_breakages(const Comparison& comparison, Diagnostics& out);

}  // namespace collab::scenario
