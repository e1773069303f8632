// collab.region, collab.forces, collab.units, collab.years and the functions that look things
// up in the model. Views are built once per Sandbox as read-only proxies: a script can read them
// and pass them back, never change them.

#include "api/model_api.h"

#include <fmt/format.h>

#include <algorithm>

#include "api/arguments.h"
#include "api/inputs.h"
#include "core/text.h"
#include "lua/environment.h"
#include "lua/guard.h"

namespace collab::api {

namespace {

// Registry keys (their addresses) of the id -> view tables.
const char kForceViewsKey = 0;
const char kUnitViewsKey = 0;

void set_string(lua_State* L, const char* key, std::string_view value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, -2, key);
}

// Replaces the table on top with a read-only proxy of it named `name`.
void seal(lua_State* L, std::string_view name) {
  lua::push_proxy(L, -1, name);
  lua_remove(L, -2);
}

void push_string_array(lua_State* L, const std::vector<std::string>& items, std::string_view name) {
  lua_createtable(L, static_cast<int>(items.size()), 0);
  for (size_t i = 0; i < items.size(); ++i) {
    lua_pushlstring(L, items[i].data(), items[i].size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  seal(L, name);
}

void push_force_view(lua_State* L, const Force& force) {
  lua_createtable(L, 0, 4);
  set_string(L, "id", force.id);
  set_string(L, "name", force.name);
  set_string(L, "short_name", force.short_name);
  push_string_array(L, force.aliases, fmt::format("force '{}'.aliases", force.id));
  lua_setfield(L, -2, "aliases");
  seal(L, fmt::format("force '{}'", force.id));
}

void push_unit_view(lua_State* L, const Collaboration& unit) {
  lua_createtable(L, 0, 8);
  set_string(L, "id", unit.id);
  set_string(L, "name", unit.name);
  set_string(L, "short_name", unit.short_name);
  if (unit.parent) set_string(L, "parent", *unit.parent);
  set_string(L, "portfolio", unit.portfolio);
  set_string(L, "status", status_name(unit.status.kind));
  set_string(L, "section22", unit.section22 == Section22::National ? "national" : "regional");
  if (unit.lead_force) set_string(L, "lead_force", *unit.lead_force);
  seal(L, fmt::format("unit '{}'", unit.id));
}

// Builds the array of views and the registry's id -> view table together; leaves the array.
template <class T, class Push>
void push_views(lua_State* L, const std::vector<T>& items, const void* registry_key, std::string_view name, Push push_view) {
  lua_createtable(L, 0, static_cast<int>(items.size()));  // id -> view
  lua_createtable(L, static_cast<int>(items.size()), 0);  // the array
  for (size_t i = 0; i < items.size(); ++i) {
    push_view(L, items[i]);
    lua_pushvalue(L, -1);
    lua_setfield(L, -4, items[i].id.c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_insert(L, -2);
  lua_rawsetp(L, LUA_REGISTRYINDEX, registry_key);
  seal(L, name);
}

void push_view_of(lua_State* L, const void* registry_key, const std::string& id) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, registry_key);
  lua_getfield(L, -1, id.c_str());
  lua_remove(L, -2);
}

// The view of a force or unit the current model has but the library's own did not (a scenario's
// new unit): built on the spot, so a lookup never answers nil for something that exists.
int force(lua_State* L) {
  const Force& f = force_arg(L, 1);
  push_view_of(L, &kForceViewsKey, f.id);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    push_force_view(L, f);
  }
  return 1;
}

int unit(lua_State* L) {
  const Collaboration& u = unit_arg(L, 1);
  push_view_of(L, &kUnitViewsKey, u.id);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    push_unit_view(L, u);
  }
  return 1;
}

// collab.participants(unit, year): the ids of the forces taking part, in register order.
int participants(lua_State* L) {
  const Collaboration& u = unit_arg(L, 1);
  const FinancialYear year = year_arg(L, 2);
  const ParticipationPeriod* period = u.participants_in(year);
  if (period == nullptr) {
    lua_createtable(L, 0, 0);
    return 1;
  }
  if (!period->known())
    throw std::runtime_error(fmt::format("the register gives only how many forces take part in '{}' from {} ({}), "
                                         "not which",
                                         u.id, period->from.str(), period->count.value_or(0)));
  lua_createtable(L, static_cast<int>(period->forces->size()), 0);
  for (size_t i = 0; i < period->forces->size(); ++i) {
    lua_pushstring(L, (*period->forces)[i].c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

// collab.budget(unit, year): {cash = pence, in_kind = pence} (either may be nil), or nil.
int budget(lua_State* L) {
  const Collaboration& u = unit_arg(L, 1);
  const FinancialYear year = year_arg(L, 2);
  for (const BudgetTable& table : api_context(L).model->budgets) {
    if (table.year != year) continue;
    for (const BudgetLine& line : table.lines) {
      if (line.unit != u.id) continue;
      lua_createtable(L, 0, 2);
      if (line.cash) {
        lua_pushinteger(L, line.cash->pence());
        lua_setfield(L, -2, "cash");
      }
      if (line.in_kind) {
        lua_pushinteger(L, line.in_kind->pence());
        lua_setfield(L, -2, "in_kind");
      }
      return 1;
    }
  }
  lua_pushnil(L);
  return 1;
}

// The figure a sweep's scenario gives in place of the model's, if any.
const std::int64_t* overridden(const ApiContext& context, const InputKind& input, const Force& force, FinancialYear year) {
  const GrantOverride* grants = context.grants;
  if (grants == nullptr || grants->year != year || std::string_view(input.name) != "grant") return nullptr;
  const auto index = static_cast<std::size_t>(&force - context.model->forces.data());
  return index < grants->pence.size() ? &grants->pence[index] : nullptr;
}

// Inside a formula, an input it did not declare is refused.
void check_declared(const ApiContext& context, const InputKind& input) {
  const Evaluation* evaluation = context.evaluation;
  if (evaluation == nullptr) return;
  const auto& declared = evaluation->declared_inputs;
  if (std::find(declared.begin(), declared.end(), input.name) == declared.end())
    throw std::runtime_error(fmt::format("formula '{}' reads '{}' but does not list it in its inputs (add inputs = "
                                         "{{ \"{}\" }})",
                                         evaluation->formula_id, input.name, input.name));
}

// One figure of one force and year, recorded for collab explain when the formula is explained;
// a missing figure is an error saying which file to add it to.
std::int64_t read_figure(ApiContext& context, const InputKind& input, const Force& f, FinancialYear year) {
  Evaluation* evaluation = context.evaluation;
  const bool recording = evaluation != nullptr && evaluation->explaining;
  if (const std::int64_t* value = overridden(context, input, f, year)) {
    if (recording)
      evaluation->reads.push_back({input.name, f.id, year, *value, "the scenario's figure (not the data's)", f.where});
    return *value;
  }
  // Not explaining (a sweep): the figure alone, without building its provenance.
  if (evaluation != nullptr && !recording) {
    if (auto value = lookup_value(*context.model, input, f, year)) return *value;
  }
  auto read = lookup_input(*context.model, input, f, year);
  if (!read) {
    bool any = false;
    for (const Force& other : context.model->forces)
      any = any || lookup_input(*context.model, input, other, year).has_value();
    throw std::runtime_error(fmt::format("no {} for {} in {}{}: {}", input.description, f.name, year.str(),
                                         any ? "" : " (the data has none for any force)", input.data_hint));
  }
  if (recording) evaluation->reads.push_back(*read);
  return read->value;
}

// collab.grant / collab.population / collab.nre: one figure for one force and year.
template <const char* Input>
int figure(lua_State* L) {
  ApiContext& context = api_context(L);
  const Force& f = force_arg(L, 1, context);
  const FinancialYear year = year_arg(L, 2);
  static const InputKind& input = *find_input(Input);
  check_declared(context, input);
  lua_pushinteger(L, read_figure(context, input, f, year));
  return 1;
}

// collab.grants / collab.populations / collab.nres: the figure of every force of a list, as a
// new list in the same order. One call for a region's forces instead of one per force: what a
// formula a sweep runs a million times wants.
template <const char* Input>
int figures(lua_State* L) {
  ApiContext& context = api_context(L);
  if (lua_type(L, 1) != LUA_TTABLE) lua::raise_type_error(L, 1, "list of forces");
  const FinancialYear year = year_arg(L, 2);
  static const InputKind& input = *find_input(Input);
  check_declared(context, input);
  const lua_Integer n = list_arg(L, 1, "forces");
  const int out = lua_gettop(L);
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_geti(L, 1, i);
    const Force* f = find_force(L, -1, context);
    if (f == nullptr) lua::raise_arg_error(L, 1, fmt::format("item {}: {}", i, force_fault(L, -1, context)));
    lua_pop(L, 1);
    lua_pushinteger(L, read_figure(context, input, *f, year));
    lua_rawseti(L, out, i);
  }
  return 1;
}

constexpr char kGrant[] = "grant";
constexpr char kPopulation[] = "population";
constexpr char kNre[] = "nre";

// collab.has(input, force, year): whether the data holds the figure, for formulae that fall back.
int has(lua_State* L) {
  luaL_checkstring(L, 1);
  const std::string name = string_at(L, 1);  // whole: "grant\0x" is no input
  const InputKind* input = find_input(name);
  if (input == nullptr)
    lua::raise_arg_error(L, 1, fmt::format("unknown input '{}'; inputs are {}", visible_text(name), input_names()));
  const Force& f = force_arg(L, 2);
  const FinancialYear year = year_arg(L, 3);
  const ApiContext& context = api_context(L);
  lua_pushboolean(L, overridden(context, *input, f, year) != nullptr || lookup_value(*context.model, *input, f, year).has_value());
  return 1;
}

// collab.explaining(): whether anybody will read the notes (`why`) of this evaluation. False in
// a sweep, where a formula may skip building them; true everywhere else (reports, explain).
int explaining(lua_State* L) {
  const Evaluation* evaluation = api_context(L).evaluation;
  lua_pushboolean(L, evaluation == nullptr || evaluation->explaining);
  return 1;
}

int previous_year(lua_State* L) {
  lua_pushstring(L, year_arg(L, 1).prev().str().c_str());
  return 1;
}

int next_year(lua_State* L) {
  lua_pushstring(L, year_arg(L, 1).next().str().c_str());
  return 1;
}

}  // namespace

void install_model_api(lua::Sandbox& sandbox, ApiContext& context) {
  const Model& model = *context.model;
  sandbox.expose_value("collab.api_version", [](lua_State* L) { lua_pushinteger(L, kApiVersion); });
  sandbox.expose_value("collab.region", [&](lua_State* L) {
    lua_createtable(L, 0, 2);
    set_string(L, "id", model.region.id);
    set_string(L, "name", model.region.name);
  });
  sandbox.expose_value("collab.forces", [&](lua_State* L) {
    push_views(L, model.forces, &kForceViewsKey, "collab.forces", push_force_view);
    // view -> index, so force_arg finds a view without comparing names (arguments.cpp)
    context.view_index.clear();
    for (std::size_t i = 0; i < model.forces.size(); ++i) {
      lua_geti(L, -1, static_cast<lua_Integer>(i + 1));
      context.view_index.emplace_back(lua_topointer(L, -1), static_cast<std::uint32_t>(i));
      lua_pop(L, 1);
    }
    std::sort(context.view_index.begin(), context.view_index.end());
  });
  context.view_ids.clear();
  for (const Force& f : model.forces) context.view_ids.push_back(f.id);
  sandbox.expose_value("collab.units", [&](lua_State* L) {
    push_views(L, model.collaborations, &kUnitViewsKey, "collab.units", push_unit_view);
  });
  sandbox.expose_value("collab.years", [&](lua_State* L) {
    std::vector<std::string> years;
    for (FinancialYear y : model.years()) years.push_back(y.str());
    push_string_array(L, years, "collab.years");
  });
  static const luaL_Reg kFunctions[] = {
      {"force", force},
      {"unit", unit},
      {"participants", participants},
      {"budget", budget},
      {"grant", figure<kGrant>},
      {"population", figure<kPopulation>},
      {"nre", figure<kNre>},
      {"grants", figures<kGrant>},
      {"populations", figures<kPopulation>},
      {"nres", figures<kNre>},
      {"has", has},
      {"explaining", explaining},
  };
  sandbox.expose("collab", kFunctions, &context);
  static const luaL_Reg kYear[] = {{"previous", previous_year}, {"next", next_year}};
  sandbox.expose("collab.year", kYear, &context);
}

}  // namespace collab::api
