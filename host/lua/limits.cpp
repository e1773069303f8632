#include "lua/limits.h"

#include <fmt/format.h>

namespace collab::lua {

namespace {

double mebibytes(std::size_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

}  // namespace

std::string format_limit_report(const LimitReport& r) {
  const double used_ms = static_cast<double>(r.cpu_used.count()) / 1000.0;
  return fmt::format("CPU {:.1f} ms of {} ms; ~{} instructions; memory peak {:.1f} MiB of {:.1f} MiB; "
                     "{} log lines dropped",
                     used_ms, r.cpu_limit.count(), r.instructions, mebibytes(r.peak_memory_bytes),
                     mebibytes(r.memory_limit_bytes), r.log_lines_dropped);
}

}  // namespace collab::lua
