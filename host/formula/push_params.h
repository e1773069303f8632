#pragma once
// A formula's parameters from the data as a plain Lua table (integers stay integers).

#include <lua.hpp>

#include "model/param_value.h"

namespace collab::formula {

void push_params(lua_State* L, const ParamValue& value);

}  // namespace collab::formula
