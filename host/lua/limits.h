#pragma once
// Limits: what one run of a script may use. LimitReport: how much of it the run did use,
// shown to the script's author after every run (as MediaWiki's LuaSandbox does).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace collab::lua {

/// The limits of one Sandbox, applied to each run() and call(). Every field has a documented
/// default (docs/lua-sandbox.md); set them per Sandbox.
struct Limits {
  /// CPU time one run or call may use, on the CPU clock of the thread running it
  /// (CLOCK_THREAD_CPUTIME_ID): a busy machine slows a script down but does not make it fail.
  std::chrono::milliseconds cpu_time{2000};
  /// Wall-clock time one run or call may take, CPU used or not (a run starved of CPU, or blocked
  /// in a host function). Far larger than cpu_time, so a script that computes hits the CPU limit
  /// even when it gets a small share of a busy machine (10 s was too little: under ctest -j4, two
  /// CPU hogs and other builds, an endless loop got 13% of a core and hit 10 s before 2 s of CPU).
  std::chrono::milliseconds wall_time{30000};
  /// Bytes the whole Lua state may hold: libraries, environments and every script's data.
  std::size_t memory_bytes = std::size_t{64} << 20;
  /// Bytes of one chunk of source, for run() and for the scripts' own load().
  std::size_t max_source_bytes = std::size_t{256} << 10;
  /// Longest string that string.rep, string.gsub and table.concat may build; also the largest
  /// repetition count string.rep accepts (so string.rep('', 1e9) is refused).
  std::size_t max_string_bytes = std::size_t{16} << 20;
  /// Most elements one table.move may move, table.insert or table.remove may shift, table.sort may sort.
  std::size_t max_move_elements = std::size_t{1} << 24;
  /// VM instructions between two looks at the clocks, before a deadline (after it: 1).
  int count_hook_interval = 1000;
  /// Deepest nesting of coroutine.close (and coroutine.wrap's clean-up) inside __close handlers.
  int max_close_depth = 100;
  /// What print and warn may add to one run's log; the rest is counted as dropped.
  std::size_t max_log_lines = 1000;
  std::size_t max_log_bytes = std::size_t{256} << 10;
};

/// How much of each limit one run used.
struct LimitReport {
  std::chrono::microseconds cpu_used{0};  // CPU time of the running thread during the run
  std::chrono::milliseconds cpu_limit{0};
  std::chrono::microseconds wall_used{0};  // steady-clock time from start to end of the run
  std::chrono::milliseconds wall_limit{0};
  std::uint64_t instructions = 0;  // VM instructions, counted in hook intervals (approximate)
  std::size_t peak_memory_bytes = 0;  // the state's peak during the run (libraries included)
  std::size_t memory_limit_bytes = 0;
  std::size_t log_lines_kept = 0;
  std::size_t log_lines_dropped = 0;
};

/// "CPU 12.3 ms of 2000 ms; wall 12.9 ms of 30000 ms; ~41000 instructions; memory peak 1.2 MiB of
/// 64.0 MiB; log 3 lines kept, 0 dropped"
std::string format_limit_report(const LimitReport& report);

}  // namespace collab::lua
