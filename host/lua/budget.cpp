#include "lua/budget.h"

#include <fmt/format.h>

#include <cstdlib>

#include "lua/host_state.h"

namespace collab::lua {

namespace {

const char kTimeoutKey = 0;  // registry key (its address) of the preallocated timeout error

}  // namespace

void Budget::prepare(lua_State* L) {
  lua_pushliteral(L, "CPU time limit exceeded");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kTimeoutKey);
}

void Budget::install(lua_State* L) const { lua_sethook(L, &Budget::hook, LUA_MASKCOUNT, interval_); }

void Budget::arm(std::chrono::milliseconds limit, int interval) noexcept {
  armed_ = true;
  expired_ = false;
  in_handler_ = false;
  configure(interval);
  limit_ = limit;
  start_ = Clock::now();
  deadline_ = start_ + limit;
  stop_ = start_;
  bytes_since_check_ = 0;
  instructions_ = 0;
  stopped_at_.clear();
}

void Budget::disarm() noexcept {
  if (!armed_) return;
  stop_ = Clock::now();
  if (stop_ >= deadline_) expired_ = true;
  armed_ = false;
}

Budget::Clock::duration Budget::used() const noexcept { return (armed_ ? Clock::now() : stop_) - start_; }

bool Budget::past_deadline() noexcept {
  if (!armed_) return false;
  if (!expired_ && Clock::now() >= deadline_) expired_ = true;
  return expired_;
}

void Budget::check(lua_State* L) {
  if (past_deadline()) trip(L);
}

void Budget::record_location(lua_State* L) noexcept {
  lua_Debug ar;
  for (int level = 0; level < 8 && lua_getstack(L, level, &ar) != 0; ++level) {
    if (lua_getinfo(L, "Sl", &ar) == 0 || ar.currentline <= 0) continue;
    try {
      stopped_at_ = fmt::format("{}:{}", ar.short_src, ar.currentline);
    } catch (const std::exception&) {
      stopped_at_.clear();
    }
    return;
  }
}

void Budget::trip(lua_State* L) {
  expired_ = true;
  if (stopped_at_.empty()) record_location(L);
  // From now on this thread stops at its very next instruction or call, whoever catches what.
  lua_sethook(L, &Budget::hook, LUA_MASKCOUNT | LUA_MASKCALL, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kTimeoutKey);
  lua_error(L);
  std::abort();  // not reached: lua_error does not return
}

bool Budget::allow_allocation(std::size_t bytes) noexcept {
  if (!armed_ || in_handler_) return true;
  if (expired_) return false;
  bytes_since_check_ += bytes;
  if (bytes_since_check_ < kBytesPerClockCheck) return true;
  bytes_since_check_ = 0;
  return !past_deadline();
}

bool Budget::is_exempt(lua_State* L, lua_Debug* ar) const {
  if (exempt_ == nullptr || ar->event != LUA_HOOKCALL || lua_getinfo(L, "f", ar) == 0) return false;
  const bool exempt = lua_tocfunction(L, -1) == exempt_;
  lua_pop(L, 1);
  return exempt;
}

void Budget::hook(lua_State* L, lua_Debug* ar) {
  Budget& self = host_of(L).budget;
  if (!self.armed_) return;
  if (ar->event == LUA_HOOKCOUNT) self.instructions_ += static_cast<std::uint64_t>(lua_gethookcount(L));
  if (self.expired_ || self.past_deadline()) {
    if (self.is_exempt(L, ar)) return;  // the traceback handler may still describe the timeout
    self.trip(L);
  }
  // A coroutine left tripped by an earlier run goes back to the cheap hook.
  if (lua_gethookmask(L) != LUA_MASKCOUNT || lua_gethookcount(L) != self.interval_) self.install(L);
}

}  // namespace collab::lua
