// collab.rule{...}: checked when the script loads, copied, and marked as made here.

#include "scenario/rule_constructor.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "api/arguments.h"
#include "api/marked_tables.h"
#include "core/text.h"
#include "lua/guard.h"

namespace collab::scenario {

namespace {

// Registry key of the weak-keyed set of tables collab.rule made.
const char kMadeByRuleKey = 0;

const std::vector<std::string> kFields = {"id", "title", "description", "params", "apply"};
const std::vector<std::string> kParamFields = {"type", "required", "doc"};
constexpr std::size_t kMaxTextBytes = 1024;

bool is_identifier(std::string_view s) {
  if (s.empty() || s.size() > 64 || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

bool one_of(std::string_view s, const std::vector<std::string>& items) {
  return std::find(items.begin(), items.end(), s) != items.end();
}

int raw_field(lua_State* L, int t, const char* key) {
  lua_pushstring(L, key);
  return lua_rawget(L, t);
}

// Throws if the table at `t` has a key that is not a string among `known`.
void only_fields(lua_State* L, int t, const std::vector<std::string>& known, const std::string& what) {
  lua_pushnil(L);
  while (lua_next(L, t) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING || !one_of(api::view_at(L, -1), known)) {
      const std::string key =
          lua_type(L, -1) == LUA_TSTRING ? "'" + visible_text(api::string_at(L, -1)) + "'" : luaL_typename(L, -1);
      lua_pop(L, 1);
      throw std::runtime_error(fmt::format("{}: unknown field {} ({} has {})", what, key, what, joined(known)));
    }
  }
}

RuleParam read_param(lua_State* L, int p, std::string name) {
  RuleParam spec;
  spec.name = std::move(name);
  if (!lua_istable(L, p))
    throw std::runtime_error(fmt::format("params.{} must be a table such as {{ type = \"force\", doc = \"...\" }}", spec.name));
  only_fields(L, p, kParamFields, "params." + spec.name);
  spec.type = raw_field(L, p, "type") == LUA_TSTRING ? api::string_at(L, -1) : "";
  lua_pop(L, 1);
  if (!one_of(spec.type, rule_param_types()))
    throw std::runtime_error(fmt::format("params.{}.type must be one of {}", spec.name, joined(rule_param_types())));
  const int required = raw_field(L, p, "required");
  if (required != LUA_TNIL && required != LUA_TBOOLEAN)
    throw std::runtime_error(fmt::format("params.{}.required must be true or false", spec.name));
  spec.required = lua_toboolean(L, -1) != 0;
  lua_pop(L, 1);
  const int doc = raw_field(L, p, "doc");
  if (doc != LUA_TNIL && doc != LUA_TSTRING) throw std::runtime_error(fmt::format("params.{}.doc must be a string", spec.name));
  spec.doc = doc == LUA_TSTRING ? capped_text(api::view_at(L, -1), kMaxTextBytes) : "";
  lua_pop(L, 1);
  return spec;
}

std::vector<RuleParam> read_params(lua_State* L, int params) {
  params = lua_absindex(L, params);
  if (!lua_istable(L, params))
    throw std::runtime_error(fmt::format("field 'params' must be a table of parameters, got {}", luaL_typename(L, params)));
  std::vector<RuleParam> out;
  lua_pushnil(L);
  while (lua_next(L, params) != 0) {
    if (lua_type(L, -2) != LUA_TSTRING || !is_identifier(api::view_at(L, -2)))
      throw std::runtime_error("params: each key must be a parameter name (lower case letters, digits and _)");
    out.push_back(read_param(L, lua_gettop(L), api::string_at(L, -2)));
    lua_pop(L, 1);
  }
  std::sort(out.begin(), out.end(), [](const RuleParam& a, const RuleParam& b) { return a.name < b.name; });
  return out;
}

void check_rule(lua_State* L, int t, RuleDefinition& out) {
  t = lua_absindex(L, t);
  only_fields(L, t, kFields, "a rule");
  auto text = [&](const char* key, bool required) {
    const int type = raw_field(L, t, key);
    std::string value = type == LUA_TSTRING ? capped_text(api::view_at(L, -1), kMaxTextBytes) : "";
    lua_pop(L, 1);
    if ((type != LUA_TNIL || required) && (type != LUA_TSTRING || value.empty()))
      throw std::runtime_error(fmt::format("field '{}' must be a non-empty string, got {}", key, lua_typename(L, type)));
    return value;
  };
  out.id = text("id", true);
  if (!is_identifier(out.id))
    throw std::runtime_error(fmt::format("id '{}' must be lower case letters, digits and '_', starting with a letter, "
                                         "at most 64 characters",
                                         visible_text(out.id)));
  out.title = text("title", true);
  out.description = text("description", false);
  if (raw_field(L, t, "params") != LUA_TNIL) out.params = read_params(L, lua_gettop(L));
  lua_pop(L, 1);
  if (const int type = raw_field(L, t, "apply"); type != LUA_TFUNCTION)
    throw std::runtime_error(fmt::format("field 'apply' must be a function(model, params, step), got {}", lua_typename(L, type)));
  lua_pop(L, 1);
}

int rule(lua_State* L) {
  if (!lua_istable(L, 1)) lua::raise_type_error(L, 1, "table");
  RuleDefinition definition;
  std::string fault;
  try {
    check_rule(L, 1, definition);
  } catch (const std::runtime_error& e) {
    fault = e.what();
  }
  if (!fault.empty()) lua::raise_error(L, "collab.rule: " + fault);
  api::push_marked_copy(L, 1, &kMadeByRuleKey);  // a shallow copy: later changes to the script's table do not reach the host
  return 1;
}

}  // namespace

const std::vector<std::string>& rule_param_types() {
  static const std::vector<std::string> types = {"force", "forces", "unit",    "year",  "percent",
                                                 "money", "string", "number", "boolean", "table"};
  return types;
}

void install_rule_constructor(lua::Sandbox& sandbox) {
  sandbox.inspect("collab.rule", [](lua_State* L) { api::create_marked_set(L, &kMadeByRuleKey); });
  static const luaL_Reg kConstructors[] = {{"rule", rule}};
  sandbox.expose("collab", kConstructors);
}

Result<RuleDefinition> read_rule(lua_State* L, int index) {
  index = lua_absindex(L, index);
  if (!lua_istable(L, index)) return fail(fmt::format("returned a {}, not collab.rule{{...}}", luaL_typename(L, index)));
  const bool made_here = api::is_marked(L, index, &kMadeByRuleKey);
  if (!made_here) return fail("returned a plain table: build it with collab.rule{...}");
  RuleDefinition definition;
  try {
    check_rule(L, index, definition);
  } catch (const std::runtime_error& e) {
    return fail(fmt::format("its rule was changed after collab.rule checked it: {}", e.what()));
  }
  return definition;
}

}  // namespace collab::scenario
