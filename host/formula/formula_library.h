#pragma once
// The funding formulae: every scripts/formulae/*.lua, loaded into one warm sandbox and checked,
// and evaluated once per formula, parameters, year and set of participants (never once per
// cell), against the model it was loaded with or any other model of the same region (a
// scenario's changed copy). Restricting, renormalising and apportioning are the ledger's job.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <unordered_map>
#include <string>
#include <vector>

#include "api/api.h"
#include "api/formula_constructor.h"
#include "core/diagnostic.h"
#include "formula/weights.h"
#include "lua/sandbox.h"
#include "model/model.h"
#include "plugin/plugin_set.h"

namespace collab::formula {

/// A sandbox formulae run in: the built-ins share one, each plug-in has its own, so no plug-in
/// sees another's globals or the built-ins'. Neither copied nor moved: the sandbox's closures
/// hold the address of its API context.
struct FormulaHost {
  FormulaHost(std::shared_ptr<const Model> model, lua::Limits limits);
  FormulaHost(const FormulaHost&) = delete;
  FormulaHost& operator=(const FormulaHost&) = delete;

  api::ApiContext context;
  lua::Sandbox sandbox;
  lua::Ref forces;  // collab.forces: the participants' views are taken from it
  lua::Ref views;   // the same views in a plain table, read raw by the lean path
  // Each force id as the state holds it (short strings are interned: one address per id), to its
  // index: the lean path reads a weights table without comparing strings.
  std::unordered_map<const void*, std::int32_t> id_index;
};


/// One loaded formula script.
struct FormulaScript {
  api::FormulaDefinition definition;
  FormulaInfo info;
  lua::Ref table;  // what collab.formula returned (params' defaults live there)
  lua::Ref weights;
  FormulaHost* host = nullptr;  // the sandbox it was loaded into
  std::string plugin;           // the plug-in that provides it; empty for a built-in
};

/// A formula choice made ready for FormulaLibrary::evaluate_lean (a sweep's): its script and its
/// params table, built once; each call is given a copy of it.
struct LeanFormula {
  const FormulaScript* script = nullptr;
  FormulaChoice choice;  // as the data gives it: errors point at it
  lua::Ref params;
};

/// One run of a script (loading it, or one weights call): what it used of each limit and what it
/// printed. The library tells its observer after each, so a command can show print output as it
/// comes and a limit report (`--limits`) per run, as Scribunto does after each page.
struct ScriptRun {
  std::string chunk;  // "scripts/formulae/blended.lua"
  std::string what;   // "load", or "weights 2016/17 for derbyshire, leicestershire, ..."
  lua::LimitReport report;
  std::vector<lua::LogLine> log;
};
using RunObserver = std::function<void(const ScriptRun&)>;

/// Owns the sandbox whose Lua closures hold the address of its API context: it can be neither
/// copied nor moved (hold it by unique_ptr).
class FormulaLibrary final : public WeightsSource {
 public:
  /// Loads `root`/scripts/formulae/*.lua (in name order), then the formulae of each usable
  /// plug-in of `plugins`, each plug-in in a sandbox of its own. A built-in's problem is an error
  /// that names the file and line, and that script is left out; a plug-in's problem (a script
  /// error, an id another formula has) fails that plug-in: its formulae are left out, its status
  /// says why, and `diagnostics` has it as a warning.
  static std::unique_ptr<FormulaLibrary> load(const std::filesystem::path& root, std::shared_ptr<const Model> model,
                                              Diagnostics& diagnostics, lua::Limits limits = {},
                                              RunObserver observer = {}, plugin::PluginSet* plugins = nullptr);
  FormulaLibrary(const FormulaLibrary&) = delete;
  FormulaLibrary& operator=(const FormulaLibrary&) = delete;
  FormulaLibrary(FormulaLibrary&&) = delete;
  FormulaLibrary& operator=(FormulaLibrary&&) = delete;
  ~FormulaLibrary() override = default;

  const FormulaScript* find(std::string_view id) const;
  const std::vector<std::unique_ptr<FormulaScript>>& scripts() const { return scripts_; }
  /// The model the scripts were loaded with: collab.forces and collab.units show it.
  const std::shared_ptr<const Model>& base_model() const { return base_model_; }

  /// Whether `choice` names a loaded formula with parameters it accepts; each fault is an error
  /// at the choice's (or the parameter's) place in the data. A formula whose script failed to
  /// load was reported then: false, with nothing added.
  bool check_choice(const FormulaChoice& choice, Diagnostics& diagnostics) const;
  /// check_choice for the region's default and every formula a unit of `model` names.
  void check_choices(const Model& model, Diagnostics& diagnostics) const;

  std::shared_ptr<const Weights> evaluate(const std::shared_ptr<const Model>& model, const FormulaChoice& choice,
                                          FinancialYear year, const std::vector<ForceId>& participants,
                                          Diagnostics& diagnostics) override;
  /// Checks `choice` as evaluate() does and builds its params table for evaluate_lean(); nullopt,
  /// with why in `diagnostics`, when it cannot be evaluated.
  std::optional<LeanFormula> prepare_lean(const FormulaChoice& choice, Diagnostics& diagnostics);
  /// The lean path, for sweeps: one call of the weights function, uncached, with nothing kept for
  /// explain (collab.explaining() is false, so formulae may skip their notes, and the figures read
  /// are not recorded), the grants of `grants` (when given) answering collab.grant, and the weights
  /// read straight into `weights` (one per participant, in the order of `participants`: force
  /// indices in the region's order; a region-scope formula is given every force, whatever
  /// `participants` says, by its caller). The same contract as evaluate(): on failure the
  /// diagnostic says why, in the same words, and the library stays usable.
  std::optional<Diagnostic> evaluate_lean(const LeanFormula& formula, const std::shared_ptr<const Model>& model,
                                          FinancialYear year, std::span<const std::int32_t> participants,
                                          const api::GrantOverride* grants, std::span<double> weights);

  /// Forgets every evaluation, so the next evaluate() runs the script again (the benchmark times
  /// fresh evaluations).
  void forget_weights() { caches_.clear(); }

  /// How many times a weights function actually ran (for tests of the cache).
  int evaluations() const { return evaluations_; }

 private:
  /// An evaluation as cached: the weights, or the diagnostics that stopped it (given again on
  /// every hit, so no caller ever loses an error).
  struct Evaluated {
    std::shared_ptr<const Weights> weights;
    std::vector<Diagnostic> problems;
  };
  /// The evaluations against one model, forgotten when the model goes.
  struct ModelCache {
    std::weak_ptr<const Model> model;
    std::map<std::string, Evaluated> entries;
  };

  FormulaLibrary(std::shared_ptr<const Model> model, lua::Limits limits, RunObserver observer);
  FormulaHost& new_host();
  /// Loads one script into `host`; its problems go to `diagnostics`. The formula, or null.
  FormulaScript* load_script(FormulaHost& host, const std::filesystem::path& file, const std::string& chunk,
                             const std::string& plugin, Diagnostics& diagnostics);
  void load_plugin(plugin::PluginStatus& status, Diagnostics& diagnostics);
  Evaluated run_weights(const std::shared_ptr<const Model>& model, const FormulaChoice& choice, FinancialYear year,
                        const std::vector<ForceId>& participants);
  std::optional<Diagnostic> same_region(const Model& model) const;
  std::optional<Diagnostic> make_params(const FormulaScript& script, const FormulaChoice& choice, lua::Ref& params) const;
  /// A failed call as evaluate() reports it.
  Diagnostic call_failure(const FormulaScript& script, const FormulaChoice& choice, const api::Evaluation& evaluation,
                          const lua::ScriptError& error, const std::string& year_text,
                          const std::vector<ForceId>& participants) const;
  /// A script error as a diagnostic, with the script's line as its excerpt.
  Diagnostic script_diagnostic(const lua::ScriptError& error) const;
  void observe(const std::string& chunk, std::string what, lua::RunResult& result);
  ModelCache& cache_for(const std::shared_ptr<const Model>& model);

  std::shared_ptr<const Model> base_model_;
  lua::Limits limits_;
  RunObserver observer_;
  std::vector<ForceId> region_;  // every force's id, in order: what a region-scope formula weighs
  std::vector<std::unique_ptr<FormulaHost>> hosts_;  // [0] the built-ins'; declared before the scripts
  std::vector<std::unique_ptr<FormulaScript>> scripts_;  // whose Refs must go first
  std::set<std::string> failed_to_load_;        // ids (file stems) of scripts that did not load
  std::map<std::string, std::string> skipped_;  // formula id -> the failed plug-in that provides it
  std::map<std::string, std::string> sources_;  // chunk -> source text, for excerpts
  std::map<const Model*, ModelCache> caches_;
  std::vector<std::int32_t> position_;  // the lean path's scratch: force index -> participant position, or -1
  api::Evaluation lean_evaluation_;     // the lean path's, reused: its strings keep their buffers
  int evaluations_ = 0;
};

/// The place of the parameter at `path` ("mix.grant") in `params`, or `fallback` when it is not
/// written there.
SourceLocation param_location(const ParamValue& params, std::string_view path, const SourceLocation& fallback);

}  // namespace collab::formula
