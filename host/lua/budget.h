#pragma once
// The time budget of a run: a CPU and a wall-clock deadline that scripts can neither catch nor
// switch off.

#include <lua.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace collab::lua {

/// The time budget of one run or call: a CPU deadline on the running thread's CPU clock
/// (CLOCK_THREAD_CPUTIME_ID) and a later wall-clock deadline on the steady clock, for a run that
/// is starved of CPU or blocked. An instruction-count hook looks at the clocks every `interval`
/// instructions; the host's own C functions look at them in their long loops (see StepCounter)
/// and the allocator once per MiB. Reading the CPU clock is a system call (~170 ns here, against
/// ~16 ns for the steady clock), so a look reads the steady clock and reads the CPU clock only
/// when the CPU deadline may have passed: a thread's CPU time grows no faster than the wall
/// clock, so it cannot pass before `cpu_used_at_check + (wall now - wall at check)` does. Once a
/// deadline has passed, the budget "trips": the running thread's hook fires on every instruction
/// and every call, and the error it raises is re-raised by the sandbox's pcall, xpcall, coroutine
/// and load wrappers, so a script cannot catch it. Lives in the HostState of its lua_State.
class Budget {
 public:
  using WallClock = std::chrono::steady_clock;
  /// Which deadline a run passed.
  enum class Expiry { None, Cpu, Wall };
  static constexpr std::size_t kBytesPerClockCheck = std::size_t{1} << 20;
  static constexpr std::uint32_t kStepsPerClockCheck = 4096;

  /// The CPU time the calling thread has used so far.
  static std::chrono::nanoseconds thread_cpu_time() noexcept;

  /// Stores the preallocated limit error value in the registry (call once, under protection).
  static void prepare(lua_State* L);
  /// The instructions between two looks at the clocks (before a deadline).
  void configure(int interval) noexcept { interval_ = interval > 0 ? interval : 1; }
  /// A C function the tripped hook lets be called: the host's traceback handler.
  void exempt(lua_CFunction function) noexcept { exempt_ = function; }
  /// Sets the count hook (not tripped) on thread L.
  void install(lua_State* L) const;

  /// Starts a run on the calling thread: `cpu_limit` of its CPU time, `wall_limit` of wall time.
  void arm(std::chrono::milliseconds cpu_limit, std::chrono::milliseconds wall_limit, int interval) noexcept;
  /// Ends the run; a deadline passed by then counts as expired, even if no look saw it.
  void disarm() noexcept;
  bool armed() const noexcept { return armed_; }
  bool expired() const noexcept { return expiry_ != Expiry::None; }
  Expiry expiry() const noexcept { return expiry_; }
  std::chrono::milliseconds cpu_limit() const noexcept { return cpu_limit_; }
  std::chrono::milliseconds wall_limit() const noexcept { return wall_limit_; }

  /// True once a deadline of an armed budget has passed (and then remembers which).
  bool past_deadline() noexcept;
  /// Trips the budget if a deadline has passed.
  void check(lua_State* L);
  /// Raises the limit error on thread L (the budget has expired).
  [[noreturn]] void trip(lua_State* L);
  /// The allocator's question: may the state grow by `bytes` now?
  bool allow_allocation(std::size_t bytes) noexcept;

  std::uint64_t instructions() const noexcept { return instructions_; }
  /// CPU and wall time of the run so far (while armed) or of the last run.
  std::chrono::nanoseconds cpu_used() const noexcept;
  WallClock::duration wall_used() const noexcept;
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

  /// While alive, the host works on the running script's behalf in other sandboxes (collab.ledger
  /// runs the formula scripts, each under a budget of its own): that time is not the script's, so
  /// on leaving, the run's start and both deadlines move on by the time spent inside. Without it a
  /// formula that used its whole limit took the report that asked for the ledger down with it.
  class HostWorkScope {
   public:
    explicit HostWorkScope(Budget& b) noexcept;
    ~HostWorkScope();
    HostWorkScope(const HostWorkScope&) = delete;
    HostWorkScope& operator=(const HostWorkScope&) = delete;

   private:
    Budget& budget_;
    bool armed_;
    std::chrono::nanoseconds cpu_at_entry_{0};
    WallClock::time_point wall_at_entry_{};
  };

 private:
  void record_location(lua_State* L) noexcept;
  bool is_exempt(lua_State* L, lua_Debug* ar) const;

  bool armed_ = false;
  Expiry expiry_ = Expiry::None;
  bool in_handler_ = false;
  int interval_ = 1000;
  lua_CFunction exempt_ = nullptr;
  std::chrono::milliseconds cpu_limit_{0};
  std::chrono::milliseconds wall_limit_{0};
  WallClock::time_point wall_start_{};
  WallClock::time_point wall_deadline_{};
  WallClock::time_point wall_stop_{};
  std::chrono::nanoseconds cpu_start_{0};
  std::chrono::nanoseconds cpu_deadline_{0};
  std::chrono::nanoseconds cpu_stop_{0};
  WallClock::time_point next_cpu_read_{};  // before this, the CPU deadline cannot have passed
  std::size_t bytes_since_check_ = 0;
  std::uint64_t instructions_ = 0;
  std::string stopped_at_;
};

/// Counts the steps of a long loop in a C function and looks at the clocks every
/// Budget::kStepsPerClockCheck steps; raises the limit error once a deadline has passed.
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
