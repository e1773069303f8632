#pragma once
// HostState: everything the host's C functions need to find from a lua_State.

#include <lua.hpp>

#include <cstdint>
#include <memory>
#include <string>

#include "lua/allocator.h"
#include "lua/budget.h"
#include "lua/limits.h"
#include "lua/log.h"

namespace collab::lua {

/// The per-state data of a Sandbox. Its address is in the extra space of the main thread, which
/// Lua copies into every coroutine, so a hook or a C function finds it from any thread.
struct HostState {
  explicit HostState(const Limits& l) : limits(l), allocator(l.memory_bytes, &budget) {}

  Limits limits;
  Budget budget;
  CountingAllocator allocator;
  Log log;
  bool memory_failed = false;    // a wrapper saw LUA_ERRMEM during this run
  bool internal_failed = false;  // a wrapper saw a status Lua does not document (C++ build: -1)
  int close_depth = 0;           // nesting of coroutine.close inside __close handlers
  std::int64_t next_object_id = 1;  // tostring's stand-in for addresses
  bool handler_ran = false;      // the traceback handler saw this run's error
  std::string handler_message;   // ... and this was its message
  std::string pending_warning;   // a warning Lua sends in pieces
  std::shared_ptr<int> lifetime = std::make_shared<int>(0);  // Refs hold it weakly: alive while the state is

  /// A limit has been hit: wrappers re-raise instead of letting a script catch the error.
  bool aborting() const { return budget.expired() || memory_failed || internal_failed; }
};

inline HostState& host_of(lua_State* L) { return **static_cast<HostState**>(lua_getextraspace(L)); }

/// Records what a wrapper saw from lua_pcallk/lua_resume/lua_load: LUA_ERRMEM and undocumented
/// statuses are limits a script may not catch. True when the error must be re-raised.
inline bool must_reraise(lua_State* L, int status) {
  HostState& host = host_of(L);
  if (status == LUA_ERRMEM) host.memory_failed = true;
  if (status != LUA_OK && status != LUA_YIELD && status != LUA_ERRRUN && status != LUA_ERRSYNTAX &&
      status != LUA_ERRMEM && status != LUA_ERRERR)
    host.internal_failed = true;
  return host.aborting() || host.budget.past_deadline();
}

}  // namespace collab::lua
