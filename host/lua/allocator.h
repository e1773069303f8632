#pragma once
// The lua_Alloc of a sandbox: it counts what the state holds and refuses to grow past a limit.

#include <cstddef>

namespace collab::lua {

class Budget;

/// Counts the bytes a Lua state holds (current and peak) and refuses any growth that would pass
/// the limit. Lua turns a refusal into a clean "not enough memory" error and the state stays
/// usable. A free or a shrink never fails (Lua relies on that). While a run's CPU budget is armed
/// it also looks at the clock once per MiB allocated and, past the deadline, refuses growth: that
/// stops allocation-heavy C functions and VM instructions that the count hook would reach late.
class CountingAllocator {
 public:
  explicit CountingAllocator(std::size_t limit, Budget* budget = nullptr) : limit_(limit), budget_(budget) {}

  /// The lua_Alloc; `ud` is a CountingAllocator.
  static void* allocate(void* ud, void* block, std::size_t old_size, std::size_t new_size) noexcept;

  std::size_t current() const { return current_; }
  std::size_t peak() const { return peak_; }
  std::size_t limit() const { return limit_; }
  /// Growth requests refused since the last reset_peak().
  std::size_t refusals() const { return refusals_; }
  /// Starts a new measurement: peak = current, refusals = 0.
  void reset_peak() {
    peak_ = current_;
    refusals_ = 0;
  }

 private:
  bool may_grow(std::size_t extra) noexcept;

  std::size_t limit_;
  Budget* budget_;
  std::size_t current_ = 0;
  std::size_t peak_ = 0;
  std::size_t refusals_ = 0;
};

}  // namespace collab::lua
