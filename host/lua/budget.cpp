#include "lua/budget.h"

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>

#include "lua/host_state.h"

namespace collab::lua {

namespace {

const char kLimitKey = 0;  // registry key (its address) of the preallocated limit error

}  // namespace

std::chrono::nanoseconds Budget::thread_cpu_time() noexcept {
  timespec now{};
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) != 0) return std::chrono::nanoseconds{0};  // not on Linux
  return std::chrono::seconds{now.tv_sec} + std::chrono::nanoseconds{now.tv_nsec};
}

void Budget::prepare(lua_State* L) {
  // What a script's pcall would see if it could catch the stop; the host's message says which limit.
  lua_pushliteral(L, "time limit exceeded");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kLimitKey);
}

void Budget::install(lua_State* L) const { lua_sethook(L, &Budget::hook, LUA_MASKCOUNT, interval_); }

void Budget::arm(std::chrono::milliseconds cpu_limit, std::chrono::milliseconds wall_limit, int interval) noexcept {
  armed_ = true;
  expiry_ = Expiry::None;
  in_handler_ = false;
  configure(interval);
  cpu_limit_ = cpu_limit;
  wall_limit_ = wall_limit;
  wall_start_ = WallClock::now();
  wall_deadline_ = wall_start_ + wall_limit;
  wall_stop_ = wall_start_;
  cpu_start_ = thread_cpu_time();
  cpu_deadline_ = cpu_start_ + cpu_limit;
  cpu_stop_ = cpu_start_;
  next_cpu_read_ = wall_start_ + cpu_limit;
  bytes_since_check_ = 0;
  instructions_ = 0;
  stopped_at_.clear();
}

void Budget::disarm() noexcept {
  if (!armed_) return;
  wall_stop_ = WallClock::now();
  cpu_stop_ = thread_cpu_time();
  if (expiry_ == Expiry::None && cpu_stop_ >= cpu_deadline_) expiry_ = Expiry::Cpu;
  if (expiry_ == Expiry::None && wall_stop_ >= wall_deadline_) expiry_ = Expiry::Wall;
  armed_ = false;
}

std::chrono::nanoseconds Budget::cpu_used() const noexcept { return (armed_ ? thread_cpu_time() : cpu_stop_) - cpu_start_; }

Budget::WallClock::duration Budget::wall_used() const noexcept {
  return (armed_ ? WallClock::now() : wall_stop_) - wall_start_;
}

Budget::HostWorkScope::HostWorkScope(Budget& b) noexcept : budget_(b), armed_(b.armed_) {
  if (!armed_) return;
  cpu_at_entry_ = thread_cpu_time();
  wall_at_entry_ = WallClock::now();
}

Budget::HostWorkScope::~HostWorkScope() {
  if (!armed_ || !budget_.armed_ || budget_.expiry_ != Expiry::None) return;
  const std::chrono::nanoseconds cpu = thread_cpu_time() - cpu_at_entry_;
  const WallClock::duration wall = WallClock::now() - wall_at_entry_;
  budget_.cpu_start_ += cpu;
  budget_.cpu_deadline_ += cpu;
  budget_.wall_start_ += wall;
  budget_.wall_deadline_ += wall;
  budget_.next_cpu_read_ += wall;
}

bool Budget::past_deadline() noexcept {
  if (!armed_) return false;
  if (expiry_ != Expiry::None) return true;
  const WallClock::time_point now = WallClock::now();
  if (now >= next_cpu_read_) {
    // The CPU deadline may have passed: read the CPU clock. Checked first, so a run past both
    // deadlines is named by the one its own work caused.
    const std::chrono::nanoseconds cpu = thread_cpu_time();
    if (cpu >= cpu_deadline_) {
      expiry_ = Expiry::Cpu;
      return true;
    }
    next_cpu_read_ = now + (cpu_deadline_ - cpu);
  }
  if (now >= wall_deadline_) expiry_ = Expiry::Wall;
  return expiry_ != Expiry::None;
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
  if (stopped_at_.empty()) record_location(L);
  // From now on this thread stops at its very next instruction or call, whoever catches what.
  lua_sethook(L, &Budget::hook, LUA_MASKCOUNT | LUA_MASKCALL, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kLimitKey);
  lua_error(L);
  std::abort();  // not reached: lua_error does not return
}

bool Budget::allow_allocation(std::size_t bytes) noexcept {
  if (!armed_ || in_handler_) return true;
  if (expired()) return false;
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
  if (self.expired() || self.past_deadline()) {
    if (self.is_exempt(L, ar)) return;  // the traceback handler may still describe the stop
    self.trip(L);
  }
  // A coroutine left tripped by an earlier run goes back to the cheap hook.
  if (lua_gethookmask(L) != LUA_MASKCOUNT || lua_gethookcount(L) != self.interval_) self.install(L);
}

}  // namespace collab::lua
