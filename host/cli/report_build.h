#pragma once
// Building one report over a report workspace and writing it: shared by `collab report` and
// `collab contributions` (the contributions report under its own command).

#include "cli/document_output.h"
#include "cli/report_workspace.h"

namespace collab::cli {

/// Builds `report` and writes it as `output` asks. Returns kOk; kFailed when the report failed,
/// or was written with ledger rows that could not be computed (their errors and counts printed:
/// the rows that could be computed are still written); kBadInput for a bad parameter or --table.
int build_and_write(ReportWorkspace& rw, const reporting::ReportScript& report, const reporting::BuildRequest& request,
                    const OutputRequest& output, const char* command);

}  // namespace collab::cli
