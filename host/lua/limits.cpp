#include "lua/limits.h"

#include <fmt/format.h>

namespace collab::lua {

namespace {

double mebibytes(std::size_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

double milliseconds(std::chrono::microseconds us) { return static_cast<double>(us.count()) / 1000.0; }

}  // namespace

std::string format_limit_report(const LimitReport& r) {
  return fmt::format("CPU {:.1f} ms of {} ms; wall {:.1f} ms of {} ms; ~{} instructions; memory peak {:.1f} MiB of "
                     "{:.1f} MiB; log {} {} kept, {} dropped",
                     milliseconds(r.cpu_used), r.cpu_limit.count(), milliseconds(r.wall_used), r.wall_limit.count(),
                     r.instructions, mebibytes(r.peak_memory_bytes), mebibytes(r.memory_limit_bytes), r.log_lines_kept,
                     r.log_lines_kept == 1 ? "line" : "lines", r.log_lines_dropped);
}

}  // namespace collab::lua
