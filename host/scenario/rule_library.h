#pragma once
// The what-if rules: every scripts/whatif/*.lua, loaded into one sandbox and checked; a scenario
// step's parameters checked against what its rule declares (errors at the scenario file's
// line:column); and a step applied to a Draft by calling the rule's apply function.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/api.h"
#include "core/diagnostic.h"
#include "lua/sandbox.h"
#include "scenario/draft_api.h"
#include "scenario/rule_constructor.h"
#include "scenario/scenario.h"

namespace collab::scenario {

struct RuleScript {
  RuleDefinition definition;
  std::string chunk;  // "scripts/whatif/withdraw.lua"
  lua::Ref apply;
};

/// How applying a step ended: done; refused (the scenario asked for an edit the host refused,
/// or a parameter the rule rejected: bad input); or failed (the rule's own code raised an error).
enum class Applied { Ok, Refused, Failed };

/// Owns the sandbox whose closures hold its contexts' addresses: neither copied nor moved.
class RuleLibrary {
 public:
  /// Loads `root`/scripts/whatif/*.lua in name order; each problem is an error naming the file
  /// and line, and that rule is left out.
  static std::unique_ptr<RuleLibrary> load(const std::filesystem::path& root, std::shared_ptr<const Model> model,
                                           Diagnostics& diagnostics, lua::Limits limits = {});
  RuleLibrary(const RuleLibrary&) = delete;
  RuleLibrary& operator=(const RuleLibrary&) = delete;

  const RuleScript* find(std::string_view id) const;
  const std::vector<std::unique_ptr<RuleScript>>& rules() const { return rules_; }
  /// The sandbox the rules run in (for the test that holds docs/lua/collab-rule.lua to it).
  lua::Sandbox& sandbox() { return sandbox_; }

  /// Checks the step's rule and its parameters against the rule's declaration and `model`
  /// (forces, units, years, percentages, amounts); returns the parameters as apply receives them
  /// (ids, "2017/18", "-5%", pence), or nothing after adding errors at the step's places.
  std::optional<ParamValue> check_step(const Step& step, const Model& model, Diagnostics& diagnostics) const;
  /// Calls the rule's apply(model, params, step) on `draft`.
  Applied apply(const Step& step, std::size_t index, const ParamValue& params, Draft& draft, Diagnostics& diagnostics);

 private:
  RuleLibrary(std::shared_ptr<const Model> model, lua::Limits limits);
  void load_script(const std::filesystem::path& file, const std::string& chunk, Diagnostics& diagnostics);
  Diagnostic script_diagnostic(const lua::ScriptError& error) const;

  api::ApiContext api_;
  RuleContext rule_;
  lua::Sandbox sandbox_;
  lua::Ref draft_table_;  // collab.draft: the `model` argument of apply
  std::vector<std::unique_ptr<RuleScript>> rules_;
  std::set<std::string> failed_to_load_;
  std::map<std::string, std::string> sources_;
};

}  // namespace collab::scenario
