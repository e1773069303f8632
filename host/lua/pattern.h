#pragma once
// string.find, string.match, string.gmatch and string.gsub on the sandbox's own matcher of Lua
// patterns: the same language and results as Lua 5.4, but every step is counted against the CPU
// budget, so a pattern that would backtrack for hours stops at the deadline like a loop does.

#include <lua.hpp>

namespace collab::lua {

/// string.find(s, pattern [, init [, plain]]); plain search (or a pattern without specials) in
/// linear time (memmem).
int pattern_find(lua_State* L);
/// string.match(s, pattern [, init])
int pattern_match(lua_State* L);
/// string.gmatch(s, pattern [, init])
int pattern_gmatch(lua_State* L);
/// string.gsub(s, pattern, repl [, n]); the result is capped at Limits::max_string_bytes.
int pattern_gsub(lua_State* L);

}  // namespace collab::lua
