#pragma once
// A scenario's model, for the commands that look inside one (explain --scenario, impact
// --scenario): the rules and scenarios loaded and checked, the scenario's steps applied to a
// copy of the data projected to a year.

#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/workspace.h"

namespace collab::cli {

struct ScenarioModel {
  std::shared_ptr<const Model> model;
  std::string title;
  std::vector<FinancialYear> years;  // the years the scenario shows by default
};

/// Builds scenario `id` through `through` into `out`, or returns the exit code (kBadInput,
/// kFailed) after printing why, each line starting "collab <command>: ". kOk when built.
int build_scenario_model(const GlobalOptions& global, const Workspace& ws, const std::string& id,
                         std::optional<FinancialYear> through, const char* command, ScenarioModel& out);

}  // namespace collab::cli
