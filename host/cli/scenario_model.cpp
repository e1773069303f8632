// One scenario built for a command that reads inside it.

#include "cli/scenario_model.h"

#include <fmt/format.h>

#include "cli/diagnostics_output.h"
#include "core/suggest.h"
#include "core/text.h"
#include "ledger/ledger.h"
#include "scenario/scenario_builder.h"
#include "scenario/scenario_loader.h"

namespace collab::cli {

int build_scenario_model(const GlobalOptions& global, const Workspace& ws, const std::string& id,
                         std::optional<FinancialYear> through, const char* command, ScenarioModel& out) {
  Diagnostics diagnostics;
  auto rules = scenario::RuleLibrary::load(global.root, ws.model, diagnostics, global.limits(diagnostics),
                                           ws.plugins.get());
  auto loaded = scenario::load_scenarios(global.root, *ws.model, diagnostics);
  scenario::ScenarioBuilder builder(ws.model, std::move(loaded), *rules, *ws.formulae);
  builder.check(diagnostics);
  if (diagnostics.errors() > 0) {
    print_diagnostics(scenario::with_scenario_excerpts(global.root, diagnostics), Severity::Warning, stderr);
    fmt::print(stderr, "collab {}: the scenarios or rules have errors\n", command);
    return kBadInput;
  }
  const scenario::Scenario* s = builder.find(id);
  if (s == nullptr) {
    std::vector<std::string> ids;
    for (const auto& known : builder.scenarios()) ids.push_back(known.id);
    fmt::print(stderr, "collab {}: unknown scenario '{}'{}; scenarios are the files in data/scenarios/\n", command,
               visible_text(id), did_you_mean(id, ids));
    return kBadInput;
  }
  const FinancialYear last = through ? *through : s->years.back();
  const auto budgeted = ledger::budget_years(*ws.model);
  if (budgeted.empty() || last < budgeted.front()) {
    fmt::print(stderr, "collab {}: {} is before the data's first budgeted year ({})\n", command, last.str(),
               budgeted.empty() ? "none" : budgeted.front().str());
    return kBadInput;
  }
  scenario::Built built = builder.build(id, last, diagnostics);
  print_diagnostics(scenario::with_scenario_excerpts(global.root, diagnostics), Severity::Warning, stderr);
  if (built.status == scenario::Applied::Refused) return kBadInput;
  if (built.status != scenario::Applied::Ok) return kFailed;
  out.model = built.model;
  out.title = s->title;
  out.years = s->years;
  return kOk;
}

}  // namespace collab::cli
