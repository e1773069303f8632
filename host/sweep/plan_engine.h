#pragma once
// The plan engine: the compiled evaluation plan (host/plan) evaluated under each scenario's grants
// and budgets by plan::Evaluator, one per worker with its own warm Lua state. For sweeps that move
// only grants and budgets (no step with drawn parameters); it gives the general engine's figures
// to the penny (sweep_test.cpp holds them equal).

#include <memory>

#include "formula/formula_library.h"
#include "sweep/engine.h"

namespace collab::sweep {

struct PlanSetup;  // the plan and what maps a scenario's values onto it, shared by every worker

/// Whether the plan engine can run `context`'s spec: no steps; only grants and budgets vary.
bool plan_engine_fits(const Context& context);

/// Compiles the baseline's plan. Null, with why in `diagnostics` (warnings: the general engine can
/// still run), when the plan cannot reproduce the ledger (charges, change limits...).
std::shared_ptr<const PlanSetup> compile_plan_setup(const Context& context, formula::FormulaLibrary& formulae,
                                                    Diagnostics& diagnostics);

/// One plan engine (its own Lua formulae); null with errors in `diagnostics`.
std::unique_ptr<Engine> make_plan_engine(const Context& context, std::shared_ptr<const PlanSetup> setup,
                                         Diagnostics& diagnostics);

}  // namespace collab::sweep
