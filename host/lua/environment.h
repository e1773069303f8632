#pragma once
// The environments scripts run in: a shared, frozen base built from an allow-list, read-only
// proxies for every library and host module, and one global table per script.

#include <lua.hpp>

#include <span>
#include <string_view>

namespace collab::lua {

/// Builds the shared base from the allow-list (environment.cpp) once the six libraries are
/// open: fresh library tables, read-only proxies, the sealed string metatable, the metatable
/// every environment gets. Call once, under protection.
void build_base(lua_State* L);

/// Pushes a new environment: a table whose own fields are the script's globals, with `_G` (itself)
/// and `load` (bound to it); reads fall through to the frozen base, and reading a name that is in
/// neither raises "script accessed undefined global 'x'".
void push_new_environment(lua_State* L);

/// Freezes the environment at `index` once its script has loaded: its globals move to a backing
/// table it reads through (then the base), `pairs` walks them, and assigning any global, new or
/// existing, raises "where: error in <owner>: assigns global 'x' (...)". State kept in globals
/// would make one call (a sweep's scenario) depend on the ones before it. Does nothing twice.
void freeze_environment(lua_State* L, int index, std::string_view owner);
/// The owner ("formula 'x'") of the frozen environment at `index`, or nullptr if it is not one.
const char* frozen_owner(lua_State* L, int index);
/// Raises the frozen-global error for `owner` and the key at `key_index`.
int raise_frozen_assignment(lua_State* L, const char* owner, int key_index);
/// Pushes the table holding the globals of the environment at `index`: its backing table once
/// frozen, the environment itself before.
void push_globals_table(lua_State* L, int index);

/// Pushes a read-only proxy of the table at `real_index`: an empty table whose metatable reads
/// from the real one, refuses writes ("attempt to modify read-only table 'name'"), iterates it
/// with pairs, gives its length, and is protected (__metatable).
void push_proxy(lua_State* L, int real_index, std::string_view name);
/// The name of the proxy at `index`, or nullptr if it is not one.
const char* proxy_name(lua_State* L, int index);

/// Adds `functions` to the host module `module` ("collab" or "collab.money"), creating the module
/// and its parents as read-only proxies on first use. Throws std::invalid_argument when a name is
/// taken. Each function runs through exposed_trampoline (guard.h).
void expose_functions(lua_State* L, std::string_view module, std::span<const luaL_Reg> functions, void* context);
/// Pops the value on top and publishes it as `dotted_name` (a table becomes a read-only proxy,
/// unless it is one already).
void publish_value(lua_State* L, std::string_view dotted_name);
/// "collab", "collab.money": identifiers separated by dots.
bool is_dotted_name(std::string_view name);

/// Pushes the stock math.randomseed, which scripts do not get (the host seeds each run).
void push_random_seeder(lua_State* L);
/// Registry key of the weak table of tostring's object numbers.
const void* object_ids_key();

}  // namespace collab::lua
