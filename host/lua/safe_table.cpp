#include "lua/safe_table.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>

#include "lua/host_state.h"

namespace collab::lua {

namespace {

// Stock table functions accept tables, and other values whose metatable has the fields they need.
void check_table(lua_State* L, int arg, bool read, bool write, bool length) {
  if (lua_type(L, arg) == LUA_TTABLE) return;
  if (lua_getmetatable(L, arg) != 0) {
    bool ok = true;
    const auto has = [&](const char* field) {
      lua_pushstring(L, field);
      const bool present = lua_rawget(L, -2) != LUA_TNIL;
      lua_pop(L, 1);
      return present;
    };
    if (read) ok = ok && has("__index");
    if (write) ok = ok && has("__newindex");
    if (length) ok = ok && has("__len");
    lua_pop(L, 1);
    if (ok) return;
  }
  luaL_checktype(L, arg, LUA_TTABLE);
}

lua_Unsigned cap_of(lua_State* L) { return static_cast<lua_Unsigned>(host_of(L).limits.max_move_elements); }

// `shifts` elements of a table of length `length` would move: refuse more than the cap.
void check_shifts(lua_State* L, const char* function, lua_Integer length, lua_Integer position, lua_Unsigned shifts) {
  const lua_Unsigned cap = cap_of(L);
  if (shifts <= cap) return;
  if (length >= 0)
    luaL_error(L, "%s: table length %I is beyond the sandbox's limit of %I", function, length,
               static_cast<lua_Integer>(cap));
  luaL_error(L, "%s: position %I is too far from the end of the table (length %I): more than the sandbox's limit of %I elements to shift",
             function, position, length, static_cast<lua_Integer>(cap));
  std::abort();  // not reached
}

}  // namespace

int safe_table_insert(lua_State* L) {
  check_table(L, 1, true, true, true);
  const lua_Integer length = luaL_len(L, 1);
  // The first free position, wrapping around as stock Lua's does.
  const auto end = static_cast<lua_Integer>(static_cast<lua_Unsigned>(length) + 1u);
  lua_Integer pos = end;
  switch (lua_gettop(L)) {
    case 2: break;
    case 3: {
      pos = luaL_checkinteger(L, 2);
      luaL_argcheck(L, static_cast<lua_Unsigned>(pos) - 1u < static_cast<lua_Unsigned>(end), 2, "position out of bounds");
      const lua_Unsigned shifts = static_cast<lua_Unsigned>(end) - static_cast<lua_Unsigned>(pos);
      check_shifts(L, "table.insert", length, pos, shifts);
      StepCounter steps(L, host_of(L).budget);
      for (lua_Unsigned k = 0; k < shifts; ++k) {  // t[i] = t[i - 1], from the end down to pos + 1
        const auto i = static_cast<lua_Integer>(static_cast<lua_Unsigned>(end) - k);
        lua_geti(L, 1, static_cast<lua_Integer>(static_cast<lua_Unsigned>(i) - 1u));
        lua_seti(L, 1, i);
        steps.step();
      }
      break;
    }
    default: return luaL_error(L, "wrong number of arguments to 'insert'");
  }
  lua_seti(L, 1, pos);  // the value is on top
  return 0;
}

int safe_table_remove(lua_State* L) {
  check_table(L, 1, true, true, true);
  const lua_Integer size = luaL_len(L, 1);
  lua_Integer pos = luaL_optinteger(L, 2, size);
  if (pos != size)
    luaL_argcheck(L, static_cast<lua_Unsigned>(pos) - 1u <= static_cast<lua_Unsigned>(size), 2, "position out of bounds");
  lua_geti(L, 1, pos);  // the result
  if (pos < size) {
    const lua_Unsigned shifts = static_cast<lua_Unsigned>(size) - static_cast<lua_Unsigned>(pos);
    check_shifts(L, "table.remove", size, pos, shifts);
    StepCounter steps(L, host_of(L).budget);
    for (; pos < size; ++pos) {  // t[pos] = t[pos + 1]
      lua_geti(L, 1, pos + 1);
      lua_seti(L, 1, pos);
      steps.step();
    }
  }
  lua_pushnil(L);
  lua_seti(L, 1, pos);
  return 1;
}

// ---- sort ------------------------------------------------------------------------------------

namespace {

// Sorts t (argument 1) in place with lua_geti/lua_seti, as stock sort does, comparing with the
// function at argument 2 or with '<'. Slot 3 holds the element being sifted.
class HeapSort {
 public:
  HeapSort(lua_State* L, lua_Integer n) : L_(L), n_(n), has_comparator_(!lua_isnil(L, 2)), steps_(L, host_of(L).budget) {}

  void run() {
    for (lua_Integer i = n_ / 2; i >= 1; --i) sift_down(i, n_);
    for (lua_Integer last = n_; last >= 2; --last) {
      lua_geti(L_, 1, 1);
      lua_geti(L_, 1, last);
      lua_seti(L_, 1, 1);
      lua_seti(L_, 1, last);  // the largest goes to the end
      sift_down(1, last - 1);
    }
    // An inconsistent order function leaves the result out of order: say so, as stock Lua does
    // when its partition runs off the array.
    for (lua_Integer i = 1; i < n_; ++i) {
      lua_geti(L_, 1, i);
      lua_geti(L_, 1, i + 1);
      const bool out_of_order = less(-1, -2);
      lua_pop(L_, 2);
      if (out_of_order) luaL_error(L_, "invalid order function for sorting");
    }
  }

 private:
  // Moves t[start] down the max-heap t[start..last] to its place.
  void sift_down(lua_Integer start, lua_Integer last) {
    lua_geti(L_, 1, start);
    lua_replace(L_, 3);
    lua_Integer hole = start;
    while (hole <= last / 2) {
      lua_Integer child = 2 * hole;
      lua_geti(L_, 1, child);
      if (child < last) {
        lua_geti(L_, 1, child + 1);
        if (less(-2, -1)) {
          ++child;
          lua_remove(L_, -2);
        } else {
          lua_pop(L_, 1);
        }
      }
      if (!less(3, -1)) {
        lua_pop(L_, 1);
        break;
      }
      lua_seti(L_, 1, hole);  // the larger child moves up into the hole
      hole = child;
    }
    lua_pushvalue(L_, 3);
    lua_seti(L_, 1, hole);
  }

  // a < b, by the order function or '<'; counted by the length of the strings compared.
  bool less(int a, int b) {
    a = lua_absindex(L_, a);
    b = lua_absindex(L_, b);
    std::uint32_t cost = 1;
    if (lua_type(L_, a) == LUA_TSTRING && lua_type(L_, b) == LUA_TSTRING) {
      const std::size_t shorter = std::min(lua_rawlen(L_, a), lua_rawlen(L_, b));
      cost += static_cast<std::uint32_t>(std::min<std::size_t>(shorter / 64, UINT32_MAX / 2));
    }
    steps_.step(cost);
    if (!has_comparator_) return lua_compare(L_, a, b, LUA_OPLT) != 0;
    lua_pushvalue(L_, 2);
    lua_pushvalue(L_, a);
    lua_pushvalue(L_, b);
    lua_call(L_, 2, 1);
    const bool result = lua_toboolean(L_, -1) != 0;
    lua_pop(L_, 1);
    return result;
  }

  lua_State* L_;
  lua_Integer n_;
  bool has_comparator_;
  StepCounter steps_;
};

}  // namespace

int safe_table_sort(lua_State* L) {
  check_table(L, 1, true, true, true);
  const lua_Integer n = luaL_len(L, 1);
  if (n > 1) {
    const lua_Unsigned cap = std::min<lua_Unsigned>(cap_of(L), INT_MAX - 1);
    if (static_cast<lua_Unsigned>(n) > cap)
      return luaL_error(L, "table.sort: table length %I is beyond the sandbox's limit of %I", n,
                        static_cast<lua_Integer>(cap));
    if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    lua_pushnil(L);  // slot 3: the element being sifted
    HeapSort(L, n).run();
  }
  return 0;
}

int safe_table_unpack(lua_State* L) {
  lua_Integer i = luaL_optinteger(L, 2, 1);
  const lua_Integer last = lua_isnoneornil(L, 3) ? luaL_len(L, 1) : luaL_checkinteger(L, 3);
  if (i > last) return 0;
  lua_Unsigned n = static_cast<lua_Unsigned>(last) - static_cast<lua_Unsigned>(i);
  if (n >= static_cast<unsigned int>(INT_MAX) || !lua_checkstack(L, static_cast<int>(++n)))
    return luaL_error(L, "too many results to unpack");
  StepCounter steps(L, host_of(L).budget);
  for (; i < last; ++i) {  // each read may walk an __index chain 2000 tables long
    lua_geti(L, 1, i);
    steps.step();
  }
  lua_geti(L, 1, last);
  return static_cast<int>(n);
}

}  // namespace collab::lua
