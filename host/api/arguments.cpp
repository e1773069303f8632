#include "api/arguments.h"

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "lua/guard.h"

namespace collab::api {

namespace {

// The text of argument `arg`, or the `id` field of a table (a view), or nullopt.
std::optional<std::string> name_or_id(lua_State* L, int arg) {
  if (lua_type(L, arg) == LUA_TSTRING) return std::string(lua_tostring(L, arg));
  if (lua_type(L, arg) != LUA_TTABLE) return std::nullopt;
  lua_getfield(L, arg, "id");  // a view is a proxy: its fields come through __index
  std::optional<std::string> id;
  if (lua_type(L, -1) == LUA_TSTRING) id = lua_tostring(L, -1);
  lua_pop(L, 1);
  return id;
}

}  // namespace

ApiContext& api_context(lua_State* L) { return *static_cast<ApiContext*>(lua::exposed_context(L)); }

FinancialYear year_arg(lua_State* L, int arg) {
  if (lua_type(L, arg) != LUA_TSTRING) lua::raise_type_error(L, arg, "financial year such as '2016/17'");
  auto year = FinancialYear::parse(lua_tostring(L, arg));
  if (!year) lua::raise_arg_error(L, arg, year.error());
  return year.value();
}

const Force& force_arg(lua_State* L, int arg) {
  const auto name = name_or_id(L, arg);
  if (!name) lua::raise_type_error(L, arg, "force id or force");
  const Model& model = *api_context(L).model;
  if (const Force* force = model.find_force(*name)) return *force;
  std::string ids;
  for (const Force& f : model.forces) ids += (ids.empty() ? "" : ", ") + f.id;
  lua::raise_arg_error(L, arg, fmt::format("unknown force '{}'; forces are {}", *name, ids));
}

const Collaboration& unit_arg(lua_State* L, int arg) {
  const auto name = name_or_id(L, arg);
  if (!name) lua::raise_type_error(L, arg, "unit id or unit");
  const Model& model = *api_context(L).model;
  if (const Collaboration* unit = model.find_collaboration(*name)) return *unit;
  lua::raise_arg_error(L, arg, fmt::format("unknown unit '{}' (units are the ids of collab.units)", *name));
}

Money money_arg(lua_State* L, int arg) {
  if (lua_type(L, arg) != LUA_TNUMBER) lua::raise_type_error(L, arg, "pence (integer)");
  int is_integer = 0;
  const lua_Integer pence = lua_tointegerx(L, arg, &is_integer);
  if (!is_integer) {
    const double value = lua_tonumber(L, arg);
    if (std::isnan(value)) lua::raise_arg_error(L, arg, "a whole number of pence expected, got nan");
    if (value == std::floor(value))  // whole, or infinite, but beyond int64: not the fraction it seems
      lua::raise_arg_error(L, arg, fmt::format("{} pence is beyond the range of money ({} to {} pence)", value,
                                               LUA_MININTEGER, LUA_MAXINTEGER));
    lua::raise_arg_error(L, arg, "a whole number of pence expected, got a fraction");
  }
  return Money::from_pence(pence);
}

}  // namespace collab::api
