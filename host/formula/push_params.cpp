#include "formula/push_params.h"

namespace collab::formula {

void push_params(lua_State* L, const ParamValue& value) {
  luaL_checkstack(L, 3, "parameters nested too deeply");
  switch (value.type) {
    case ParamValue::Type::Object:
      lua_createtable(L, 0, static_cast<int>(value.members.size()));
      for (const auto& [key, item] : value.members) {
        if (item.type == ParamValue::Type::Null) continue;
        push_params(L, item);
        lua_setfield(L, -2, key.c_str());
      }
      return;
    case ParamValue::Type::Array: {
      lua_createtable(L, static_cast<int>(value.items.size()), 0);
      lua_Integer i = 0;
      for (const auto& item : value.items) {
        push_params(L, item);
        lua_rawseti(L, -2, ++i);
      }
      return;
    }
    case ParamValue::Type::String: lua_pushlstring(L, value.text.data(), value.text.size()); return;
    case ParamValue::Type::Boolean: lua_pushboolean(L, value.boolean ? 1 : 0); return;
    case ParamValue::Type::Integer: lua_pushinteger(L, value.integer); return;
    case ParamValue::Type::Number: lua_pushnumber(L, value.number); return;
    case ParamValue::Type::Null: lua_pushnil(L); return;
  }
}

void push_params_copy(lua_State* L, int index) {
  luaL_checkstack(L, 4, "parameters nested too deeply");
  index = lua_absindex(L, index);
  lua_createtable(L, static_cast<int>(lua_rawlen(L, index)), 0);
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    lua_pushvalue(L, -2);  // the key, kept for lua_next
    if (lua_type(L, -2) == LUA_TTABLE) push_params_copy(L, -2);
    else lua_pushvalue(L, -2);
    lua_rawset(L, -5);
    lua_pop(L, 1);
  }
}

}  // namespace collab::formula
