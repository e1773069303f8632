#include "cli/script_output.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace collab::cli {
namespace {

struct Tally {
  std::int64_t runs = 0;
  lua::LimitReport peak;
};

Tally& tally() {
  static Tally t;  // the commands run scripts on one thread
  return t;
}

void count(const lua::LimitReport& r) {
  Tally& t = tally();
  ++t.runs;
  t.peak.cpu_used = std::max(t.peak.cpu_used, r.cpu_used);
  t.peak.cpu_limit = r.cpu_limit;
  t.peak.wall_used = std::max(t.peak.wall_used, r.wall_used);
  t.peak.wall_limit = r.wall_limit;
  t.peak.peak_memory_bytes = std::max(t.peak.peak_memory_bytes, r.peak_memory_bytes);
  t.peak.memory_limit_bytes = r.memory_limit_bytes;
}

}  // namespace

formula::RunObserver script_output_observer(bool show_limits) {
  return [show_limits](const formula::ScriptRun& run) {
    for (const lua::LogLine& line : run.log) {
      const std::string where = line.where();
      fmt::print(stderr, "{}: {}{}\n", visible_text(where.empty() ? run.chunk : where),
                 line.kind == lua::LogLine::Kind::Warning ? "warning: " : "", visible_text(line.text));
    }
    count(run.report);
    if (show_limits) fmt::print(stderr, "limits: {} ({}): {}\n", run.chunk, run.what, lua::format_limit_report(run.report));
  };
}

nlohmann::json take_limit_tally() {
  Tally t = tally();
  tally() = Tally{};
  if (t.runs == 0) return nullptr;
  const lua::LimitReport& p = t.peak;
  return {{"script_runs", t.runs},
          {"cpu_ms_peak", static_cast<double>(p.cpu_used.count()) / 1000.0},
          {"cpu_limit_ms", p.cpu_limit.count()},
          {"wall_ms_peak", static_cast<double>(p.wall_used.count()) / 1000.0},
          {"wall_limit_ms", p.wall_limit.count()},
          {"memory_peak_bytes", p.peak_memory_bytes},
          {"memory_limit_bytes", p.memory_limit_bytes}};
}

}  // namespace collab::cli
