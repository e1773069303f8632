#include "cli/workspace.h"

#include <fmt/format.h>

#include "cli/diagnostics_output.h"
#include "cli/script_output.h"
#include "ledger/ledger.h"
#include "load/loader.h"

namespace collab::cli {

std::optional<Workspace> open_workspace(const GlobalOptions& global, const char* command) {
  auto outcome = load::load_data_set(global.root);
  Workspace workspace{outcome.model, nullptr, outcome.diagnostics, plugin::PluginSet::discover(global.root)};
  if (outcome.model) {
    workspace.formulae = formula::FormulaLibrary::load(global.root, outcome.model, workspace.diagnostics,
                                                       global.limits(workspace.diagnostics),
                                                       script_output_observer(global.show_limits),
                                                       workspace.plugins.get());
    workspace.formulae->check_choices(*outcome.model, workspace.diagnostics);
  }
  if (workspace.diagnostics.errors() > 0) {
    print_diagnostics(workspace.diagnostics, Severity::Error, stderr);
    fmt::print(stderr, "collab {}: the data or scripts under {} have errors; 'collab check' lists them all\n", command,
               global.root.string());
    return std::nullopt;
  }
  return workspace;
}

std::optional<FinancialYear> year_option(const std::string& text, const Model& model, const char* command) {
  if (text.empty()) {
    if (auto latest = ledger::latest_budget_year(model)) return latest;
    fmt::print(stderr, "collab {}: the data has no budgets, so there is no year to compute\n", command);
    return std::nullopt;
  }
  auto year = FinancialYear::parse(text);
  if (!year) {
    fmt::print(stderr, "collab {}: --year: {}\n", command, year.error());
    return std::nullopt;
  }
  return year.value();
}

}  // namespace collab::cli
