#include "lua/guard.h"

#include <cstdlib>

namespace collab::lua {

void raise_error(lua_State* L, std::string_view message) {
  luaL_where(L, 1);
  lua_pushlstring(L, message.data(), message.size());
  lua_concat(L, 2);
  lua_error(L);
  std::abort();  // not reached
}

void push_script_where(lua_State* L) {
  lua_Debug ar;
  for (int level = 1; level < 16 && lua_getstack(L, level, &ar) != 0; ++level) {
    if (lua_getinfo(L, "Sl", &ar) != 0 && ar.currentline > 0) {
      lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
      return;
    }
  }
  lua_pushliteral(L, "");
}

namespace {

// The exposed call running innermost on this thread: found by the functions it calls without
// asking Lua for the running function (lua_getinfo), which cost more than many of them do.
// Exposed functions do not yield, and Lua's errors unwind as C++ exceptions here (liblua5.4-c++),
// so the record is set and restored strictly in nesting order.
struct ExposedCall {
  lua_State* L;
  void* context;
};
thread_local const ExposedCall* innermost = nullptr;

class ExposedScope {
 public:
  explicit ExposedScope(const ExposedCall& call) : outer_(innermost) { innermost = &call; }
  ~ExposedScope() { innermost = outer_; }
  ExposedScope(const ExposedScope&) = delete;
  ExposedScope& operator=(const ExposedScope&) = delete;

 private:
  const ExposedCall* outer_;
};

const ExposedCall* current_call(lua_State* L) { return innermost != nullptr && innermost->L == L ? innermost : nullptr; }

// Exact (the running function itself), for error messages: a library function that a callback
// of an exposed function calls must not take that function's name.
bool is_exposed(lua_State* L) {
  lua_Debug ar;
  if (lua_getstack(L, 0, &ar) == 0 || lua_getinfo(L, "f", &ar) == 0) return false;
  const bool exposed = lua_tocfunction(L, -1) == &exposed_trampoline;
  lua_pop(L, 1);
  return exposed;
}

}  // namespace

const char* exposed_name(lua_State* L) {
  return is_exposed(L) ? lua_tostring(L, lua_upvalueindex(2)) : nullptr;
}

void* exposed_context(lua_State* L) {
  const ExposedCall* call = current_call(L);
  return call != nullptr ? call->context : nullptr;
}

void raise_arg_error(lua_State* L, int arg, std::string_view message) {
  const char* name = exposed_name(L);
  if (name == nullptr) {
    lua_pushlstring(L, message.data(), message.size());
    luaL_argerror(L, arg, lua_tostring(L, -1));
  }
  lua_pushfstring(L, "bad argument #%d to '%s' (", arg, name);
  lua_pushlstring(L, message.data(), message.size());
  lua_pushliteral(L, ")");
  lua_concat(L, 3);
  luaL_where(L, 1);
  lua_insert(L, -2);
  lua_concat(L, 2);
  lua_error(L);
  std::abort();  // not reached
}

void raise_type_error(lua_State* L, int arg, std::string_view expected) {
  const char* actual = nullptr;
  if (luaL_getmetafield(L, arg, "__name") == LUA_TSTRING)
    actual = lua_tostring(L, -1);
  else if (lua_type(L, arg) == LUA_TLIGHTUSERDATA)
    actual = "light userdata";
  else
    actual = luaL_typename(L, arg);
  lua_pushfstring(L, "%s expected, got %s", std::string(expected).c_str(), actual);
  raise_arg_error(L, arg, lua_tostring(L, -1));
}

int exposed_trampoline(lua_State* L) {
  auto* function = lua_tocfunction(L, lua_upvalueindex(1));
  const ExposedCall call{L, lua_touserdata(L, lua_upvalueindex(3))};
  std::string failure;
  try {
    const ExposedScope scope(call);
    return function(L);
  } catch (const std::bad_alloc&) {
    failure = "not enough memory (host)";
  } catch (const std::exception& e) {
    failure = e.what();
  }
  const char* name = lua_tostring(L, lua_upvalueindex(2));
  luaL_where(L, 1);
  lua_pushfstring(L, "error in '%s': %s", name != nullptr ? name : "?", failure.c_str());
  lua_concat(L, 2);
  lua_error(L);
  std::abort();  // not reached
}

}  // namespace collab::lua
