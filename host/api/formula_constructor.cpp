#include "api/formula_constructor.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "api/marked_tables.h"
#include "api/arguments.h"
#include "api/inputs.h"
#include "core/text.h"
#include "lua/guard.h"

namespace collab::api {

namespace {

// Registry key of the weak-keyed set of tables collab.formula made.
const char kMadeByConstructorKey = 0;

constexpr const char* kFields[] = {"id", "title", "description", "inputs", "params", "round_shares", "scope", "weights"};
// What the host keeps of a formula's title, description or a parameter's doc (copied out of
// Lua, so bounded apart from the state's memory).
constexpr std::size_t kMaxTextBytes = 1024;
constexpr const char* kParamFields[] = {"type", "required", "default", "doc"};
constexpr const char* kParamTypes[] = {"number", "string", "boolean", "table"};

bool is_identifier(std::string_view s) {
  if (s.empty() || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

template <size_t N>
std::string joined(const char* const (&items)[N]) {
  std::string out;
  for (const char* item : items) out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

template <size_t N>
bool one_of(std::string_view s, const char* const (&items)[N]) {
  return std::any_of(std::begin(items), std::end(items), [s](const char* item) { return s == item; });
}

// Field `key` of the table at `t`, raw, pushed; returns its type.
int raw_field(lua_State* L, int t, const char* key) {
  lua_pushstring(L, key);
  return lua_rawget(L, t);
}

// Throws the first fault of the formula table at `t` (raw reads only), as a message that
// names the field; fills `out` as it goes.
void check_formula(lua_State* L, int t, FormulaDefinition& out) {
  t = lua_absindex(L, t);
  lua_pushnil(L);
  while (lua_next(L, t) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING || !one_of(string_at(L, -1), kFields)) {
      const std::string key = lua_type(L, -1) == LUA_TSTRING ? fmt::format("'{}'", visible_text(string_at(L, -1)))
                                                             : fmt::format("a {} key", luaL_typename(L, -1));
      throw std::runtime_error(fmt::format("unknown field {} (a formula has {})", key, joined(kFields)));
    }
  }
  auto text = [&](const char* key, bool required) {
    const int type = raw_field(L, t, key);
    std::string value;
    if (type == LUA_TSTRING) value = capped_text(view_at(L, -1), kMaxTextBytes);
    lua_pop(L, 1);
    if (type == LUA_TNIL && !required) return value;
    if (type != LUA_TSTRING || value.empty())
      throw std::runtime_error(fmt::format("field '{}' must be a non-empty string, got {}", key, lua_typename(L, type)));
    return value;
  };
  out.id = text("id", true);
  if (!is_identifier(out.id))
    throw std::runtime_error(fmt::format("id '{}' must be lower case letters, digits and _, starting with a letter", out.id));
  out.title = text("title", true);
  out.description = text("description", false);

  if (const int type = raw_field(L, t, "inputs"); type != LUA_TNIL) {
    if (type != LUA_TTABLE) throw std::runtime_error(fmt::format("field 'inputs' must be a list of input names, got {}", lua_typename(L, type)));
    const auto n = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i <= n; ++i) {
      const bool is_text = lua_rawgeti(L, -1, i) == LUA_TSTRING;
      const std::string name = is_text ? string_at(L, -1) : "";
      lua_pop(L, 1);
      if (!is_text || find_input(name) == nullptr)
        throw std::runtime_error(fmt::format("inputs[{}] {} is not an input; inputs are {}", i,
                                             is_text ? "'" + visible_text(name) + "'" : "(not a string)", input_names()));
      if (std::find(out.inputs.begin(), out.inputs.end(), name) != out.inputs.end())
        throw std::runtime_error(fmt::format("inputs lists '{}' twice", name));
      out.inputs.push_back(name);
    }
  }
  lua_pop(L, 1);

  if (const int type = raw_field(L, t, "params"); type != LUA_TNIL) out.params = read_param_specs(L, lua_gettop(L));
  lua_pop(L, 1);

  if (const int type = raw_field(L, t, "scope"); type != LUA_TNIL) {
    const std::string scope = type == LUA_TSTRING ? string_at(L, -1) : "";
    if (scope != "participants" && scope != "region")
      throw std::runtime_error("field 'scope' must be \"participants\" (weights is called once per set of participants, "
                               "with those forces) or \"region\" (once per year, with every force; the host keeps "
                               "the participants' weights)");
    out.region_scope = scope == "region";
  }
  lua_pop(L, 1);

  if (const int type = raw_field(L, t, "round_shares"); type != LUA_TNIL) {
    auto step = type == LUA_TNUMBER ? decimal_from_double(lua_tonumber(L, -1)) : Result<Decimal>(fail("not a number"));
    // At most 100 points (a share is at most 100%) and 4 decimals: the arithmetic stays exact.
    if (!step || step.value().units <= 0 || step.value().scale > 4 || to_double(step.value()) > 100.0)
      throw std::runtime_error("field 'round_shares' must be a step in percentage points above zero and at most 100, "
                               "at most 4 decimals (0.1 rounds each share to 0.1%)");
    out.round_shares = step.value();
  }
  lua_pop(L, 1);

  if (const int type = raw_field(L, t, "weights"); type != LUA_TFUNCTION)
    throw std::runtime_error(fmt::format("field 'weights' must be a function(year, forces, params, region), got {}", lua_typename(L, type)));
  lua_pop(L, 1);
}

// collab.formula{...}: checks the table and returns a copy, marked as made here.
int formula(lua_State* L) {
  if (!lua_istable(L, 1)) lua::raise_type_error(L, 1, "table");
  FormulaDefinition definition;
  std::string fault;
  try {
    check_formula(L, 1, definition);
  } catch (const std::runtime_error& e) {
    fault = e.what();
  }
  if (!fault.empty()) lua::raise_error(L, "collab.formula: " + fault);
  // A shallow copy: later changes to the script's own table do not reach the host.
  push_marked_copy(L, 1, &kMadeByConstructorKey);  // a shallow copy: later changes to the script's table do not reach the host
  return 1;
}

// collab.param_error(name, message): the data's parameter `name` is wrong. Raises an error the
// host reports at the parameter's place in the data, not at the script's line.
int param_error(lua_State* L) {
  luaL_checkstring(L, 1);
  luaL_checkstring(L, 2);
  const std::string name = visible_text(string_at(L, 1));
  const std::string message = capped_text(string_at(L, 2), 4096);
  ApiContext& context = *static_cast<ApiContext*>(lua::exposed_context(L));
  if (context.evaluation == nullptr) lua::raise_error(L, fmt::format("parameter '{}': {}", name, message));
  context.evaluation->bad_param = name;
  context.evaluation->bad_param_message = message;
  lua::raise_error(L, fmt::format("parameter '{}': {}", name, message));
}

}  // namespace

std::vector<ParamSpec> read_param_specs(lua_State* L, int params) {
  params = lua_absindex(L, params);
  std::vector<ParamSpec> out;
  {
    if (!lua_istable(L, params)) throw std::runtime_error(fmt::format("field 'params' must be a table of parameters, got {}", luaL_typename(L, params)));
    lua_pushnil(L);
    while (lua_next(L, params) != 0) {
      if (lua_type(L, -2) != LUA_TSTRING || !is_identifier(string_at(L, -2)))
        throw std::runtime_error("params: each key must be a parameter name (lower case letters, digits and _)");
      ParamSpec spec;
      spec.name = string_at(L, -2);
      if (!lua_istable(L, -1))
        throw std::runtime_error(fmt::format("params.{} must be a table such as {{ type = \"number\", doc = \"...\" }}", spec.name));
      const int p = lua_gettop(L);
      lua_pushnil(L);
      while (lua_next(L, p) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING || !one_of(string_at(L, -1), kParamFields))
          throw std::runtime_error(fmt::format("params.{}: unknown field (a parameter has {})", spec.name, joined(kParamFields)));
      }
      const bool typed = raw_field(L, p, "type") == LUA_TSTRING;
      spec.type = typed ? string_at(L, -1) : "";
      lua_pop(L, 1);
      if (!one_of(spec.type, kParamTypes))
        throw std::runtime_error(fmt::format("params.{}.type must be one of {}", spec.name, joined(kParamTypes)));
      const int required = raw_field(L, p, "required");
      if (required != LUA_TNIL && required != LUA_TBOOLEAN)
        throw std::runtime_error(fmt::format("params.{}.required must be true or false", spec.name));
      spec.required = lua_toboolean(L, -1);
      lua_pop(L, 1);
      const int default_type = raw_field(L, p, "default");
      lua_pop(L, 1);
      spec.has_default = default_type != LUA_TNIL;
      if (spec.has_default && spec.type != lua_typename(L, default_type))
        throw std::runtime_error(fmt::format("params.{}.default is a {}, not a {}", spec.name, lua_typename(L, default_type), spec.type));
      if (spec.has_default && spec.required)
        throw std::runtime_error(fmt::format("params.{} is required and has a default: choose one", spec.name));
      const int doc = raw_field(L, p, "doc");
      if (doc == LUA_TSTRING) spec.doc = capped_text(view_at(L, -1), kMaxTextBytes);
      lua_pop(L, 1);
      if (doc != LUA_TNIL && doc != LUA_TSTRING) throw std::runtime_error(fmt::format("params.{}.doc must be a string", spec.name));
      out.push_back(spec);
      lua_pop(L, 1);
    }
    std::sort(out.begin(), out.end(), [](const ParamSpec& a, const ParamSpec& b) { return a.name < b.name; });
  }
  return out;
}

void install_formula_constructor(lua::Sandbox& sandbox, ApiContext& context) {
  sandbox.inspect("collab.formula", [](lua_State* L) { create_marked_set(L, &kMadeByConstructorKey); });
  static const luaL_Reg kConstructors[] = {{"formula", formula}, {"param_error", param_error}};
  sandbox.expose("collab", kConstructors, &context);
}

Result<FormulaDefinition> read_formula(lua_State* L, int index) {
  index = lua_absindex(L, index);
  if (!lua_istable(L, index)) return fail(fmt::format("returned a {}, not collab.formula{{...}}", luaL_typename(L, index)));
  const bool made_here = is_marked(L, index, &kMadeByConstructorKey);
  if (!made_here) return fail("returned a plain table: build it with collab.formula{...}");
  FormulaDefinition definition;
  try {
    check_formula(L, index, definition);
  } catch (const std::runtime_error& e) {
    return fail(fmt::format("its formula was changed after collab.formula checked it: {}", e.what()));
  }
  return definition;
}

}  // namespace collab::api
