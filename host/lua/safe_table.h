#pragma once
// The sandbox's own table.insert, table.remove, table.sort and table.unpack. Stock Lua runs
// their loops in C, where the count hook never fires, for a length the script chooses (#t of a
// sparse table can be 2^40, a __len metamethod can return anything): these count their steps
// against the budget and refuse to shift or sort more than Limits::max_move_elements elements.

#include <lua.hpp>

namespace collab::lua {

/// table.insert(t, [pos,] v): shifts at most Limits::max_move_elements elements.
int safe_table_insert(lua_State* L);
/// table.remove(t [, pos]): shifts at most Limits::max_move_elements elements.
int safe_table_remove(lua_State* L);
/// table.sort(t [, comp]): a heapsort (not stable; neither is Lua's) of at most
/// Limits::max_move_elements elements, each comparison counted against the budget (long strings
/// by their length); a result that is not in order by `comp` fails with
/// "invalid order function for sorting".
int safe_table_sort(lua_State* L);
/// table.unpack(list [, i [, j]]): each element read counted against the budget.
int safe_table_unpack(lua_State* L);

}  // namespace collab::lua
