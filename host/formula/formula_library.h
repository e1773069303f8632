#pragma once
// The funding formulae: every scripts/formulae/*.lua, loaded into one sandbox and checked, and
// evaluated once per formula, parameters and year for all forces (never once per cell). The
// weights come back as numbers per force; restricting them to a unit's participants and
// apportioning are the ledger's job.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/api.h"
#include "api/formula_constructor.h"
#include "core/diagnostic.h"
#include "lua/sandbox.h"
#include "model/model.h"

namespace collab::formula {

/// One loaded formula script.
struct FormulaScript {
  api::FormulaDefinition definition;
  std::string chunk;  // "scripts/formulae/grant_share.lua": how messages name it
  lua::Ref table;     // what collab.formula returned (params' defaults live there)
  lua::Ref weights;
};

/// What one evaluation of a formula gave: a weight per force (in the order of the model's
/// forces; a force the formula left out is absent), why each (when the formula says), and the
/// figures it read.
struct Weights {
  const FormulaScript* formula = nullptr;
  FinancialYear year = FinancialYear::starting(2000);
  nlohmann::json params;
  std::vector<std::pair<ForceId, double>> weights;
  std::map<ForceId, std::string> why;
  std::vector<api::InputRead> reads;
  lua::LimitReport report;

  const double* weight_of(const ForceId& force) const;
};

/// Where the ledger gets a formula's weights: the Lua scripts (FormulaLibrary), or, in the
/// benchmark, the same formula written in C++.
class WeightsSource {
 public:
  virtual ~WeightsSource() = default;
  virtual const std::shared_ptr<const Model>& shared_model() const = 0;
  const Model& model() const { return *shared_model(); }
  /// The weights `choice` gives in `year`, or nullptr after a diagnostic.
  virtual std::shared_ptr<const Weights> evaluate(const FormulaChoice& choice, FinancialYear year,
                                                  Diagnostics& diagnostics) = 0;
};

class FormulaLibrary final : public WeightsSource {
 public:
  /// Loads `root`/scripts/formulae/*.lua (in name order). Each problem becomes a diagnostic that
  /// names the file and line; a script with a problem is left out, the others load.
  static std::unique_ptr<FormulaLibrary> load(const std::filesystem::path& root, std::shared_ptr<const Model> model,
                                              Diagnostics& diagnostics, lua::Limits limits = {});

  const FormulaScript* find(std::string_view id) const;
  const std::vector<std::unique_ptr<FormulaScript>>& scripts() const { return scripts_; }
  const std::shared_ptr<const Model>& shared_model() const override { return context_.model; }

  /// Whether `choice` names a loaded formula with parameters it accepts; each fault is an error
  /// at the choice's place in the data.
  bool check_choice(const FormulaChoice& choice, Diagnostics& diagnostics) const;
  /// check_choice for the region's default and every formula a unit names.
  void check_choices(Diagnostics& diagnostics) const;

  /// The formula `choice` names, evaluated for `year` (cached: the same formula, parameters and
  /// year run once). A fault (the choice, a script error, a bad weight) is a diagnostic and
  /// nullptr.
  std::shared_ptr<const Weights> evaluate(const FormulaChoice& choice, FinancialYear year, Diagnostics& diagnostics) override;
  /// Forgets every evaluation, so the next evaluate() runs the script again (the benchmark
  /// times fresh evaluations; a scenario with changed figures needs them too).
  void forget_weights() { cache_.clear(); }

  /// How many times a weights function actually ran (for tests of the cache).
  int evaluations() const { return evaluations_; }

 private:
  FormulaLibrary(std::shared_ptr<const Model> model, lua::Limits limits);
  void load_script(const std::filesystem::path& file, const std::string& chunk, Diagnostics& diagnostics);
  /// A script error as a diagnostic, with the script's line as its excerpt.
  Diagnostic script_diagnostic(const lua::ScriptError& error) const;

  api::ApiContext context_;
  lua::Sandbox sandbox_;
  lua::Ref forces_;  // collab.forces, passed to every weights call
  std::vector<std::unique_ptr<FormulaScript>> scripts_;
  std::map<std::string, std::string> sources_;  // chunk -> source text, for excerpts
  std::map<std::string, std::shared_ptr<const Weights>> cache_;
  int evaluations_ = 0;
};

}  // namespace collab::formula
