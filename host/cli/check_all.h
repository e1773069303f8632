#pragma once
// What `collab check` checks, for every command that must not start on bad inputs (check, run):
// the data set, the formula, report and what-if scripts, the scenarios, the plug-ins, data/run.json
// and the expectations; every formula run for every year with budgets and every report built.

#include "cli/command.h"

namespace collab::cli {

/// Adds every problem found under global.root to `d`.
void check_everything(const GlobalOptions& global, Diagnostics& d);

}  // namespace collab::cli
