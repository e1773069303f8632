#pragma once
// Bounded versions of the string and table functions that stock Lua runs without ever reaching
// the hook: string.rep, table.move and table.concat (caps on counts and sizes, the clock read in
// long loops), string.format (no addresses), and a clock check after other long-running ones.

#include <lua.hpp>

namespace collab::lua {

/// string.rep(s, n [, sep]): n at most Limits::max_string_bytes, result at most as many bytes.
int safe_rep(lua_State* L);
/// string.format (upvalue 1: the stock one): refuses %p, formats %s of tables, functions,
/// threads and userdata as tostring does (no addresses).
int safe_format(lua_State* L);
/// table.move(a1, f, e, t [, a2]): at most Limits::max_move_elements elements.
int safe_table_move(lua_State* L);
/// table.concat(list [, sep [, i [, j]]]): result at most Limits::max_string_bytes.
int safe_table_concat(lua_State* L);
/// Calls the stock C function in upvalue 1 in this frame, then trips the budget if the deadline
/// has passed (for utf8.len, string.byte and other linear ones whose length memory bounds).
int call_then_check(lua_State* L);

}  // namespace collab::lua
