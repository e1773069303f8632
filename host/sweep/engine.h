#pragma once
// What evaluates one scenario of a sweep: an engine, one per worker thread (each with its own
// warm Lua states), values in, per-force totals (or why it failed) out. The general engine
// applies the spec's steps with their drawn parameters to a copy of the baseline's model through
// the what-if rules, moves grants and budgets, and computes the full ledger: it handles any
// parameter. Every engine of one sweep gives the same figures to the penny.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "formula/formula_library.h"
#include "lua/limits.h"
#include "model/model.h"
#include "plugin/plugin_set.h"
#include "scenario/scenario_builder.h"
#include "sweep/spec.h"

namespace collab::sweep {

/// One unit and force whose part a sweep reports with --per-unit: every pair the baseline's
/// ledger has (a participant or a force charged), in the ledger's unit order, forces in the
/// model's order.
struct UnitForce {
  std::size_t unit = 0;   // into Context::units
  std::size_t force = 0;  // into Model::forces
};

/// One scenario's figures in pence: each force's total (cash and in kind) over the year's
/// budget lines, indexed as Model::forces; with per-unit, each pair's part (cash and in kind).
struct Totals {
  std::vector<std::int64_t> force;
  std::vector<std::int64_t> pair;
};

class Engine {
 public:
  virtual ~Engine() = default;
  /// Scenario figures for `values` (one per dimension) into `out` (sized by the engine). False,
  /// with the reason in `why`, when the scenario cannot be computed (a rule refused its
  /// parameters or failed, a formula failed or hit a limit, a line cannot be split): never a
  /// crash, and the engine stays usable.
  virtual bool evaluate(std::span<const std::int64_t> values, Totals& out, std::string& why) = 0;
};

/// What every engine of a sweep shares, built once before any runs.
struct Context {
  Spec spec;
  std::filesystem::path root;
  lua::Limits limits;
  std::shared_ptr<plugin::PluginSet> plugins;
  std::shared_ptr<const Model> data;  // as loaded
  std::shared_ptr<const Model> base;  // the baseline scenario's model, projected through the year
  std::vector<FinancialYear> horizon;  // the years a step may edit
  std::vector<scenario::Step> steps;   // the spec's steps with the parameters as written
  bool per_unit = false;
  std::vector<UnitId> units;     // per-unit: the units with budget lines in the year, in ledger order
  std::vector<UnitForce> pairs;  // per-unit: what Totals::pair holds
  Totals baseline;               // the baseline's figures: its model, none of the spec's steps or changes
};

/// Builds the shared context: the baseline scenario's model (through `builder`), its ledger, the
/// spec's steps checked against their rules (errors at the spec's line:column). Nothing, with
/// errors in `diagnostics`, when the spec cannot run.
std::optional<Context> make_context(Spec spec, const std::filesystem::path& root, lua::Limits limits,
                                    std::shared_ptr<plugin::PluginSet> plugins, std::shared_ptr<const Model> data,
                                    scenario::ScenarioBuilder& builder, scenario::RuleLibrary& rules,
                                    formula::FormulaLibrary& formulae, bool per_unit, Diagnostics& diagnostics);

/// The general engine: its own formula and rule libraries (warm Lua states). Null, with errors
/// in `diagnostics`, if they do not load.
std::unique_ptr<Engine> make_general_engine(const Context& context, Diagnostics& diagnostics);

/// `params` with the value at `path` set to `value` as `dimension` says (percent text or a number).
void set_param(ParamValue& params, const std::vector<std::string>& path, const Dimension& dimension, std::int64_t value);

}  // namespace collab::sweep
