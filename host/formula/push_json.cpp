#include "formula/push_json.h"

namespace collab::formula {

void push_json(lua_State* L, const nlohmann::json& value) {
  luaL_checkstack(L, 3, "JSON nested too deeply");
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      lua_createtable(L, 0, static_cast<int>(value.size()));
      for (const auto& [key, item] : value.items()) {
        if (item.is_null()) continue;
        push_json(L, item);
        lua_setfield(L, -2, key.c_str());
      }
      return;
    case nlohmann::json::value_t::array: {
      lua_createtable(L, static_cast<int>(value.size()), 0);
      lua_Integer i = 0;
      for (const auto& item : value) {
        push_json(L, item);
        lua_rawseti(L, -2, ++i);
      }
      return;
    }
    case nlohmann::json::value_t::string:
      lua_pushstring(L, value.get_ref<const std::string&>().c_str());
      return;
    case nlohmann::json::value_t::boolean:
      lua_pushboolean(L, value.get<bool>());
      return;
    case nlohmann::json::value_t::number_integer:
      lua_pushinteger(L, value.get<int64_t>());
      return;
    case nlohmann::json::value_t::number_unsigned: {  // nlohmann reads 50 as unsigned
      const auto n = value.get<uint64_t>();
      if (n <= static_cast<uint64_t>(LUA_MAXINTEGER))
        lua_pushinteger(L, static_cast<lua_Integer>(n));
      else
        lua_pushnumber(L, static_cast<lua_Number>(n));
      return;
    }
    case nlohmann::json::value_t::number_float:
      lua_pushnumber(L, value.get<double>());
      return;
    default:
      lua_pushnil(L);
  }
}

}  // namespace collab::formula
