#pragma once
// A JSON value from the data (a formula's params) as a plain Lua value.

#include <lua.hpp>
#include <nlohmann/json.hpp>

namespace collab::formula {

/// Objects become tables with string keys, arrays sequences, integers integers, other numbers
/// floats; null becomes nil (and is left out of tables). Needs stack space: call under protection.
void push_json(lua_State* L, const nlohmann::json& value);

}  // namespace collab::formula
