#pragma once
// The sandbox's own versions of base, coroutine and os functions that stock Lua lets a script
// use to escape a limit or to reach state shared with other scripts. Each is a plain
// `int f(lua_State*)`, registered through guarded<f> (see guard.h).

#include <lua.hpp>

namespace collab::lua {

// pcall and xpcall (through lua_pcallk, so coroutines still yield across them) that re-raise
// once a limit has been hit; xpcall calls the script's handler through a guard that skips it then.
int safe_pcall(lua_State* L);
int safe_xpcall(lua_State* L);

// coroutine.resume, wrap and close that re-raise once a limit has been hit; close (and wrap's
// clean-up after an error) limited to Limits::max_close_depth nested closes.
int safe_resume(lua_State* L);
int safe_wrap(lua_State* L);
int safe_close(lua_State* L);

/// load(chunk [, chunkname [, mode [, env]]]): text only, through the ChunkReader, size-capped;
/// the default environment is upvalue 1 (the environment this `load` belongs to), never _G.
int safe_load(lua_State* L);

/// setmetatable refusing a metatable with a __gc field (finalizers run with hooks off).
int safe_setmetatable(lua_State* L);
/// rawset refusing read-only proxies and frozen environments.
int safe_rawset(lua_State* L);
/// rawget that reads a frozen environment's globals from its backing table (rawget(_G, 'x') still
/// tells whether a global exists once the script has loaded).
int safe_rawget(lua_State* L);
/// print and warn, to the run's capped log. warn ignores control messages ("@on", "@off").
int safe_print(lua_State* L);
int safe_warn(lua_State* L);
/// collectgarbage("count") only.
int safe_collectgarbage(lua_State* L);
/// tostring without addresses: "table: #12" (a per-state number) instead of "table: 0x55...".
int safe_tostring(lua_State* L);
/// os.date (upvalue 1: the stock os.date) refusing conversions that depend on the process
/// locale; the default format is "%Y-%m-%d %H:%M:%S" instead of the locale's "%c".
int safe_os_date(lua_State* L);

/// Pushes tostring(value at idx) as safe_tostring computes it (runs __tostring, under the budget).
void push_tostring(lua_State* L, int idx);

/// The lua_WarnFunction of the state: Lua's own warnings go to the run's log too.
void warn_to_log(void* ud, const char* message, int to_continue);

}  // namespace collab::lua
