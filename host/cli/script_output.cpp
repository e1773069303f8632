#include "cli/script_output.h"

#include <fmt/format.h>

#include "core/text.h"

namespace collab::cli {

formula::RunObserver script_output_observer(bool show_limits) {
  return [show_limits](const formula::ScriptRun& run) {
    for (const lua::LogLine& line : run.log) {
      const std::string where = line.where();
      fmt::print(stderr, "{}: {}{}\n", visible_text(where.empty() ? run.chunk : where),
                 line.kind == lua::LogLine::Kind::Warning ? "warning: " : "", visible_text(line.text));
    }
    if (show_limits) fmt::print(stderr, "limits: {} ({}): {}\n", run.chunk, run.what, lua::format_limit_report(run.report));
  };
}

}  // namespace collab::cli
