// collab test: checks every pinned expectation (data/expectations/*.json) against the figures as
// they compute now, and names each that moved: its file:line, the figure, what it was pinned at
// and what it is now.

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "cli/report_workspace.h"
#include "cli/workspace.h"
#include "run/expectations.h"
#include "run/needed_figures.h"
#include "scenario/scenario_builder.h"
#include "scenario/scenario_loader.h"

namespace collab::cli {
namespace {

class TestCommand final : public Command {
 public:
  const char* name() const override { return "test"; }
  const char* summary() const override { return "check the pinned expectations (data/expectations)"; }
  void configure(CLI::App& app) override {
    app.footer("Exit codes: 0 every expectation holds; 1 some do not (each named with its file:line, what it was pinned "
               "at and what it is now); 2 bad data or expectations.");
  }
  int run(const GlobalOptions& global) override {
    auto ws = open_workspace(global, name());
    if (!ws) return kBadInput;
    Diagnostics d;
    auto rules = scenario::RuleLibrary::load(global.root, ws->model, d, global.limits(d), ws->plugins.get());
    scenario::ScenarioBuilder builder(ws->model, scenario::load_scenarios(global.root, *ws->model, d), *rules, *ws->formulae);
    builder.check(d);
    std::vector<std::string> ids;
    for (const auto& s : builder.scenarios()) ids.push_back(s.id);
    auto expectations = collab::run::load_expectations(global.root, *ws->model, ids, d);
    if (d.errors() > 0) {
      print_diagnostics(d, Severity::Error, stderr);
      fmt::print(stderr, "collab test: the expectations or scenarios have errors\n");
      return kBadInput;
    }
    collab::run::Figures figures;
    std::map<int, ledger::Ledger> ledgers;
    Diagnostics computing;
    auto data_ledger = [&](FinancialYear year) -> const ledger::Ledger* {
      if (!ledger::has_budgets(*ws->model, year)) {
        computing.error({"data/budgets.json"}, fmt::format("no budgets for {}", year.str()));
        return nullptr;
      }
      auto it = ledgers.find(year.start_year());
      if (it == ledgers.end())
        it = ledgers.emplace(year.start_year(), ledger::compute_ledger(*ws->formulae, ws->model, year, Money::from_pounds(1), computing)).first;
      return &it->second;
    };
    collab::run::compute_needed(collab::run::needed(expectations), data_ledger, builder, *ws->formulae, figures, computing);
    if (computing.errors() > 0) print_diagnostics(computing, Severity::Error, stderr);
    const auto failures = collab::run::check_expectations(expectations, figures);
    for (const auto& f : failures) fmt::print("{}\n", collab::run::failure_text(f));
    fmt::print("collab test: {} of {} expectations hold\n", expectations.size() - failures.size(), expectations.size());
    return failures.empty() ? kOk : kFailed;
  }
};

}  // namespace

std::unique_ptr<Command> make_test_command() { return std::make_unique<TestCommand>(); }

}  // namespace collab::cli
