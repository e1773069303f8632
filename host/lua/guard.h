#pragma once
// How every C function of the host is written, so that neither kind of error crosses the
// boundary unconverted. Read this before adding a function the scripts can call.
//
// We link Debian's C++ build of Lua (pkg-config lua5.4-c++). There a Lua error (lua_error,
// luaL_error, luaL_argerror, a failed allocation, the CPU budget tripping) IS a C++ exception
// of a type private to Lua, thrown through our frames; destructors run on the way (a test checks
// this). Two rules follow:
//
//  1. A C++ exception must never leave a C function into Lua: Lua's own catch(...) turns it into
//     the undocumented status -1 with a garbage error object. So every C function catches
//     std::exception (our own exceptions derive from it) and raises a Lua error instead.
//     Write the body as `int body(lua_State*)` and register `guarded<body>`:
//
//         int money_add(lua_State* L) { ... may throw std::exception ... }
//         lua_pushcfunction(L, guarded<money_add>);
//         lua_pushcfunction(L, guarded<[](lua_State* L) -> int { ... }>);
//
//     Functions given to Sandbox::expose are wrapped like this for you, and their errors name the
//     function ("script.lua:3: error in 'collab.money.add': ...").
//
//  2. Never `catch (...)` around code that can raise a Lua error: it would swallow Lua's own
//     unwinding (an error, or a coroutine yield) and leave the state inconsistent. Catch
//     std::exception (or narrower) only. Lua's exception is not a std::exception.
//
// Raise errors after the catch block, not inside it, and keep no raw pointers into Lua strings
// across a call that can run the garbage collector.

#include <lua.hpp>

#include <exception>
#include <new>
#include <string>
#include <string_view>

namespace collab::lua {

/// Raises a Lua error "where: message", where = luaL_where(L, 1) (the calling script line).
[[noreturn]] void raise_error(lua_State* L, std::string_view message);
/// Pushes "chunk:line: " of the nearest Lua function on the call stack (or ""), so an error raised
/// inside a metamethod that a library function triggered still names the script's line.
void push_script_where(lua_State* L);

/// Wraps `int F(lua_State*)` (a function or a captureless lambda) into a lua_CFunction that turns
/// any std::exception into a Lua error carrying what().
template <auto F>
int guarded(lua_State* L) {
  std::string failure;
  try {
    return F(L);
  } catch (const std::bad_alloc&) {
    failure = "not enough memory (host)";
  } catch (const std::exception& e) {
    failure = e.what();
  }
  raise_error(L, failure);
}

/// For functions registered through Sandbox::expose: their dotted name ("collab.money.add").
const char* exposed_name(lua_State* L);
/// For functions registered through Sandbox::expose: the context pointer given to expose() for the
/// innermost exposed function running on `L` (nullptr when none is).
void* exposed_context(lua_State* L);
/// "bad argument #2 to 'collab.money.add' (money expected, got number)", naming exposed functions
/// by their dotted name (other functions as luaL_argerror does).
[[noreturn]] void raise_arg_error(lua_State* L, int arg, std::string_view message);
/// raise_arg_error with "<expected> expected, got <type or __name>".
[[noreturn]] void raise_type_error(lua_State* L, int arg, std::string_view expected);

/// The lua_CFunction every exposed function runs through (upvalues: function, name, context).
int exposed_trampoline(lua_State* L);

}  // namespace collab::lua
