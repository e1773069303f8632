#pragma once
// The per-scenario evaluator a sweep runs: a compiled plan evaluated under a Variation (the
// scenario's grants, budgets and formula parameters). Formulae whose weights the variation can
// move (a formula declaring "grant" when grants move; a choice whose parameters are replaced) are
// re-run once per scenario through the formula library's lean path (region scope: one call for
// every force; otherwise one call per distinct set of participants), their weights turned into
// exact integers without text, renormalised and rounded over each row's participants as
// calc/shares renormalise does, and every row split by largest remainder as calc/apportion does.
// Rows whose formula the variation cannot move keep the weights compiled into the plan.
// One Evaluator per worker thread: it owns a warm Lua state (its own formula library) and every
// buffer, so after the first scenario nothing is allocated on the C++ side.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "api/api.h"
#include "core/diagnostic.h"
#include "lua/limits.h"
#include "model/param_value.h"
#include "plan/plan.h"

namespace collab::plugin {
class PluginSet;
}

namespace collab::plan {

/// What one sweep scenario changes, in the plan's terms. Empty vectors mean "as the model".
struct Variation {
  /// One per force (Plan::forces order): its central grant in `grant_year`, in pence, >= 0.
  std::vector<std::int64_t> grant_pence;
  /// The year whose grants are replaced; by default the plan's year's previous year (the year
  /// the bundled grant formulae read).
  std::optional<FinancialYear> grant_year;
  /// One per Plan::rows entry, in pence, >= 0.
  std::vector<std::int64_t> budget_pence;
  /// Choice index (Plan::choices) -> params that replace the choice's, checked as the data's are.
  std::vector<std::pair<std::uint32_t, ParamValue>> formula_params;
};

/// Why a scenario could not be evaluated: a formula's error (with its script line), a limit hit,
/// bad numbers. The evaluator stays usable for the next scenario.
struct ScenarioFailure {
  std::string message;              // one or more lines, as format_diagnostic gives them
  std::optional<std::size_t> row;   // the row (Plan::rows) it stopped at, when it was a row's
};

/// What evaluate() gives: the figures, or the failure. The spans view the evaluator's buffers:
/// valid until its next evaluate().
struct ScenarioOutcome {
  std::optional<ScenarioFailure> failure;
  std::span<const std::int64_t> cash;     // per force (Plan::forces), pence
  std::span<const std::int64_t> in_kind;  // per force, pence
  std::span<const std::int64_t> parts;    // per participant (aligned to Plan::participants), pence
  bool ok() const { return !failure.has_value(); }
};

/// Where an evaluator gets a formula's weights for a scenario: the Lua formulae (the default), or
/// the same formula written in C++ (the benchmark's comparison).
class ScenarioFormulae {
 public:
  virtual ~ScenarioFormulae() = default;
  /// Makes plan choice `index` ready to weigh with `choice` (its id and params; called again when
  /// a variation replaces the params). False, with why in `diagnostics`, when it cannot be.
  virtual bool prepare(std::uint32_t index, const FormulaChoice& choice, Diagnostics& diagnostics) = 0;
  /// The weights of prepared choice `index` in `year` for `forces` (indices into the region's
  /// forces), one per force into `weights`, with `grants` (when given) in place of the model's.
  /// The diagnostic when it fails; the source stays usable.
  virtual std::optional<Diagnostic> weigh(std::uint32_t index, FinancialYear year, std::span<const std::int32_t> forces,
                                          const api::GrantOverride* grants, std::span<double> weights) = 0;
};

/// The Lua formulae of `root`/scripts/formulae (and of `plugins`' usable plug-ins, when given),
/// loaded into a sandbox of their own over `model`, weighing through the lean path. Null (with
/// diagnostics) when the library cannot be loaded.
std::unique_ptr<ScenarioFormulae> lua_formulae(std::shared_ptr<const Model> model, const std::filesystem::path& root,
                                               lua::Limits limits, Diagnostics& diagnostics,
                                               plugin::PluginSet* plugins = nullptr);

class Evaluator {
 public:
  /// An evaluator with its own Lua formulae (lua_formulae). Null when they cannot be loaded; a
  /// choice of the plan that cannot be prepared is an error in `diagnostics`, and a scenario that
  /// must re-run it fails saying so.
  static std::unique_ptr<Evaluator> create(std::shared_ptr<const Plan> plan, const std::filesystem::path& root,
                                           lua::Limits limits, Diagnostics& diagnostics,
                                           plugin::PluginSet* plugins = nullptr);
  /// The same over any source of weights.
  static std::unique_ptr<Evaluator> create(std::shared_ptr<const Plan> plan, std::unique_ptr<ScenarioFormulae> formulae,
                                           Diagnostics& diagnostics);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  /// Each force's totals under `variation`, and each row's parts. A failure (a formula error, a
  /// limit hit, a grant or budget below zero, overrides of the wrong count, weights that round a
  /// share to 0) is the outcome's `failure`, never an exception or a crash; the next scenario
  /// evaluates as if this one had not happened.
  const ScenarioOutcome& evaluate(const Variation& variation);

  const Plan& plan() const { return *plan_; }
  /// How many formula calls the last evaluate() made (0 when nothing the variation moves is read).
  std::size_t formula_calls() const { return formula_calls_; }
  /// The bytes of C++ buffer capacity the evaluator holds: unchanged after the first scenario.
  std::size_t buffer_capacity() const;

 private:
  struct Buffers;
  Evaluator(std::shared_ptr<const Plan> plan, std::unique_ptr<ScenarioFormulae> formulae);
  bool run_calls(const Variation& variation);
  bool weigh_row(std::size_t r, std::size_t& widest, Int128& weight_sum);
  bool weigh_row_narrow(std::size_t r, std::size_t& widest, Int128& weight_sum);
  bool split_rows(const Variation& variation);
  bool split_row(std::size_t r, std::int64_t total);
  void fail(std::string message, std::optional<std::size_t> row = std::nullopt);

  std::shared_ptr<const Plan> plan_;
  std::unique_ptr<ScenarioFormulae> formulae_;
  std::unique_ptr<Buffers> buffers_;
  ScenarioOutcome outcome_;
  std::size_t formula_calls_ = 0;
};

}  // namespace collab::plan
