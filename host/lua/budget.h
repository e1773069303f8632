#pragma once
// The CPU budget of a run: a deadline that scripts can neither catch nor switch off.

#include <lua.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace collab::lua {

/// The CPU budget of one run or call: a deadline on the steady clock. An instruction-count hook
/// looks at the clock every `interval` instructions; the host's own C functions look at it in their
/// long loops (see StepCounter) and the allocator once per MiB. Once the deadline has passed, the
/// budget "trips": the running thread's hook fires on every instruction and every call, and the
/// error it raises is re-raised by the sandbox's pcall, xpcall, coroutine and load wrappers, so a
/// script cannot catch it. Lives in the HostState of its lua_State.
class Budget {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kBytesPerClockCheck = std::size_t{1} << 20;
  static constexpr std::uint32_t kStepsPerClockCheck = 4096;

  /// Stores the preallocated timeout error value in the registry (call once, under protection).
  static void prepare(lua_State* L);
  /// The instructions between two looks at the clock (before the deadline).
  void configure(int interval) noexcept { interval_ = interval > 0 ? interval : 1; }
  /// A C function the tripped hook lets be called: the host's traceback handler.
  void exempt(lua_CFunction function) noexcept { exempt_ = function; }
  /// Sets the count hook (not tripped) on thread L.
  void install(lua_State* L) const;

  void arm(std::chrono::milliseconds limit, int interval) noexcept;
  void disarm() noexcept;
  bool armed() const noexcept { return armed_; }
  bool expired() const noexcept { return expired_; }
  std::chrono::milliseconds limit() const noexcept { return limit_; }

  /// True once the deadline of an armed budget has passed (and then remembers it).
  bool past_deadline() noexcept;
  /// Trips the budget if the deadline has passed.
  void check(lua_State* L);
  /// Marks the budget expired and raises the timeout error on thread L.
  [[noreturn]] void trip(lua_State* L);
  /// The allocator's question: may the state grow by `bytes` now?
  bool allow_allocation(std::size_t bytes) noexcept;

  std::uint64_t instructions() const noexcept { return instructions_; }
  Clock::duration used() const noexcept;
  /// "script.lua:12", where the budget tripped in Lua code, or empty.
  const std::string& stopped_at() const noexcept { return stopped_at_; }

  /// The lua_Hook itself.
  static void hook(lua_State* L, lua_Debug* ar);

  /// While alive, the allocator does not refuse for time (the traceback handler runs in one).
  class HandlerScope {
   public:
    explicit HandlerScope(Budget& b) : budget_(b), saved_(b.in_handler_) { b.in_handler_ = true; }
    ~HandlerScope() { budget_.in_handler_ = saved_; }
    HandlerScope(const HandlerScope&) = delete;
    HandlerScope& operator=(const HandlerScope&) = delete;

   private:
    Budget& budget_;
    bool saved_;
  };

 private:
  void record_location(lua_State* L) noexcept;
  bool is_exempt(lua_State* L, lua_Debug* ar) const;

  bool armed_ = false;
  bool expired_ = false;
  bool in_handler_ = false;
  int interval_ = 1000;
  lua_CFunction exempt_ = nullptr;
  std::chrono::milliseconds limit_{0};
  Clock::time_point start_{};
  Clock::time_point deadline_{};
  Clock::time_point stop_{};
  std::size_t bytes_since_check_ = 0;
  std::uint64_t instructions_ = 0;
  std::string stopped_at_;
};

/// Counts the steps of a long loop in a C function and looks at the clock every
/// Budget::kStepsPerClockCheck steps; raises the timeout once the deadline has passed.
class StepCounter {
 public:
  StepCounter(lua_State* L, Budget& budget) : L_(L), budget_(budget) {}
  void step(std::uint32_t n = 1) {
    pending_ += n;
    if (pending_ >= Budget::kStepsPerClockCheck) {
      pending_ = 0;
      budget_.check(L_);
    }
  }

 private:
  lua_State* L_;
  Budget& budget_;
  std::uint32_t pending_ = 0;
};

}  // namespace collab::lua
