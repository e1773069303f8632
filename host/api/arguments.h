#pragma once
// Reading the arguments of collab.* functions: each raises the Lua error a script author needs
// ("bad argument #2 to 'collab.grant' (unknown force 'nots'; ...)") rather than returning.

#include <lua.hpp>

#include <string>
#include <string_view>

#include "api/api.h"

namespace collab::api {

ApiContext& api_context(lua_State* L);
/// The string at `index` with its whole length: a Lua string may hold NUL bytes, and reading it
/// as a C string would take "derbyshire\0x" for "derbyshire". Precondition: it is a string.
std::string string_at(lua_State* L, int index);
/// The same without a copy: valid while the value stays on the stack.
std::string_view view_at(lua_State* L, int index);
/// A name the host matches (an id, a key, a field name): the string at `index`, refused when it
/// holds a NUL byte (std::runtime_error: "<what> 'derbyshire\x00' holds a NUL byte").
std::string name_at(lua_State* L, int index, std::string_view what);
/// "2016/17" (or "2016-17", "2016/2017").
FinancialYear year_arg(lua_State* L, int arg);
/// A force's id, name, short name or alias, or a force view (a table whose `id` is one; a view
/// of collab.forces is found without comparing names).
const Force& force_arg(lua_State* L, int arg);
/// The same, with the context already at hand.
const Force& force_arg(lua_State* L, int arg, const ApiContext& context);
/// The force the value at stack `index` names (as force_arg reads it), or nullptr.
const Force* find_force(lua_State* L, int index, const ApiContext& context);
/// Why the value at `index` names no force: "unknown force 'nots'; forces are ..." or what it is.
std::string force_fault(lua_State* L, int index, const ApiContext& context);
/// The length of the list at `arg` (its __len, as # gives it), refused beyond 2^24 items ("a
/// list of N <items>"), and a new table of that many slots pushed for the results.
lua_Integer list_arg(lua_State* L, int arg, std::string_view items);
/// A unit's id, name, short name or alias, or a unit view.
const Collaboration& unit_arg(lua_State* L, int arg);
/// An integer number of pence (a float with an integral value is accepted: 100.0); a fraction,
/// NaN or a whole number beyond int64 (1e300) is an argument error saying which.
/// Why a Lua number that is not an integer is not pence: nan, beyond int64, or a fraction.
std::string not_pence_reason(double value);
Money money_arg(lua_State* L, int arg);

}  // namespace collab::api
