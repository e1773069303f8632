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
  /// What the ledgers are apportioned to: £1, or 1p when a command asks for pence. Set before
  /// anything is built: the ledgers below are computed once, at this unit.
  Money rounding_unit = Money::from_pence(100);
  std::map<int, std::unique_ptr<ledger::Ledger>> ledgers;  // by start year
  /// What computing the ledgers found (a formula's error at its line), once per ledger: a report
  /// still renders the rows that could be computed, and the command prints these and exits 1.
  Diagnostics ledger_problems;
  std::map<int, ledger::Reconciliation> reconciliations;   // by start year: every explanation of a year reads it
  std::unique_ptr<reporting::ReportLibrary> library;
};

/// The reports over a loaded workspace; problems go to `diagnostics` (built-in script errors as
/// errors, plug-ins' as warnings), nothing is printed.
std::unique_ptr<ReportWorkspace> make_report_workspace(Workspace workspace, const GlobalOptions& global,
                                                       Diagnostics& diagnostics);

/// The rows of every ledger computed so far that could not be computed.
size_t failed_rows(const ReportWorkspace& rw);

/// Prints the ledgers' problems and, if a row could not be computed, how many and in which years
/// ("collab report: 1 of 9 rows could not be computed in 2016/17"). Returns true if any failed.
bool print_ledger_failures(const ReportWorkspace& rw, const char* command);

/// The ledger of `year` at rw.rounding_unit, computed once and kept in rw.ledgers; null (an error in
/// `diagnostics`) when the year has no budgets.
const ledger::Ledger* ledger_for(ReportWorkspace& rw, FinancialYear year, Diagnostics& diagnostics);

/// Loads the workspace and the reports. On an error in the data or the built-in reports prints
/// them and returns null (exit kBadInput); a broken plug-in is a warning, printed (unless the
/// command lists plug-ins itself), and skipped.
std::unique_ptr<ReportWorkspace> open_report_workspace(const GlobalOptions& global, const char* command,
                                                       bool print_plugin_warnings = true);

}  // namespace collab::cli
