#pragma once
// A formula's parameters from the data as a plain Lua table (integers stay integers).

#include <lua.hpp>

#include "model/param_value.h"

namespace collab::formula {

void push_params(lua_State* L, const ParamValue& value);

/// Pushes a deep copy of the params table at `index` (plain data as push_params and the script's
/// defaults make it: tables, strings, numbers, booleans; no metatables, no cycles). A sweep's lean
/// path builds a choice's params once and hands every call its own copy, so a call that writes to
/// its params (`params.step = params.step or 1`) leaves nothing for the next scenario to see.
void push_params_copy(lua_State* L, int index);

}  // namespace collab::formula
