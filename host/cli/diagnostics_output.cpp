#include "cli/diagnostics_output.h"

#include <fmt/format.h>

#include "core/text.h"

#include <set>
#include <string>

namespace collab::cli {

namespace {
int rank(Severity s) { return s == Severity::Error ? 2 : s == Severity::Warning ? 1 : 0; }
}  // namespace

void print_diagnostics(const Diagnostics& diagnostics, Severity threshold, std::FILE* out) {
  std::set<std::string> printed;  // one cause can stop several rows: say it once
  for (const auto& d : diagnostics.items()) {
    if (rank(d.severity) < rank(threshold)) continue;
    std::string text = visible_text(format_diagnostic(d));  // a script's message may hold escapes
    if (printed.insert(text).second) fmt::print(out, "{}\n\n", text);
  }
}

}  // namespace collab::cli
