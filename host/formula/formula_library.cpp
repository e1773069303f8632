#include "formula/formula_library.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "formula/push_json.h"

namespace collab::formula {

namespace {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool json_has_type(const nlohmann::json& value, const std::string& type) {
  if (type == "number") return value.is_number();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "table") return value.is_object() || value.is_array();
  return false;
}

std::string params_summary(const api::FormulaDefinition& definition) {
  if (definition.params.empty()) return fmt::format("formula '{}' takes no parameters", definition.id);
  std::string out;
  for (const auto& p : definition.params)
    out += fmt::format("{}{} ({}{})", out.empty() ? "" : ", ", p.name, p.type, p.required ? ", required" : "");
  return fmt::format("parameters of '{}': {}", definition.id, out);
}

// Sets and clears the API's "formula being evaluated" around one call.
class EvaluationScope {
 public:
  EvaluationScope(api::ApiContext& context, api::Evaluation& evaluation) : context_(context) {
    context_.evaluation = &evaluation;
  }
  ~EvaluationScope() { context_.evaluation = nullptr; }
  EvaluationScope(const EvaluationScope&) = delete;
  EvaluationScope& operator=(const EvaluationScope&) = delete;

 private:
  api::ApiContext& context_;
};

// Reads what a weights function returned (stack 1..n), raw, into `out`; throws what is wrong.
void read_weights(lua_State* L, int n, const Model& model, Weights& out) {
  if (n < 1 || !lua_istable(L, 1))
    throw std::runtime_error(fmt::format("weights must return a table of weights by force id, got {}",
                                         n < 1 ? "nothing" : luaL_typename(L, 1)));
  std::map<ForceId, double> by_force;
  lua_pushnil(L);
  while (lua_next(L, 1) != 0) {
    if (lua_type(L, -2) != LUA_TSTRING)
      throw std::runtime_error(fmt::format("weights returned a {} key: key each weight by force id (w[force.id] = ...)",
                                           luaL_typename(L, -2)));
    const std::string id = lua_tostring(L, -2);
    if (model.force(id) == nullptr) {
      const Force* named = model.find_force(id);
      throw std::runtime_error(fmt::format("weights returned a weight for '{}', which is not a force id{}", id,
                                           named ? fmt::format(" (did you mean '{}'?)", named->id) : ""));
    }
    if (lua_type(L, -1) != LUA_TNUMBER)
      throw std::runtime_error(fmt::format("the weight of '{}' is a {}, not a number", id, luaL_typename(L, -1)));
    const double w = lua_tonumber(L, -1);
    if (!std::isfinite(w) || w <= 0)
      throw std::runtime_error(fmt::format("the weight of '{}' is {}: weights must be finite numbers above zero "
                                           "(leave out a force that pays nothing)",
                                           id, w));
    by_force[id] = w;
    lua_pop(L, 1);
  }
  for (const Force& f : model.forces)
    if (auto it = by_force.find(f.id); it != by_force.end()) out.weights.emplace_back(f.id, it->second);
  if (n >= 2 && lua_istable(L, 2)) {
    lua_pushnil(L);
    while (lua_next(L, 2) != 0) {
      if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TSTRING) out.why[lua_tostring(L, -2)] = lua_tostring(L, -1);
      lua_pop(L, 1);
    }
  }
}

}  // namespace

const double* Weights::weight_of(const ForceId& force) const {
  for (const auto& [id, w] : weights)
    if (id == force) return &w;
  return nullptr;
}

FormulaLibrary::FormulaLibrary(std::shared_ptr<const Model> model, lua::Limits limits)
    : context_{std::move(model)}, sandbox_(limits) {
  api::install(sandbox_, context_);
  lua::Environment env = sandbox_.new_environment();
  lua::RunResult forces = sandbox_.run(env, "(host)", "return collab.forces");
  if (!forces.ok()) throw std::runtime_error("cannot read collab.forces: " + forces.error->message);
  forces_ = std::move(forces.values.at(0));
}

std::unique_ptr<FormulaLibrary> FormulaLibrary::load(const std::filesystem::path& root, std::shared_ptr<const Model> model,
                                                     Diagnostics& diagnostics, lua::Limits limits) {
  std::unique_ptr<FormulaLibrary> library(new FormulaLibrary(std::move(model), limits));
  const std::filesystem::path folder = root / "scripts" / "formulae";
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    diagnostics.error({folder.string()}, "no formulae: the folder does not exist",
                      "give --root the folder that holds data/ and scripts/");
    return library;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error))
    if (entry.is_regular_file() && entry.path().extension() == ".lua") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) library->load_script(file, "scripts/formulae/" + file.filename().string(), diagnostics);
  return library;
}

void FormulaLibrary::load_script(const std::filesystem::path& file, const std::string& chunk, Diagnostics& diagnostics) {
  const std::string& source = sources_[chunk] = read_file(file);
  lua::RunResult run = sandbox_.run(chunk, source);
  if (!run.ok()) {
    diagnostics.add(script_diagnostic(*run.error));
    return;
  }
  const SourceLocation where{chunk};
  if (run.values.empty()) {
    diagnostics.error(where, "the script returns nothing", "end it with: return collab.formula{ id = ..., weights = ... }");
    return;
  }
  auto script = std::make_unique<FormulaScript>();
  std::optional<Result<api::FormulaDefinition>> definition;
  sandbox_.inspect("reading a formula", [&](lua_State* L) {
    run.values[0].push(L);
    definition = api::read_formula(L, -1);
  });
  if (!*definition) {
    diagnostics.error(where, "the script " + definition->error(), "end it with: return collab.formula{ ... }");
    return;
  }
  script->definition = std::move(definition->value());
  const std::string stem = file.stem().string();
  if (script->definition.id != stem) {
    diagnostics.error(where, fmt::format("the formula's id is '{}' but its file is {}", script->definition.id, file.filename().string()),
                      fmt::format("name the file {}.lua, or change the id to '{}'", script->definition.id, stem));
    return;
  }
  script->chunk = chunk;
  script->weights = sandbox_.field(run.values[0], "weights");
  script->table = std::move(run.values[0]);
  scripts_.push_back(std::move(script));
}

Diagnostic FormulaLibrary::script_diagnostic(const lua::ScriptError& error) const {
  Diagnostic d = lua::to_diagnostic(error);
  auto source = sources_.find(d.where.file);
  if (source == sources_.end() || d.where.line <= 0) return d;
  std::istringstream lines(source->second);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n)
    if (n == d.where.line) {
      const auto first = line.find_first_not_of(" \t");
      d.excerpt = first == std::string::npos ? "" : line.substr(first);
      break;
    }
  return d;
}

const FormulaScript* FormulaLibrary::find(std::string_view id) const {
  for (const auto& s : scripts_)
    if (s->definition.id == id) return s.get();
  return nullptr;
}

bool FormulaLibrary::check_choice(const FormulaChoice& choice, Diagnostics& diagnostics) const {
  const FormulaScript* script = find(choice.id);
  if (script == nullptr) {
    std::string known;
    for (const auto& s : scripts_) known += (known.empty() ? "" : ", ") + s->definition.id;
    diagnostics.error(choice.where, fmt::format("unknown formula '{}'", choice.id),
                      known.empty() ? "no formula loaded from scripts/formulae" : "formulae in scripts/formulae: " + known);
    return false;
  }
  const api::FormulaDefinition& definition = script->definition;
  if (!choice.params.is_object()) {
    diagnostics.error(choice.where, "a formula's params must be an object", params_summary(definition));
    return false;
  }
  bool ok = true;
  for (const auto& [name, value] : choice.params.items()) {
    auto spec = std::find_if(definition.params.begin(), definition.params.end(),
                             [&](const api::ParamSpec& p) { return p.name == name; });
    if (spec == definition.params.end()) {
      diagnostics.error(choice.where, fmt::format("formula '{}' has no parameter '{}'", choice.id, name), params_summary(definition));
      ok = false;
    } else if (!json_has_type(value, spec->type)) {
      diagnostics.error(choice.where, fmt::format("parameter '{}' of formula '{}' must be a {}", name, choice.id, spec->type),
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

void FormulaLibrary::check_choices(Diagnostics& diagnostics) const {
  check_choice(model().region.default_formula, diagnostics);
  for (const Collaboration& unit : model().collaborations)
    for (const FormulaChoice& choice : unit.formula) check_choice(choice, diagnostics);
}

std::shared_ptr<const Weights> FormulaLibrary::evaluate(const FormulaChoice& choice, FinancialYear year, Diagnostics& diagnostics) {
  const std::string key = fmt::format("{}|{}|{}", choice.id, choice.params.dump(), year.str());
  if (auto cached = cache_.find(key); cached != cache_.end()) return cached->second;
  std::shared_ptr<const Weights>& slot = cache_[key];  // a failure is cached as null: reported once
  if (!check_choice(choice, diagnostics)) return nullptr;
  const FormulaScript& script = *find(choice.id);

  // The params table: the data's values, then the script's defaults for what the data leaves out.
  const lua::Ref params = sandbox_.make_value([&](lua_State* L) {
    push_json(L, choice.params);
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

  auto weights = std::make_shared<Weights>();
  weights->formula = &script;
  weights->year = year;
  weights->params = choice.params;
  api::Evaluation evaluation{script.definition.id, script.definition.inputs, {}};
  const std::string year_text = year.str();
  lua::RunResult result;
  {
    EvaluationScope scope(context_, evaluation);
    ++evaluations_;
    result = sandbox_.call(
        script.chunk, script.weights,
        [&](lua_State* L) {
          lua_pushstring(L, year_text.c_str());
          forces_.push(L);
          params.push(L);
          return 3;
        },
        [&](lua_State* L, int n) { read_weights(L, n, *context_.model, *weights); });
  }
  if (!result.ok()) {
    Diagnostic d = script_diagnostic(*result.error);
    d.hint = fmt::format("while computing the weights for {}, as chosen at {}{}{}", year_text, choice.where.str(),
                         d.hint.empty() ? "" : "; ", d.hint);
    diagnostics.add(std::move(d));
    return nullptr;
  }
  weights->reads = std::move(evaluation.reads);
  weights->report = result.report;
  slot = std::move(weights);
  return slot;
}

}  // namespace collab::formula
