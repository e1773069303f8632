#include "api/arguments.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/text.h"
#include "lua/guard.h"

namespace collab::api {

namespace {

// The text of argument `arg` (whole: "derbyshire\0" is no force), or the `id` field of a table
// (a view), or nullopt.
std::optional<std::string> name_or_id(lua_State* L, int arg) {
  if (lua_type(L, arg) == LUA_TSTRING) return string_at(L, arg);
  if (lua_type(L, arg) != LUA_TTABLE) return std::nullopt;
  lua_getfield(L, arg, "id");  // a view is a proxy: its fields come through __index
  std::optional<std::string> id;
  if (lua_type(L, -1) == LUA_TSTRING) id = string_at(L, -1);
  lua_pop(L, 1);
  return id;
}

}  // namespace

ApiContext& api_context(lua_State* L) { return *static_cast<ApiContext*>(lua::exposed_context(L)); }

std::string string_at(lua_State* L, int index) {
  std::size_t length = 0;
  const char* text = lua_tolstring(L, index, &length);
  return text == nullptr ? std::string() : std::string(text, length);
}

std::string_view view_at(lua_State* L, int index) {
  std::size_t length = 0;
  const char* text = lua_tolstring(L, index, &length);
  return text == nullptr ? std::string_view() : std::string_view(text, length);
}

std::string name_at(lua_State* L, int index, std::string_view what) {
  std::string name = string_at(L, index);
  if (name.find('\0') != std::string::npos)
    throw std::runtime_error(fmt::format("{} '{}' holds a NUL byte", what, visible_text(name)));
  return name;
}

FinancialYear year_arg(lua_State* L, int arg) {
  if (lua_type(L, arg) != LUA_TSTRING) lua::raise_type_error(L, arg, "financial year such as '2016/17'");
  // A formula names the same year for every force: the last one read is kept, per thread.
  thread_local std::string last_text;
  thread_local FinancialYear last_year = FinancialYear::starting(2000);
  const std::string_view text = view_at(L, arg);
  if (!last_text.empty() && text == last_text) return last_year;
  auto year = FinancialYear::parse(std::string(text));
  if (!year) lua::raise_arg_error(L, arg, year.error());
  last_text = std::string(text);
  last_year = year.value();
  return year.value();
}

const Force& force_arg(lua_State* L, int arg) { return force_arg(L, arg, api_context(L)); }

const Force* find_force(lua_State* L, int index, const ApiContext& context) {
  const Model& model = *context.model;
  // A view (what formulae pass) is found by identity, not by comparing names: by its address,
  // and the id is checked in case the model is another region's.
  if (lua_type(L, index) == LUA_TTABLE && !context.view_index.empty()) {
    const void* view = lua_topointer(L, index);
    const auto found = std::lower_bound(context.view_index.begin(), context.view_index.end(), view,
                                        [](const auto& entry, const void* p) { return entry.first < p; });
    if (found != context.view_index.end() && found->first == view) {
      const std::size_t at = found->second;
      if (at < model.forces.size() && at < context.view_ids.size() && model.forces[at].id == context.view_ids[at])
        return &model.forces[at];
    }
  }
  const auto name = name_or_id(L, index);
  return name ? model.find_force(*name) : nullptr;
}

std::string force_fault(lua_State* L, int index, const ApiContext& context) {
  const auto name = name_or_id(L, index);
  if (!name) return fmt::format("force id or force expected, got {}", luaL_typename(L, index));
  std::string ids;
  for (const Force& f : context.model->forces) ids += (ids.empty() ? "" : ", ") + f.id;
  return fmt::format("unknown force '{}'; forces are {}", *name, ids);
}

const Force& force_arg(lua_State* L, int arg, const ApiContext& context) {
  if (const Force* force = find_force(L, arg, context)) return *force;
  if (!name_or_id(L, arg)) lua::raise_type_error(L, arg, "force id or force");
  lua::raise_arg_error(L, arg, force_fault(L, arg, context));
}

lua_Integer list_arg(lua_State* L, int arg, std::string_view items) {
  const lua_Integer n = luaL_len(L, arg);
  if (n < 0 || n > (lua_Integer{1} << 24)) lua::raise_arg_error(L, arg, fmt::format("a list of {} {}", n, items));
  lua_createtable(L, static_cast<int>(n), 0);
  return n;
}

const Collaboration& unit_arg(lua_State* L, int arg) {
  const auto name = name_or_id(L, arg);
  if (!name) lua::raise_type_error(L, arg, "unit id or unit");
  const Model& model = *api_context(L).model;
  if (const Collaboration* unit = model.find_collaboration(*name)) return *unit;
  lua::raise_arg_error(L, arg, fmt::format("unknown unit '{}' (units are the ids of collab.units)", *name));
}

std::string not_pence_reason(double value) {
  if (std::isnan(value)) return "a whole number of pence expected, got nan";
  if (value == std::floor(value))  // whole, or infinite, but beyond int64: not the fraction it seems
    return fmt::format("{} pence is beyond the range of money ({} to {} pence)", value, LUA_MININTEGER, LUA_MAXINTEGER);
  return "a whole number of pence expected, got a fraction";
}

Money money_arg(lua_State* L, int arg) {
  if (lua_type(L, arg) != LUA_TNUMBER) lua::raise_type_error(L, arg, "pence (integer)");
  int is_integer = 0;
  const lua_Integer pence = lua_tointegerx(L, arg, &is_integer);
  if (!is_integer) lua::raise_arg_error(L, arg, not_pence_reason(lua_tonumber(L, arg)));
  return Money::from_pence(pence);
}

}  // namespace collab::api
