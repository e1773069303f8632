#include "api/marked_tables.h"

namespace collab::api {

void create_marked_set(lua_State* L, const void* key) {
  lua_createtable(L, 0, 0);
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_rawsetp(L, LUA_REGISTRYINDEX, key);
}

void push_shallow_copy(lua_State* L, int index) {
  index = lua_absindex(L, index);
  lua_createtable(L, static_cast<int>(lua_rawlen(L, index)), 8);
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, -4);
  }
}

void push_marked_copy(lua_State* L, int index, const void* key) {
  push_shallow_copy(L, index);
  lua_rawgetp(L, LUA_REGISTRYINDEX, key);
  lua_pushvalue(L, -2);
  lua_pushboolean(L, 1);
  lua_rawset(L, -3);
  lua_pop(L, 1);
}

bool is_marked(lua_State* L, int index, const void* key) {
  index = lua_absindex(L, index);
  lua_rawgetp(L, LUA_REGISTRYINDEX, key);
  lua_pushvalue(L, index);
  const bool marked = lua_rawget(L, -2) == LUA_TBOOLEAN;
  lua_pop(L, 2);
  return marked;
}

}  // namespace collab::api
