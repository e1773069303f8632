// Loading rule scripts and applying scenario steps through them, in one sandbox.

#include "scenario/rule_library.h"

#include <fmt/format.h>

#include <algorithm>
#include <variant>

#include "core/text.h"
#include "formula/push_params.h"
#include "load/read_file.h"
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

RuleLibrary::RuleLibrary(std::shared_ptr<const Model> model, lua::Limits limits)
    : api_{std::move(model)}, sandbox_(limits) {
  api::install(sandbox_, api_);
  install_rule_constructor(sandbox_);
  install_draft_api(sandbox_, rule_);
  lua::RunResult draft = sandbox_.run(sandbox_.new_environment(), "(host)", "return collab.draft");
  if (!draft.ok()) throw std::runtime_error("cannot read collab.draft: " + draft.error->message);
  draft_table_ = std::move(draft.values.at(0));
}

std::unique_ptr<RuleLibrary> RuleLibrary::load(const std::filesystem::path& root, std::shared_ptr<const Model> model,
                                               Diagnostics& diagnostics, lua::Limits limits) {
  std::unique_ptr<RuleLibrary> library(new RuleLibrary(std::move(model), limits));
  const auto folder = root / "scripts" / "whatif";
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) return library;  // no rules: every step is an unknown rule
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error))
    if (entry.path().extension() == ".lua") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) library->load_script(file, "scripts/whatif/" + file.filename().string(), diagnostics);
  return library;
}

void RuleLibrary::load_script(const std::filesystem::path& file, const std::string& chunk, Diagnostics& diagnostics) {
  const std::string stem = file.stem().string();
  failed_to_load_.insert(stem);
  auto text = load::read_bounded(file, sandbox_.limits().max_source_bytes);
  if (auto* failure = std::get_if<load::ReadFailure>(&text)) {
    diagnostics.error(SourceLocation{chunk}, failure->message, failure->hint);
    return;
  }
  const std::string& source = sources_[chunk] = std::move(std::get<std::string>(text));
  lua::RunResult run = sandbox_.run(chunk, source);
  if (!run.ok()) return diagnostics.add(script_diagnostic(*run.error));
  const SourceLocation where{chunk};
  if (run.values.empty())
    return diagnostics.error(where, "the script returns nothing", "end it with: return collab.rule{ id = ..., apply = ... }");
  auto script = std::make_unique<RuleScript>();
  std::optional<Result<RuleDefinition>> definition;
  try {
    sandbox_.inspect("reading a rule", [&](lua_State* L) {
      run.values[0].push(L);
      definition = read_rule(L, -1);
    });
    script->apply = sandbox_.field(run.values[0], "apply");
  } catch (const std::runtime_error& e) {
    return diagnostics.error(where, fmt::format("the host could not read the rule: {}", e.what()),
                             "the script keeps too much in memory when it loads; or raise --memory-limit");
  }
  if (!*definition) return diagnostics.error(where, "the script " + definition->error(), "end it with: return collab.rule{ ... }");
  script->definition = std::move(definition->value());
  if (script->definition.id != stem)
    return diagnostics.error(where, fmt::format("the rule's id is '{}' but its file is {}", script->definition.id,
                                                file.filename().string()),
                             fmt::format("name the file {}.lua, or change the id to '{}'", script->definition.id, stem));
  script->chunk = chunk;
  rules_.push_back(std::move(script));
  failed_to_load_.erase(stem);
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
    std::vector<std::string> ids;
    for (const auto& r : rules_) ids.push_back(r->definition.id);
    const std::string near = nearest_name(step.rule, ids);
    std::string known;
    for (const auto& id : ids) known += (known.empty() ? "" : ", ") + id;
    diagnostics.error(step.rule_where,
                      fmt::format("unknown rule '{}'{}", step.rule, near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)),
                      known.empty() ? "no rule loaded from scripts/whatif" : "rules in scripts/whatif: " + known);
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
    ApplyScope scope(rule_, api_, evaluation, draft);
    result = sandbox_.call(rule.chunk, rule.apply, [&](lua_State* L) {
      draft_table_.push(L);
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
  if (!rule_.refused.empty() || !evaluation.bad_param.empty()) {
    const std::string message = rule_.refused.empty() ? evaluation.bad_param_message : rule_.refused;
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
