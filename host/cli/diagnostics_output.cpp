#include "cli/diagnostics_output.h"

#include <fmt/format.h>

namespace collab::cli {

namespace {
int rank(Severity s) { return s == Severity::Error ? 2 : s == Severity::Warning ? 1 : 0; }
}  // namespace

void print_diagnostics(const Diagnostics& diagnostics, Severity threshold, std::FILE* out) {
  for (const auto& d : diagnostics.items())
    if (rank(d.severity) >= rank(threshold)) fmt::print(out, "{}\n\n", format_diagnostic(d));
}

}  // namespace collab::cli
