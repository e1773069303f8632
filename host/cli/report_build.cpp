#include "cli/report_build.h"

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/diagnostics_output.h"

namespace collab::cli {

int build_and_write(ReportWorkspace& rw, const reporting::ReportScript& report, const reporting::BuildRequest& request,
                    const OutputRequest& output, const char* command) {
  Diagnostics diagnostics;
  auto doc = rw.library->build(report, request, diagnostics);
  print_diagnostics(diagnostics, Severity::Warning, stderr);
  const bool rows_failed = print_ledger_failures(rw, command);
  if (!doc) {
    const bool bad_params = !diagnostics.items().empty() && diagnostics.items().front().where.file == "--param";
    fmt::print(stderr, "collab {}: report '{}' was not written\n", command, report.definition.id);
    return bad_params ? kBadInput : kFailed;
  }
  const int written = write_document(*doc, output);
  if (written != kOk) return written;
  return rows_failed ? kFailed : kOk;
}

}  // namespace collab::cli
