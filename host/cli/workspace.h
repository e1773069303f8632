#pragma once
// What most commands start from: the data set and the formula scripts under --root, loaded
// and checked, with the problems printed to stderr when they stop the command.

#include <memory>
#include <optional>
#include <string>

#include "cli/command.h"
#include "formula/formula_library.h"

namespace collab::cli {

struct Workspace {
  std::shared_ptr<const Model> model;
  std::unique_ptr<formula::FormulaLibrary> formulae;
  Diagnostics diagnostics;  // warnings and notes of loading (errors stop the load)
  /// plugins/ as read once: the formula library has loaded their formulae; the report and rule
  /// libraries load their reports and rules from the same statuses.
  std::shared_ptr<plugin::PluginSet> plugins;
};

/// Loads data/, scripts/formulae/ and the plug-ins' formulae under the root. On an error prints the errors, and a line
/// naming `command`, to stderr and returns nullopt (exit kBadInput).
std::optional<Workspace> open_workspace(const GlobalOptions& global, const char* command);

/// The year `text` names ("2016/17"), or with empty text the latest year that has budgets.
/// On an error prints it to stderr and returns nullopt (exit kBadInput).
std::optional<FinancialYear> year_option(const std::string& text, const Model& model, const char* command);

}  // namespace collab::cli
