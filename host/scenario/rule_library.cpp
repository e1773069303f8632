// Loading rule scripts and applying scenario steps through them, in one sandbox.

#include "scenario/rule_library.h"

#include <fmt/format.h>

#include <algorithm>
#include <variant>

#include "core/text.h"
#include "formula/push_params.h"
#include "load/read_file.h"
#include "plugin/load_scripts.h"
#include "scenario/scenario_loader.h"
#include "scenario/step_params.h"

namespace collab::scenario {

namespace {

constexpr std::size_t kMaxMessageBytes = 4096;

// The place a refusal or a rejected parameter points at: the parameter whose value the message
// quotes (or names), else the step.
SourceLocation refusal_place(const Step& step, const std::string& message, const std::string& bad_param) {
  for (const auto& [name, value] : step.params.members) {
    if (name == bad_param) return value.where;
    if (value.type == ParamValue::Type::String && message.find("'" + value.text + "'") != std::string::npos)
      return value.where;
  }
  return step.where;
}

// Sets the rule's draft (and the evaluation collab.param_error writes to) around one apply call.
class ApplyScope {
 public:
  ApplyScope(RuleContext& rule, api::ApiContext& api, api::Evaluation& evaluation, Draft& draft)
      : rule_(rule), api_(api) {
    rule_.draft = &draft;
    rule_.refused.clear();
    api_.evaluation = &evaluation;
  }
  ~ApplyScope() {
    rule_.draft = nullptr;
    api_.evaluation = nullptr;
  }
  ApplyScope(const ApplyScope&) = delete;
  ApplyScope& operator=(const ApplyScope&) = delete;

 private:
  RuleContext& rule_;
  api::ApiContext& api_;
};

}  // namespace

RuleHost::RuleHost(std::shared_ptr<const Model> model, lua::Limits limits) : api{std::move(model)}, sandbox(limits) {
  api::install(sandbox, api);
  install_rule_constructor(sandbox);
  install_draft_api(sandbox, rule);
  lua::RunResult draft = sandbox.run(sandbox.new_environment(), "(host)", "return collab.draft");
  if (!draft.ok()) throw std::runtime_error("cannot read collab.draft: " + draft.error->message);
  draft_table = std::move(draft.values.at(0));
}

RuleLibrary::RuleLibrary(std::shared_ptr<const Model> model, lua::Limits limits)
    : model_(std::move(model)), limits_(limits) {
  new_host();  // the built-ins'
}

RuleHost& RuleLibrary::new_host() {
  hosts_.push_back(std::make_unique<RuleHost>(model_, limits_));
  return *hosts_.back();
}

std::unique_ptr<RuleLibrary> RuleLibrary::load(const std::filesystem::path& root, std::shared_ptr<const Model> model,
                                               Diagnostics& diagnostics, lua::Limits limits, plugin::PluginSet* plugins) {
  std::unique_ptr<RuleLibrary> library(new RuleLibrary(std::move(model), limits));
  const auto folder = root / "scripts" / "whatif";
  std::error_code error;
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(folder, error))  // no folder: no built-in rules
    for (const auto& entry : std::filesystem::directory_iterator(folder, error))
      if (entry.path().extension() == ".lua") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string stem = file.stem().string();
    library->failed_to_load_.insert(stem);  // until it has loaded
    if (library->load_script(*library->hosts_.front(), file, "scripts/whatif/" + file.filename().string(), "",
                             diagnostics) != nullptr)
      library->failed_to_load_.erase(stem);
  }
  if (plugins != nullptr)
    for (plugin::PluginStatus& status : plugins->statuses()) library->load_plugin(status, diagnostics);
  return library;
}

void RuleLibrary::load_plugin(plugin::PluginStatus& status, Diagnostics& diagnostics) {
  if (!status.manifest || status.manifest->rules.empty()) return;
  RuleHost* host = status.usable() ? &new_host() : nullptr;
  plugin::load_plugin_scripts(
      status, status.manifest->rules, status.rules, rules_, failed_to_load_, skipped_, "rule",
      [&](const std::filesystem::path& file, const std::string& chunk, Diagnostics& problems) {
        return load_script(*host, file, chunk, status.manifest->name, problems);
      },
      diagnostics);
}

RuleScript* RuleLibrary::load_script(RuleHost& host, const std::filesystem::path& file, const std::string& chunk,
                                     const std::string& plugin, Diagnostics& diagnostics) {
  const std::string stem = file.stem().string();
  lua::Sandbox& sandbox = host.sandbox;
  auto text = load::read_bounded(file, sandbox.limits().max_source_bytes);
  if (auto* failure = std::get_if<load::ReadFailure>(&text)) {
    diagnostics.error(SourceLocation{chunk}, failure->message, failure->hint);
    return nullptr;
  }
  const std::string& source = sources_[chunk] = std::move(std::get<std::string>(text));
  lua::Environment env;
  try {
    env = sandbox.new_environment();
  } catch (const std::runtime_error& e) {
    diagnostics.error(SourceLocation{chunk}, fmt::format("the host could not prepare the rule's globals: {}", e.what()));
    return nullptr;
  }
  lua::RunResult run = sandbox.run(env, chunk, source);
  if (!run.ok()) {
    diagnostics.add(script_diagnostic(*run.error));
    return nullptr;
  }
  const SourceLocation where{chunk};
  if (run.values.empty()) {
    diagnostics.error(where, "the script returns nothing", "end it with: return collab.rule{ id = ..., apply = ... }");
    return nullptr;
  }
  auto script = std::make_unique<RuleScript>();
  std::optional<Result<RuleDefinition>> definition;
  try {
    sandbox.inspect("reading a rule", [&](lua_State* L) {
      run.values[0].push(L);
      definition = read_rule(L, -1);
    });
    script->apply = sandbox.field(run.values[0], "apply");
    // Globals set while loading stay readable; an apply that assigns one fails (sandbox.h).
    if (*definition) sandbox.freeze_globals(env, fmt::format("rule '{}'", definition->value().id));
  } catch (const std::runtime_error& e) {
    diagnostics.error(where, fmt::format("the host could not read the rule: {}", e.what()),
                      "the script keeps too much in memory when it loads; or raise --memory-limit");
    return nullptr;
  }
  if (!*definition) {
    diagnostics.error(where, "the script " + definition->error(), "end it with: return collab.rule{ ... }");
    return nullptr;
  }
  script->definition = std::move(definition->value());
  if (script->definition.id != stem) {
    diagnostics.error(where, fmt::format("the rule's id is '{}' but its file is {}", script->definition.id,
                                         file.filename().string()),
                      fmt::format("name the file {}.lua, or change the id to '{}'", script->definition.id, stem));
    return nullptr;
  }
  script->chunk = chunk;
  script->host = &host;
  script->plugin = plugin;
  rules_.push_back(std::move(script));
  return rules_.back().get();
}

Diagnostic RuleLibrary::script_diagnostic(const lua::ScriptError& error) const { return lua::to_diagnostic(error, sources_); }

const RuleScript* RuleLibrary::find(std::string_view id) const {
  for (const auto& r : rules_)
    if (r->definition.id == id) return r.get();
  return nullptr;
}

std::optional<ParamValue> RuleLibrary::check_step(const Step& step, const Model& model, Diagnostics& diagnostics) const {
  const RuleScript* rule = find(step.rule);
  if (rule == nullptr) {
    if (failed_to_load_.count(step.rule) > 0) {
      diagnostics.error(step.rule_where, fmt::format("rule '{}' did not load (its error is above)", step.rule));
      return std::nullopt;
    }
    if (auto skipped = skipped_.find(step.rule); skipped != skipped_.end()) {
      diagnostics.error(step.rule_where, fmt::format("rule '{}' is not available: plug-in '{}', which provides it, was "
                                                     "skipped", step.rule, skipped->second),
                        "'collab plugins list' says why; fix the plug-in or use another rule");
      return std::nullopt;
    }
    std::vector<std::string> ids;
    for (const auto& r : rules_) ids.push_back(r->definition.id);
    const std::string near = nearest_name(step.rule, ids);
    std::string known;
    for (const auto& id : ids) known += (known.empty() ? "" : ", ") + id;
    diagnostics.error(step.rule_where,
                      fmt::format("unknown rule '{}'{}", step.rule, near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)),
                      known.empty() ? "no rule loaded from scripts/whatif or a plug-in" : "rules loaded: " + known);
    return std::nullopt;
  }
  return check_params(rule->definition, step, model, diagnostics);
}

Applied RuleLibrary::apply(const Step& step, std::size_t index, const ParamValue& params, Draft& draft,
                           Diagnostics& diagnostics) {
  const RuleScript& rule = *find(step.rule);  // check_step passed
  draft.begin_step(step.from, step.where);
  api::Evaluation evaluation;
  evaluation.formula_id = rule.definition.id;
  lua::RunResult result;
  {
    RuleHost& host = *rule.host;
    ApplyScope scope(host.rule, host.api, evaluation, draft);
    result = host.sandbox.call(rule.chunk, rule.apply, [&](lua_State* L) {
      host.draft_table.push(L);
      formula::push_params(L, params);
      lua_createtable(L, 0, 3);
      const std::string from = step.from.str();
      lua_pushlstring(L, from.data(), from.size());
      lua_setfield(L, -2, "from");
      lua_pushlstring(L, step.rule.data(), step.rule.size());
      lua_setfield(L, -2, "rule");
      lua_pushinteger(L, static_cast<lua_Integer>(index + 1));
      lua_setfield(L, -2, "index");
      return 3;
    });
  }
  if (!rule.host->rule.refused.empty() || !evaluation.bad_param.empty()) {
    const std::string message = rule.host->rule.refused.empty() ? evaluation.bad_param_message : rule.host->rule.refused;
    diagnostics.error(refusal_place(step, message, evaluation.bad_param),
                      fmt::format("step {} ({} from {}): {}", index + 1, step.rule, step.from.str(), capped_text(message, kMaxMessageBytes)),
                      fmt::format("check the step's parameters (rule {})", rule.chunk));
    return Applied::Refused;
  }
  if (!result.ok()) {
    Diagnostic d = script_diagnostic(*result.error);
    d.hint = fmt::format("while applying step {} at {}", index + 1, step.where.str());
    diagnostics.add(std::move(d));
    return Applied::Failed;
  }
  return Applied::Ok;
}

}  // namespace collab::scenario
