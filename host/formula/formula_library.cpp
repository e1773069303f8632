#include "formula/formula_library.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <variant>

#include "api/arguments.h"
#include "core/text.h"
#include "formula/push_params.h"
#include "load/read_file.h"
#include "plugin/load_scripts.h"

namespace collab::formula {

namespace {

std::string params_summary(const api::FormulaDefinition& definition) {
  if (definition.params.empty()) return fmt::format("formula '{}' takes no parameters", definition.id);
  std::string out;
  for (const auto& p : definition.params)
    out += fmt::format("{}{} ({}{})", out.empty() ? "" : ", ", p.name, p.type, p.required ? ", required" : "");
  return fmt::format("parameters of '{}': {}", definition.id, out);
}

std::string joined(const std::vector<ForceId>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// Sets and clears the API's "formula being evaluated" (and the model it reads) around one call.
class EvaluationScope {
 public:
  EvaluationScope(api::ApiContext& context, api::Evaluation& evaluation, std::shared_ptr<const Model> model,
                  const api::GrantOverride* grants = nullptr)
      : context_(context), saved_(std::exchange(context.model, std::move(model))) {
    context_.evaluation = &evaluation;
    context_.grants = grants;
  }
  ~EvaluationScope() {
    context_.evaluation = nullptr;
    context_.grants = nullptr;
    context_.model = std::move(saved_);
  }
  EvaluationScope(const EvaluationScope&) = delete;
  EvaluationScope& operator=(const EvaluationScope&) = delete;

 private:
  api::ApiContext& context_;
  std::shared_ptr<const Model> saved_;
};

// What the host copies of a formula's notes (its second result): each note and all of them
// together count against bounds of their own, not the Lua state's memory.
constexpr std::size_t kMaxNoteBytes = 1024;
constexpr std::size_t kMaxNotesBytes = 64 * 1024;
constexpr std::size_t kMaxKeyBytes = 256;        // longer than any force id: shown cut in the error

// A force id as a weights or notes key: the whole string (a NUL inside is an error, never cut).
std::string force_key(lua_State* L, int index, const char* what) {
  const std::string_view key = api::view_at(L, index);
  if (key.size() > kMaxKeyBytes)
    throw std::runtime_error(fmt::format("{} returned a key of {} bytes, which is not a force id: '{}'", what,
                                         key.size(), visible_text(capped_text(key, 40))));
  if (key.find('\0') != std::string_view::npos)
    throw std::runtime_error(fmt::format("{} returned the key '{}', which holds a NUL byte: key each weight by force "
                                         "id (w[force.id] = ...)",
                                         what, visible_text(key)));
  return std::string(key);
}

// Reads what a weights function returned (stack 1..n), raw, into `out`; throws what is wrong.
// The contract: a weight above zero for every participant, and for no other force.
void read_weights(lua_State* L, int n, const Model& model, const std::vector<ForceId>& participants, Weights& out) {
  if (n < 1 || !lua_istable(L, 1))
    throw std::runtime_error(fmt::format("weights must return a table of weights by force id, got {}",
                                         n < 1 ? "nothing" : luaL_typename(L, 1)));
  // A table's traversal order differs from one run to the next (Lua seeds its string hashes per
  // state), so every fault is named the same way on every run: first any key that is not a
  // participant's, the first in order of (kind, text); then each participant's weight, in the
  // model's order.
  std::optional<std::pair<std::string, std::string>> stray;  // (sort key, message)
  lua_pushnil(L);
  while (lua_next(L, 1) != 0) {
    std::pair<std::string, std::string> problem;
    if (lua_type(L, -2) != LUA_TSTRING) {
      problem = {std::string(1, '\0') + luaL_typename(L, -2),
                 fmt::format("weights returned a {} key: key each weight by force id (w[force.id] = ...)",
                             luaL_typename(L, -2))};
    } else {
      std::string id;
      try {
        id = force_key(L, -2, "weights");
      } catch (const std::runtime_error& bad_key) {  // too long, or holding a NUL
        problem = {std::string(api::view_at(L, -2).substr(0, kMaxKeyBytes + 1)), bad_key.what()};
      }
      if (problem.second.empty()) {
        if (std::find(participants.begin(), participants.end(), id) != participants.end()) {
          lua_pop(L, 1);
          continue;
        }
        const Force* named = model.force(id) == nullptr ? model.find_force(id) : nullptr;
        problem = {id, model.force(id) == nullptr
                           ? fmt::format("weights returned a weight for '{}', which is not a force id{}",
                                         visible_text(id), named ? fmt::format(" (did you mean '{}'?)", named->id) : "")
                           : fmt::format("weights returned a weight for '{}', which does not take part (the forces "
                                         "argument holds the participants: {})",
                                         id, joined(participants))};
      }
    }
    if (!stray || problem.first < stray->first) stray = std::move(problem);
    lua_pop(L, 1);
  }
  if (stray) throw std::runtime_error(stray->second);
  for (const ForceId& id : participants) {
    lua_pushlstring(L, id.data(), id.size());
    const int type = lua_rawget(L, 1);
    if (type == LUA_TNIL)
      throw std::runtime_error(fmt::format("weights gave no weight to '{}', which takes part: return a weight for "
                                           "every force in the forces argument",
                                           id));
    if (type != LUA_TNUMBER)
      throw std::runtime_error(fmt::format("the weight of '{}' is a {}, not a number", id, luaL_typename(L, -1)));
    const double w = lua_tonumber(L, -1);
    if (!std::isfinite(w) || w <= 0)
      throw std::runtime_error(fmt::format("the weight of '{}' is {}: weights must be finite numbers above zero "
                                           "(a force that pays nothing does not take part)",
                                           id, std::isnan(w) ? "NaN" : fmt::format("{}", w)));
    out.weights.emplace_back(id, w);
    lua_pop(L, 1);
  }
  if (n < 2 || !lua_istable(L, 2)) return;
  // Notes: only the participants' (read by id, so no hash order enters), each and all bounded.
  std::size_t total = 0;
  for (const ForceId& id : participants) {
    lua_pushlstring(L, id.data(), id.size());
    if (lua_rawget(L, 2) == LUA_TSTRING) {
      const std::string_view note = api::view_at(L, -1);
      const std::size_t room = total < kMaxNotesBytes ? kMaxNotesBytes - total : 0;
      std::string kept = room == 0 ? fmt::format("(note of {} bytes left out: the notes' bound is {} bytes)", note.size(),
                                                 kMaxNotesBytes)
                                   : capped_text(note, std::min(kMaxNoteBytes, room));
      total += std::min(note.size(), std::min(kMaxNoteBytes, room));
      out.why[id] = std::move(kept);
    }
    lua_pop(L, 1);
  }
}

}  // namespace

SourceLocation param_location(const ParamValue& params, std::string_view path, const SourceLocation& fallback) {
  const ParamValue* at = &params;
  while (!path.empty()) {
    const auto dot = path.find('.');
    const std::string_view key = path.substr(0, dot);
    const ParamValue* next = at->member(key);
    if (next == nullptr) break;
    at = next;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return at->where.file.empty() ? fallback : at->where;
}

FormulaHost::FormulaHost(std::shared_ptr<const Model> model, lua::Limits limits)
    : context{std::move(model)}, sandbox(limits) {
  api::install(sandbox, context);
  lua::Environment env = sandbox.new_environment();
  lua::RunResult all = sandbox.run(env, "(host)", "return collab.forces");
  if (!all.ok()) throw std::runtime_error("cannot read collab.forces: " + all.error->message);
  forces = std::move(all.values.at(0));
  const Model& region = *context.model;
  views = sandbox.make_value([&](lua_State* L) {
    lua_createtable(L, static_cast<int>(region.forces.size()), 0);
    forces.push(L);
    for (std::size_t i = 0; i < region.forces.size(); ++i) {
      lua_geti(L, -1, static_cast<lua_Integer>(i + 1));
      lua_rawseti(L, -3, static_cast<lua_Integer>(i + 1));
    }
    lua_pop(L, 1);
  });
  // The views hold every id string, so their addresses stay valid for the state's life.
  sandbox.inspect("force ids", [&](lua_State* L) {
    for (std::size_t i = 0; i < region.forces.size(); ++i) {
      const std::string& id = region.forces[i].id;
      lua_pushlstring(L, id.data(), id.size());
      id_index.emplace(static_cast<const void*>(lua_tostring(L, -1)), static_cast<std::int32_t>(i));
      lua_pop(L, 1);
    }
  });
}

FormulaLibrary::FormulaLibrary(std::shared_ptr<const Model> model, lua::Limits limits, RunObserver observer)
    : base_model_(std::move(model)), limits_(limits), observer_(std::move(observer)) {
  for (const Force& f : base_model_->forces) region_.push_back(f.id);
  new_host();  // the built-ins'
}

FormulaHost& FormulaLibrary::new_host() {
  hosts_.push_back(std::make_unique<FormulaHost>(base_model_, limits_));
  return *hosts_.back();
}

std::unique_ptr<FormulaLibrary> FormulaLibrary::load(const std::filesystem::path& root, std::shared_ptr<const Model> model,
                                                     Diagnostics& diagnostics, lua::Limits limits, RunObserver observer,
                                                     plugin::PluginSet* plugins) {
  std::unique_ptr<FormulaLibrary> library(new FormulaLibrary(std::move(model), limits, std::move(observer)));
  const std::filesystem::path folder = root / "scripts" / "formulae";
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    diagnostics.error({folder.string()}, "no formulae: the folder does not exist",
                      "give --root the folder that holds data/ and scripts/");
    return library;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error))
    if (entry.path().extension() == ".lua") files.push_back(entry.path());  // the reader refuses what is not a file
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string stem = file.stem().string();
    library->failed_to_load_.insert(stem);  // until it has loaded
    if (library->load_script(*library->hosts_.front(), file, "scripts/formulae/" + file.filename().string(), "",
                             diagnostics) != nullptr)
      library->failed_to_load_.erase(stem);
  }
  if (plugins != nullptr)
    for (plugin::PluginStatus& status : plugins->statuses()) library->load_plugin(status, diagnostics);
  return library;
}

void FormulaLibrary::load_plugin(plugin::PluginStatus& status, Diagnostics& diagnostics) {
  if (!status.manifest || status.manifest->formulae.empty()) return;
  FormulaHost* host = status.usable() ? &new_host() : nullptr;
  plugin::load_plugin_scripts(
      status, status.manifest->formulae, status.formulae, scripts_, failed_to_load_, skipped_, "formula",
      [&](const std::filesystem::path& file, const std::string& chunk, Diagnostics& problems) {
        return load_script(*host, file, chunk, status.manifest->name, problems);
      },
      diagnostics);
}

void FormulaLibrary::observe(const std::string& chunk, std::string what, lua::RunResult& result) {
  if (!observer_) return;
  observer_(ScriptRun{chunk, std::move(what), result.report, std::move(result.log)});
}

FormulaScript* FormulaLibrary::load_script(FormulaHost& host, const std::filesystem::path& file, const std::string& chunk,
                                           const std::string& plugin, Diagnostics& diagnostics) {
  const std::string stem = file.stem().string();
  lua::Sandbox& sandbox = host.sandbox;
  // Bounded, regular files only: a FIFO, a device or a link loop is an error at the script.
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
    diagnostics.error(SourceLocation{chunk}, fmt::format("the host could not prepare the formula's globals: {}", e.what()));
    return nullptr;
  }
  lua::RunResult run = sandbox.run(env, chunk, source);
  observe(chunk, "load", run);
  if (!run.ok()) {
    diagnostics.add(script_diagnostic(*run.error));
    return nullptr;
  }
  const SourceLocation where{chunk};
  if (run.values.empty()) {
    diagnostics.error(where, "the script returns nothing", "end it with: return collab.formula{ id = ..., weights = ... }");
    return nullptr;
  }
  auto script = std::make_unique<FormulaScript>();
  std::optional<Result<api::FormulaDefinition>> definition;
  try {
    sandbox.inspect("reading a formula", [&](lua_State* L) {
      run.values[0].push(L);
      definition = api::read_formula(L, -1);
    });
    script->weights = sandbox.field(run.values[0], "weights");
    // Globals set while loading stay readable; a call that assigns one fails (sandbox.h).
    if (*definition) sandbox.freeze_globals(env, fmt::format("formula '{}'", definition->value().id));
  } catch (const std::runtime_error& e) {
    // The script left its state too full for the host to read what it returned: its memory error.
    diagnostics.error(where, fmt::format("memory limit exceeded ({} MiB) while the host read the formula: {}",
                                         sandbox.limits().memory_bytes >> 20, e.what()),
                      "the script keeps too much in memory when it loads; or raise --memory-limit");
    return nullptr;
  }
  if (!*definition) {
    diagnostics.error(where, "the script " + definition->error(), "end it with: return collab.formula{ ... }");
    return nullptr;
  }
  script->definition = std::move(definition->value());
  if (script->definition.id != stem) {
    diagnostics.error(where, fmt::format("the formula's id is '{}' but its file is {}", script->definition.id, file.filename().string()),
                      fmt::format("name the file {}.lua, or change the id to '{}'", script->definition.id, stem));
    return nullptr;
  }
  script->info = {script->definition.id, script->definition.title, chunk, script->definition.round_shares,
                  script->definition.region_scope, script->definition.inputs};
  script->table = std::move(run.values[0]);
  script->host = &host;
  script->plugin = plugin;
  scripts_.push_back(std::move(script));
  return scripts_.back().get();
}

Diagnostic FormulaLibrary::script_diagnostic(const lua::ScriptError& error) const { return lua::to_diagnostic(error, sources_); }

const FormulaScript* FormulaLibrary::find(std::string_view id) const {
  for (const auto& s : scripts_)
    if (s->definition.id == id) return s.get();
  return nullptr;
}

bool FormulaLibrary::check_choice(const FormulaChoice& choice, Diagnostics& diagnostics) const {
  const FormulaScript* script = find(choice.id);
  if (script == nullptr) {
    if (failed_to_load_.count(choice.id) > 0) return false;  // its load error says why
    if (auto skipped = skipped_.find(choice.id); skipped != skipped_.end()) {
      diagnostics.error(choice.where, fmt::format("formula '{}' is not available: plug-in '{}', which provides it, was "
                                                  "skipped", choice.id, skipped->second),
                        "'collab plugins list' says why; fix the plug-in or choose another formula");
      return false;
    }
    std::string known;
    for (const auto& s : scripts_) known += (known.empty() ? "" : ", ") + s->definition.id;
    diagnostics.error(choice.where, fmt::format("unknown formula '{}'", choice.id),
                      known.empty() ? "no formula loaded from scripts/formulae or a plug-in" : "formulae loaded: " + known);
    return false;
  }
  const api::FormulaDefinition& definition = script->definition;
  if (!choice.params.is_object()) {
    diagnostics.error(choice.params.where.file.empty() ? choice.where : choice.params.where,
                      "a formula's params must be an object", params_summary(definition));
    return false;
  }
  bool ok = true;
  for (const auto& member : choice.params.members) {
    const std::string& name = member.key;  // not a structured binding: clang 14 cannot capture one
    const ParamValue& value = member.value;
    auto spec = std::find_if(definition.params.begin(), definition.params.end(),
                             [&](const api::ParamSpec& p) { return p.name == name; });
    const SourceLocation at = value.where.file.empty() ? choice.where : value.where;
    if (spec == definition.params.end()) {
      diagnostics.error(at, fmt::format("formula '{}' has no parameter '{}'", choice.id, name), params_summary(definition));
      ok = false;
    } else if (value.lua_type() != spec->type) {
      diagnostics.error(at, fmt::format("parameter '{}' of formula '{}' must be a {}, not a {}", name, choice.id,
                                        spec->type, value.lua_type()),
                        spec->doc);
      ok = false;
    }
  }
  for (const auto& spec : definition.params)
    if (spec.required && !choice.params.contains(spec.name)) {
      diagnostics.error(choice.where, fmt::format("formula '{}' needs parameter '{}'", choice.id, spec.name), spec.doc);
      ok = false;
    }
  return ok;
}

void FormulaLibrary::check_choices(const Model& model, Diagnostics& diagnostics) const {
  check_choice(model.region.default_formula, diagnostics);
  for (const Collaboration& unit : model.collaborations)
    for (const FormulaChoice& choice : unit.formula) check_choice(choice, diagnostics);
}

std::optional<Diagnostic> FormulaLibrary::same_region(const Model& model) const {
  const Model& base = *base_model_;
  bool same = model.forces.size() == base.forces.size();
  for (size_t i = 0; same && i < model.forces.size(); ++i) same = model.forces[i].id == base.forces[i].id;
  if (same) return std::nullopt;
  Diagnostic d;
  d.where = {"data/forces.json"};
  d.message = "the formulae were loaded for another region's forces: a changed model must keep the region's forces";
  d.hint = "load the formula library again for this data set";
  return d;
}

FormulaLibrary::ModelCache& FormulaLibrary::cache_for(const std::shared_ptr<const Model>& model) {
  for (auto it = caches_.begin(); it != caches_.end();)  // a model that has gone cannot be asked again
    it = it->second.model.expired() ? caches_.erase(it) : std::next(it);
  ModelCache& cache = caches_[model.get()];
  if (cache.model.expired()) cache = ModelCache{model, {}};
  return cache;
}

std::shared_ptr<const Weights> FormulaLibrary::evaluate(const std::shared_ptr<const Model>& model,
                                                        const FormulaChoice& choice, FinancialYear year,
                                                        const std::vector<ForceId>& unit_participants,
                                                        Diagnostics& diagnostics) {
  // A region-scope formula weighs every force once per year, whoever takes part.
  const FormulaScript* script = find(choice.id);
  const bool region_scope = script != nullptr && script->definition.region_scope;
  const std::vector<ForceId>& participants = region_scope ? region_ : unit_participants;
  const std::string key = fmt::format("{}|{}|{}|{}", choice.id, choice.params.canonical(), year.str(), joined(participants));
  ModelCache& cache = cache_for(model);
  auto found = cache.entries.find(key);
  if (found == cache.entries.end()) found = cache.entries.emplace(key, run_weights(model, choice, year, participants)).first;
  for (const Diagnostic& d : found->second.problems) diagnostics.add(d);
  return found->second.weights;
}

// The params table: the data's values, then the script's defaults for what the data leaves out.
// In a state a script has filled to its ceiling this can fail: that is the script's memory
// error, never the host's.
std::optional<Diagnostic> FormulaLibrary::make_params(const FormulaScript& script, const FormulaChoice& choice,
                                                      lua::Ref& params) const {
  try {
    params = script.host->sandbox.make_value([&](lua_State* L) {
      push_params(L, choice.params);
      const int p = lua_gettop(L);
      script.table.push(L);
      lua_pushliteral(L, "params");
      if (lua_rawget(L, -2) != LUA_TTABLE) return void(lua_settop(L, p));
      for (const auto& spec : script.definition.params) {
        if (!spec.has_default || choice.params.contains(spec.name)) continue;
        lua_pushstring(L, spec.name.c_str());
        lua_rawget(L, -2);
        lua_pushstring(L, "default");
        lua_rawget(L, -2);
        lua_setfield(L, p, spec.name.c_str());
        lua_pop(L, 1);
      }
      lua_settop(L, p);
    });
  } catch (const std::runtime_error& e) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.where = {script.info.chunk};
    d.message = fmt::format("memory limit exceeded ({} MiB) while the host built the params table: {}",
                            script.host->sandbox.limits().memory_bytes >> 20, e.what());
    d.hint = "the script's state is full: look for data a formula keeps in globals between runs, or raise --memory-limit";
    return d;
  }
  return std::nullopt;
}

Diagnostic FormulaLibrary::call_failure(const FormulaScript&, const FormulaChoice& choice,
                                        const api::Evaluation& evaluation, const lua::ScriptError& error,
                                        const std::string& year_text, const std::vector<ForceId>& participants) const {
  Diagnostic d = script_diagnostic(error);
  const std::string because = fmt::format("while computing the weights for {} of {}, as chosen at {}", year_text,
                                          joined(participants), choice.where.str());
  if (!evaluation.bad_param.empty()) {
    // The data is wrong, not the script: point at the parameter.
    d.hint = fmt::format("raised at {} {}", d.where.str(), because);
    d.where = param_location(choice.params, evaluation.bad_param, choice.where);
    d.message = fmt::format("parameter '{}' of formula '{}': {}", evaluation.bad_param, choice.id,
                            evaluation.bad_param_message);
    d.excerpt.clear();
    d.detail.clear();
  } else {
    d.hint = fmt::format("{}{}{}", because, d.hint.empty() ? "" : "; ", d.hint);
  }
  return d;
}

std::optional<LeanFormula> FormulaLibrary::prepare_lean(const FormulaChoice& choice, Diagnostics& diagnostics) {
  if (!check_choice(choice, diagnostics)) return std::nullopt;
  LeanFormula lean;
  lean.script = find(choice.id);
  lean.choice = choice;
  if (auto failure = make_params(*lean.script, choice, lean.params)) {
    diagnostics.add(std::move(*failure));
    return std::nullopt;
  }
  return lean;
}

namespace {

// The lean reader: every key a participant's interned id, every value a finite number above zero,
// one per participant; false at the first thing that is not so (read_weights then says what).
bool read_weights_lean(lua_State* L, int n, const FormulaHost& host, const std::vector<std::int32_t>& position,
                       std::span<double> out) {
  if (n < 1 || !lua_istable(L, 1)) return false;
  struct Restore {  // the stack as the call left it, whatever the reader stopped at
    lua_State* L;
    int top;
    ~Restore() { lua_settop(L, top); }
  } restore{L, n};
  std::size_t seen = 0;
  lua_pushnil(L);
  while (lua_next(L, 1) != 0) {
    if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TNUMBER) return false;
    const auto found = host.id_index.find(static_cast<const void*>(lua_tostring(L, -2)));
    if (found == host.id_index.end()) return false;  // another string, a long id: the full reader decides
    const std::int32_t at = position[static_cast<std::size_t>(found->second)];
    const double w = lua_tonumber(L, -1);
    if (at < 0 || !std::isfinite(w) || w <= 0) return false;
    out[static_cast<std::size_t>(at)] = w;
    ++seen;
    lua_pop(L, 1);
  }
  return seen == out.size();
}

}  // namespace

std::optional<Diagnostic> FormulaLibrary::evaluate_lean(const LeanFormula& formula, const std::shared_ptr<const Model>& model,
                                                        FinancialYear year, std::span<const std::int32_t> participants,
                                                        const api::GrantOverride* grants, std::span<double> weights) {
  const FormulaScript& script = *formula.script;
  const Model& base = *base_model_;
  if (weights.size() != participants.size())
    throw std::invalid_argument("evaluate_lean: give one weight slot per participant");
  position_.assign(base.forces.size(), -1);
  for (std::size_t i = 0; i < participants.size(); ++i) position_.at(static_cast<std::size_t>(participants[i])) = static_cast<std::int32_t>(i);
  api::Evaluation& evaluation = lean_evaluation_;
  evaluation.formula_id = script.definition.id;
  evaluation.declared_inputs = script.definition.inputs;
  evaluation.reads.clear();
  evaluation.bad_param.clear();
  evaluation.bad_param_message.clear();
  evaluation.explaining = false;
  const std::string year_string = year.str();  // "2016/17": short enough not to allocate
  lua::RunResult result;
  {
    FormulaHost& host = *script.host;
    EvaluationScope scope(host.context, evaluation, model, grants);
    ++evaluations_;
    result = host.sandbox.call(
        script.info.chunk, script.weights,
        [&](lua_State* L) {
          lua_pushlstring(L, year_string.data(), year_string.size());
          host.views.push(L);
          const int views = lua_gettop(L);
          lua_createtable(L, static_cast<int>(participants.size()), 0);
          for (std::size_t i = 0; i < participants.size(); ++i) {
            lua_rawgeti(L, views, participants[i] + 1);
            lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
          }
          lua_remove(L, views);
          formula.params.push(L);
          push_params_copy(L, -1);  // the call's own: what it writes there dies with it
          lua_remove(L, -2);
          host.forces.push(L);
          return 4;
        },
        [&](lua_State* L, int n) {
          if (read_weights_lean(L, n, host, position_, weights)) return;
          // Something is off: the full reader finds it and says it as evaluate() would.
          std::vector<ForceId> ids;
          for (std::int32_t p : participants) ids.push_back(base.forces.at(static_cast<std::size_t>(p)).id);
          Weights full;
          read_weights(L, n, *model, ids, full);
          for (std::size_t i = 0; i < full.weights.size(); ++i) weights[i] = full.weights[i].second;
        });
  }
  if (observer_) observe(script.info.chunk, fmt::format("weights {} (lean)", year_string), result);
  if (result.ok()) return std::nullopt;
  std::vector<ForceId> ids;
  for (std::int32_t p : participants) ids.push_back(base.forces.at(static_cast<std::size_t>(p)).id);
  return call_failure(script, formula.choice, evaluation, *result.error, year_string, ids);
}

FormulaLibrary::Evaluated FormulaLibrary::run_weights(const std::shared_ptr<const Model>& model,
                                                      const FormulaChoice& choice, FinancialYear year,
                                                      const std::vector<ForceId>& participants) {
  Evaluated out;
  Diagnostics problems;
  auto give_back = [&] {
    out.problems = problems.items();
    return out;
  };
  if (auto d = same_region(*model)) {
    problems.add(*d);
    return give_back();
  }
  if (!check_choice(choice, problems)) return give_back();
  const FormulaScript& script = *find(choice.id);
  const Model& base = *base_model_;

  lua::Ref params;
  if (auto failure = make_params(script, choice, params)) {
    problems.add(std::move(*failure));
    return give_back();
  }

  auto weights = std::make_shared<Weights>();
  weights->formula = script.info;
  weights->year = year;
  weights->params = choice.params.canonical();
  weights->participants = participants;
  api::Evaluation evaluation{script.definition.id, script.definition.inputs, {}, {}, {}};
  const std::string year_text = year.str();
  lua::RunResult result;
  {
    FormulaHost& host = *script.host;
    EvaluationScope scope(host.context, evaluation, model);
    ++evaluations_;
    result = host.sandbox.call(
        script.info.chunk, script.weights,
        [&](lua_State* L) {
          lua_pushstring(L, year_text.c_str());
          // forces: the participants' views, in the region's order
          host.forces.push(L);
          const int all = lua_gettop(L);
          lua_createtable(L, static_cast<int>(participants.size()), 0);
          lua_Integer n = 0;
          for (size_t i = 0; i < base.forces.size(); ++i) {
            if (std::find(participants.begin(), participants.end(), base.forces[i].id) == participants.end()) continue;
            lua_geti(L, all, static_cast<lua_Integer>(i + 1));
            lua_rawseti(L, -2, ++n);
          }
          lua_remove(L, all);
          params.push(L);
          host.forces.push(L);  // every force of the region
          return 4;
        },
        [&](lua_State* L, int n) { read_weights(L, n, *model, participants, *weights); });
  }
  observe(script.info.chunk, fmt::format("weights {} for {}", year_text, joined(participants)), result);
  if (!result.ok()) {
    problems.add(call_failure(script, choice, evaluation, *result.error, year_text, participants));
    return give_back();
  }
  weights->reads = std::move(evaluation.reads);
  out.weights = std::move(weights);
  return out;
}

}  // namespace collab::formula
