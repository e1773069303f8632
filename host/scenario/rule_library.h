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
#include "plugin/plugin_set.h"
#include "scenario/draft_api.h"
#include "scenario/rule_constructor.h"
#include "scenario/scenario.h"

namespace collab::scenario {

/// A sandbox rules run in: the built-ins share one, each plug-in has its own (no globals shared).
/// Neither copied nor moved: the sandbox's closures hold the addresses of its contexts.
struct RuleHost {
  RuleHost(std::shared_ptr<const Model> model, lua::Limits limits);
  RuleHost(const RuleHost&) = delete;
  RuleHost& operator=(const RuleHost&) = delete;

  api::ApiContext api;
  RuleContext rule;
  lua::Sandbox sandbox;
  lua::Ref draft_table;  // collab.draft: the `model` argument of apply
};

struct RuleScript {
  RuleDefinition definition;
  std::string chunk;   // "scripts/whatif/withdraw.lua", "plugins/<name>/<file>.lua"
  lua::Ref apply;
  RuleHost* host = nullptr;  // the sandbox it was loaded into
  std::string plugin;        // the plug-in that provides it; empty for a built-in
};

/// How applying a step ended: done; refused (the scenario asked for an edit the host refused,
/// or a parameter the rule rejected: bad input); or failed (the rule's own code raised an error).
enum class Applied { Ok, Refused, Failed };

/// Owns the sandbox whose closures hold its contexts' addresses: neither copied nor moved.
class RuleLibrary {
 public:
  /// Loads `root`/scripts/whatif/*.lua in name order; each problem is an error naming the file
  /// and line, and that rule is left out. Then the rules of each usable plug-in of `plugins`, each
  /// plug-in in a sandbox of its own: a plug-in's problem (a script error, an id another rule
  /// has) fails that plug-in, whose rules are left out, with a warning in `diagnostics`.
  static std::unique_ptr<RuleLibrary> load(const std::filesystem::path& root, std::shared_ptr<const Model> model,
                                           Diagnostics& diagnostics, lua::Limits limits = {},
                                           plugin::PluginSet* plugins = nullptr);
  RuleLibrary(const RuleLibrary&) = delete;
  RuleLibrary& operator=(const RuleLibrary&) = delete;

  const RuleScript* find(std::string_view id) const;
  const std::vector<std::unique_ptr<RuleScript>>& rules() const { return rules_; }
  /// The sandbox the built-in rules run in (for the test that holds docs/lua/collab-rule.lua to it).
  lua::Sandbox& sandbox() { return hosts_.front()->sandbox; }

  /// Checks the step's rule and its parameters against the rule's declaration and `model`
  /// (forces, units, years, percentages, amounts); returns the parameters as apply receives them
  /// (ids, "2017/18", "-5%", pence), or nothing after adding errors at the step's places.
  std::optional<ParamValue> check_step(const Step& step, const Model& model, Diagnostics& diagnostics) const;
  /// Calls the rule's apply(model, params, step) on `draft`.
  Applied apply(const Step& step, std::size_t index, const ParamValue& params, Draft& draft, Diagnostics& diagnostics);

 private:
  RuleLibrary(std::shared_ptr<const Model> model, lua::Limits limits);
  RuleHost& new_host();
  /// Loads one script into `host`; its problems go to `diagnostics`. The rule, or null.
  RuleScript* load_script(RuleHost& host, const std::filesystem::path& file, const std::string& chunk,
                          const std::string& plugin, Diagnostics& diagnostics);
  void load_plugin(plugin::PluginStatus& status, Diagnostics& diagnostics);
  Diagnostic script_diagnostic(const lua::ScriptError& error) const;

  std::shared_ptr<const Model> model_;
  lua::Limits limits_;
  std::vector<std::unique_ptr<RuleHost>> hosts_;        // [0] the built-ins'; declared before the rules
  std::vector<std::unique_ptr<RuleScript>> rules_;      // whose Refs must go first
  std::set<std::string> failed_to_load_;
  std::map<std::string, std::string> skipped_;          // rule id -> the failed plug-in that provides it
  std::map<std::string, std::string> sources_;
};

}  // namespace collab::scenario
