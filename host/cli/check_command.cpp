// collab check: validate the data set, the formula, report and what-if scripts, the scenarios and
// the plug-ins (and the sweep specs); run every formula for every year that has budgets, build every scenario's model
// and every report; list every problem, every
// published total that does not add up, and every fact on which the sources disagree.

#include <fmt/format.h>

#include <set>
#include <string>

#include "cli/check_all.h"
#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "cli/report_workspace.h"
#include "cli/script_output.h"
#include "formula/formula_library.h"
#include "ledger/ledger.h"
#include "load/loader.h"
#include "run/config.h"
#include "run/expectations.h"
#include "scenario/scenario_check.h"
#include "scenario/scenario_loader.h"
#include "sweep/sweep_check.h"

namespace collab::cli {
namespace {

// Loads the report scripts and plug-ins and builds every report for the latest year with
// budgets, so that a passing check means every report renders. A built-in report that fails is
// an error; a plug-in's is a warning (it is skipped, the rest still render).
void check_reports(const GlobalOptions& global, std::shared_ptr<const Model> model,
                   std::unique_ptr<formula::FormulaLibrary> formulae, std::shared_ptr<plugin::PluginSet> plugins,
                   Diagnostics& d) {
  Workspace workspace{std::move(model), std::move(formulae), {}, std::move(plugins)};
  auto rw = make_report_workspace(std::move(workspace), global, d);
  for (const reporting::ReportScript* report : rw->library->reports()) {
    Diagnostics built;
    (void)rw->library->build(*report, {}, built);
    for (Diagnostic problem : built.items()) {
      if (!report->plugin.empty() && problem.severity == Severity::Error) {
        problem.severity = Severity::Warning;
        problem.message = fmt::format("plug-in {}: {}", report->plugin, problem.message);
      }
      d.add(problem);
    }
  }
}

class CheckCommand final : public Command {
 public:
  const char* name() const override { return "check"; }
  const char* summary() const override { return "validate the data, scripts and plug-ins"; }
  void configure(CLI::App& app) override {
    app.add_flag("-q,--quiet", quiet_, "print errors only (no warnings or notes)");
    app.add_flag("--strict", strict_, "treat warnings as failures (exit 1)");
    app.footer("Exit codes: 0 valid; 1 warnings under --strict; 2 errors in the data or scripts.");
  }
  int run(const GlobalOptions& global) override {
    Diagnostics d;
    check_everything(global, d);
    print_diagnostics(d, quiet_ ? Severity::Error : Severity::Note);
    fmt::print("collab check: {} error{}, {} warning{}, {} note{}\n", d.errors(), d.errors() == 1 ? "" : "s",
               d.warnings(), d.warnings() == 1 ? "" : "s", d.count(Severity::Note), d.count(Severity::Note) == 1 ? "" : "s");
    if (d.errors() > 0) return kBadInput;
    if (strict_ && d.warnings() > 0) return kFailed;
    return kOk;
  }

 private:
  bool quiet_ = false;
  bool strict_ = false;
};

}  // namespace

void check_everything(const GlobalOptions& global, Diagnostics& d) {
  auto outcome = load::load_data_set(global.root);
  d.append(outcome.diagnostics);
  (void)run::read_run_config(global.root, d);
  auto plugins = plugin::PluginSet::discover(global.root);
  if (!outcome.model) return d.append(plugins->manifest_warnings());
  auto formulae = formula::FormulaLibrary::load(global.root, outcome.model, d, global.limits(d),
                                                script_output_observer(global.show_limits), plugins.get());
  formulae->check_choices(*outcome.model, d);
  // Run every formula for every year with budgets, so that a passing check means every
  // contribution will compute: a formula that returns nil, loops or names a stranger fails here.
  Diagnostics computing;
  for (FinancialYear year : ledger::budget_years(*outcome.model))
    (void)ledger::compute_ledger(*formulae, outcome.model, year, Money::from_pounds(1), computing);
  std::set<std::string> seen;  // a cached failure stops each row that asks: count it once
  for (const Diagnostic& problem : computing.items())
    if (seen.insert(format_diagnostic(problem)).second) d.add(problem);
  // Every what-if rule and scenario loads, checks and builds (scripts/whatif, data/scenarios).
  scenario::check_scenarios(global.root, outcome.model, *formulae, global.limits(d), d, plugins.get());
  // Every sweep spec reads and its baseline builds (data/sweeps).
  sweep::check_sweeps(global.root, outcome.model, *formulae, global.limits(d), d, plugins);
  // The expectations name figures that exist (data/expectations).
  Diagnostics ignored;
  std::vector<std::string> scenario_ids;
  for (const auto& s : scenario::load_scenarios(global.root, *outcome.model, ignored)) scenario_ids.push_back(s.id);
  (void)run::load_expectations(global.root, *outcome.model, scenario_ids, d);
  if (d.errors() == 0)
    check_reports(global, outcome.model, std::move(formulae), plugins, d);
  else
    d.append(plugins->manifest_warnings());  // the report library, which would say them, is not loaded
}

std::unique_ptr<Command> make_check_command() { return std::make_unique<CheckCommand>(); }

}  // namespace collab::cli
