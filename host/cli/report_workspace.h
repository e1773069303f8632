#pragma once
// What the report commands start from: the workspace, the report library over it, and the
// services reports ask for (a ledger per year, computed once; explanations in words).

#include <map>
#include <memory>
#include <optional>

#include "cli/workspace.h"
#include "ledger/reconcile.h"
#include "reporting/report_library.h"

namespace collab::cli {

struct ReportWorkspace {
  Workspace workspace;
  std::map<int, std::unique_ptr<ledger::Ledger>> ledgers;  // by start year, whole pounds
  std::map<int, ledger::Reconciliation> reconciliations;   // by start year: every explanation of a year reads it
  std::unique_ptr<reporting::ReportLibrary> library;
};

/// The reports over a loaded workspace; problems go to `diagnostics` (built-in script errors as
/// errors, plug-ins' as warnings), nothing is printed.
std::unique_ptr<ReportWorkspace> make_report_workspace(Workspace workspace, const GlobalOptions& global,
                                                       Diagnostics& diagnostics);

/// The ledger of `year` in whole pounds, computed once and kept in rw.ledgers; null (an error in
/// `diagnostics`) when the year has no budgets.
const ledger::Ledger* ledger_for(ReportWorkspace& rw, FinancialYear year, Diagnostics& diagnostics);

/// Loads the workspace and the reports. On an error in the data or the built-in reports prints
/// them and returns null (exit kBadInput); a broken plug-in is a warning, printed (unless the
/// command lists plug-ins itself), and skipped.
std::unique_ptr<ReportWorkspace> open_report_workspace(const GlobalOptions& global, const char* command,
                                                       bool print_plugin_warnings = true);

}  // namespace collab::cli
