// Step by step: the ledgers of successive builds of one scenario, compared.

#include "scenario/step_effects.h"

#include "ledger/ledger.h"

namespace collab::scenario {

std::optional<std::vector<StepEffect>> step_effects(ScenarioBuilder& builder, formula::WeightsSource& formulae,
                                                    const std::string& id, const std::vector<FinancialYear>& years,
                                                    Diagnostics& diagnostics) {
  const Scenario* scenario = builder.find(id);
  if (scenario == nullptr || years.empty()) return std::vector<StepEffect>{};
  auto ledgers = [&](std::size_t steps) -> std::optional<std::vector<ledger::Ledger>> {
    Built built = builder.build_steps(id, steps, years.back(), diagnostics);
    if (built.status != Applied::Ok) return std::nullopt;
    std::vector<ledger::Ledger> out;
    for (FinancialYear y : years) {
      Diagnostics split;  // a line that cannot be split is a gap, left out of the comparison
      out.push_back(ledger::compute_ledger(formulae, built.model, y, Money::from_pounds(1), split));
    }
    return out;
  };
  auto before = ledgers(0);
  if (!before) return std::nullopt;
  std::vector<StepEffect> out;
  for (std::size_t k = 1; k <= scenario->steps.size(); ++k) {
    auto after = ledgers(k);
    if (!after) return std::nullopt;
    const Step& step = scenario->steps[k - 1];
    for (std::size_t y = 0; y < years.size(); ++y)
      for (auto& figure : ledger::changed_figures((*before)[y], (*after)[y]))
        out.push_back({k, step.rule, step.from, step.where, std::move(figure)});
    before = std::move(after);
  }
  return out;
}

}  // namespace collab::scenario
