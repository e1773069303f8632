#pragma once
// How a constructor (collab.formula, collab.report, collab.rule) marks what it returns, so the
// host knows later that a script's table went through its checks: a weak-keyed set in the
// registry under the constructor's own key, holding shallow copies of the tables it checked.

#include <lua.hpp>

namespace collab::api {

/// Creates the empty, weak-keyed table under `key` in the registry (the marks; collab.layout keeps
/// a kind and a line as each mark's value). Call once per state, under protection (Sandbox::inspect).
void create_marked_set(lua_State* L, const void* key);

/// Pushes a shallow copy of the table at `index`, raw.
void push_shallow_copy(lua_State* L, int index);

/// Pushes a shallow copy of the table at `index` (later changes to the script's own table do not
/// reach what was checked) and adds it to the set under `key`.
void push_marked_copy(lua_State* L, int index, const void* key);

/// Whether the value at `index` is in the set under `key`. Raw reads only.
bool is_marked(lua_State* L, int index, const void* key);

}  // namespace collab::api
