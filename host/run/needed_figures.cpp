#include "run/needed_figures.h"

#include <fmt/format.h>

#include <map>
#include <vector>

namespace collab::run {
namespace {

bool holds(const Figures& figures, const std::string& scenario, FinancialYear year) {
  const std::string prefix = figure_key(scenario, year, "", "", "");
  const std::string start = prefix.substr(0, prefix.size() - 2);  // "<scenario>/<year>/"
  auto it = figures.lower_bound(start);
  return it != figures.end() && it->first.rfind(start, 0) == 0;
}

}  // namespace

void compute_needed(const std::set<std::pair<std::string, FinancialYear>>& needs,
                    const std::function<const ledger::Ledger*(FinancialYear)>& data_ledger,
                    scenario::ScenarioBuilder& builder, formula::WeightsSource& formulae, Figures& figures, Diagnostics& d) {
  std::map<std::string, std::vector<FinancialYear>> by_scenario;
  for (const auto& [scenario, year] : needs) {
    if (holds(figures, scenario, year)) continue;
    if (scenario == kData) {
      if (const ledger::Ledger* l = data_ledger(year)) add_ledger_figures(kData, *l, figures);
      continue;
    }
    by_scenario[scenario].push_back(year);
  }
  for (const auto& entry : by_scenario) {
    const std::string& id = entry.first;
    const std::vector<FinancialYear>& years = entry.second;  // in order: from a std::set
    scenario::Built built = builder.build(id, years.back(), d);
    if (built.status != scenario::Applied::Ok) continue;
    for (FinancialYear year : years) {
      if (!ledger::has_budgets(*built.model, year)) {
        d.error({"data/expectations"}, fmt::format("scenario '{}' has no budgets for {}", id, year.str()));
        continue;
      }
      Diagnostics split;  // a line that cannot be split has no figures: the expectation says so
      add_ledger_figures(id, ledger::compute_ledger(formulae, built.model, year, Money::from_pounds(1), split), figures);
    }
  }
}

}  // namespace collab::run
