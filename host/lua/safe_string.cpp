#include "lua/safe_string.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "lua/guard.h"
#include "lua/host_state.h"
#include "lua/safe_base.h"

namespace collab::lua {

namespace {

std::size_t string_cap(lua_State* L) {
  return std::min(host_of(L).limits.max_string_bytes, SIZE_MAX / 4);  // so sums below cannot overflow
}

[[noreturn]] void too_large(lua_State* L, const char* function, std::size_t cap) {
  luaL_error(L, "%s: resulting string too large (limit %I bytes)", function, static_cast<lua_Integer>(cap));
  std::abort();  // not reached
}

// Fills out[0, total) with copies of the unit out[0, unit): doubling memcpy, linear time.
void repeat_unit(char* out, std::size_t unit, std::size_t total) {
  std::size_t filled = unit;
  while (filled < total) {
    const std::size_t n = std::min(filled, total - filled);
    std::memcpy(out + filled, out, n);
    filled += n;
  }
}

}  // namespace

int safe_rep(lua_State* L) {
  std::size_t len = 0;
  std::size_t sep_len = 0;
  const char* s = luaL_checklstring(L, 1, &len);
  const lua_Integer n = luaL_checkinteger(L, 2);
  const char* sep = luaL_optlstring(L, 3, "", &sep_len);
  const std::size_t cap = string_cap(L);
  if (n <= 0) {
    lua_pushliteral(L, "");
    return 1;
  }
  if (static_cast<lua_Unsigned>(n) > cap)
    return luaL_error(L, "string.rep: too many repetitions (%I, limit %I)", n, static_cast<lua_Integer>(cap));
  const auto count = static_cast<std::size_t>(n);
  // total = count * len + (count - 1) * sep_len must stay within the cap.
  const std::size_t unit = len + sep_len;
  if (len > cap || sep_len > cap || (unit != 0 && count > (cap + sep_len) / unit)) too_large(L, "string.rep", cap);
  const std::size_t total = count * unit - sep_len;
  luaL_Buffer b;
  char* out = luaL_buffinitsize(L, &b, total);
  if (total > 0) {
    std::memcpy(out, s, len);
    if (count > 1) std::memcpy(out + len, sep, sep_len);
    repeat_unit(out, std::min(unit, total), total);
  }
  luaL_pushresultsize(&b, total);
  host_of(L).budget.check(L);
  return 1;
}

int safe_format(lua_State* L) {
  std::size_t len = 0;
  const char* format = luaL_checklstring(L, 1, &len);
  const std::string_view spec(format, len);
  const int top = lua_gettop(L);
  int arg = 1;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] != '%') continue;
    if (++i < spec.size() && spec[i] == '%') continue;
    ++arg;
    while (i < spec.size() && std::string_view("-+ #0123456789.").find(spec[i]) != std::string_view::npos) ++i;
    if (i >= spec.size()) break;
    if (spec[i] == 'p') raise_arg_error(L, arg, "conversion '%p' is not allowed in the sandbox");
    if (spec[i] == 's' && arg <= top && lua_type(L, arg) != LUA_TSTRING && lua_type(L, arg) != LUA_TNUMBER) {
      push_tostring(L, arg);
      lua_replace(L, arg);
    }
  }
  // The stock format has no upvalues: call it in this frame, so its errors name 'format'.
  return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

namespace {

// Stock table functions accept tables, and other values whose metatable has the needed fields.
void check_table_like(lua_State* L, int arg, const char* field) {
  if (lua_type(L, arg) == LUA_TTABLE) return;
  if (luaL_getmetafield(L, arg, field) != LUA_TNIL) {
    lua_pop(L, 1);
    return;
  }
  luaL_checktype(L, arg, LUA_TTABLE);
}

}  // namespace

int safe_table_move(lua_State* L) {
  const lua_Integer first = luaL_checkinteger(L, 2);
  const lua_Integer last = luaL_checkinteger(L, 3);
  const lua_Integer to = luaL_checkinteger(L, 4);
  const int target = lua_isnoneornil(L, 5) ? 1 : 5;
  check_table_like(L, 1, "__index");
  check_table_like(L, target, "__newindex");
  if (last >= first) {
    luaL_argcheck(L, first > 0 || last < LUA_MAXINTEGER + first, 3, "too many elements to move");
    const lua_Integer span = last - first;  // elements - 1
    HostState& host = host_of(L);
    if (static_cast<lua_Unsigned>(span) >= host.limits.max_move_elements)
      return luaL_error(L, "table.move: too many elements (%I, limit %I)",
                        static_cast<lua_Integer>(static_cast<lua_Unsigned>(span) + 1u),
                        static_cast<lua_Integer>(host.limits.max_move_elements));
    luaL_argcheck(L, to <= LUA_MAXINTEGER - span, 4, "destination wrap around");
    StepCounter steps(L, host.budget);
    const bool forward = to > last || to <= first || (target != 1 && lua_compare(L, 1, target, LUA_OPEQ) == 0);
    for (lua_Integer i = 0; i <= span; ++i) {
      const lua_Integer k = forward ? i : span - i;
      lua_geti(L, 1, first + k);
      lua_seti(L, target, to + k);
      steps.step();
    }
  }
  lua_pushvalue(L, target);
  return 1;
}

int safe_table_concat(lua_State* L) {
  check_table_like(L, 1, "__index");
  std::size_t sep_len = 0;
  const char* sep = luaL_optlstring(L, 2, "", &sep_len);
  lua_Integer i = luaL_optinteger(L, 3, 1);
  const lua_Integer last = lua_isnoneornil(L, 4) ? luaL_len(L, 1) : luaL_checkinteger(L, 4);
  const std::size_t cap = string_cap(L);
  StepCounter steps(L, host_of(L).budget);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (; i <= last; ++i) {
    lua_geti(L, 1, i);
    if (!lua_isstring(L, -1))
      return luaL_error(L, "invalid value (at index %I) in table for 'concat'", i);
    std::size_t len = 0;
    lua_tolstring(L, -1, &len);
    const std::size_t add = len + (i < last ? sep_len : 0);
    if (add > cap || luaL_bufflen(&b) > cap - add) too_large(L, "table.concat", cap);
    luaL_addvalue(&b);
    if (i == last) break;  // before ++i could overflow
    luaL_addlstring(&b, sep, sep_len);
    steps.step();
  }
  luaL_pushresult(&b);
  return 1;
}

int call_then_check(lua_State* L) {
  const int results = lua_tocfunction(L, lua_upvalueindex(1))(L);
  host_of(L).budget.check(L);
  return results;
}

}  // namespace collab::lua
