#include "scenario/comparison.h"

#include "ledger/ledger.h"
#include "scenario/step_effects.h"

namespace collab::scenario {

Applied compute_comparison(ScenarioBuilder& builder, formula::WeightsSource& formulae, const std::vector<FinancialYear>& years,
                           const std::string& reference, const std::vector<std::string>& scenarios,
                           Diagnostics& diagnostics, Comparison& out, bool explain_steps) {
  const FinancialYear through = years.back();
  auto side = [&](const std::string& id, Side& into, bool explain) -> Applied {
    Built built = builder.build(id, through, diagnostics);
    if (built.status != Applied::Ok) return built.status;
    const Scenario* s = builder.find(id);
    into.id = id;
    into.title = s ? s->title : "Baseline (the data)";
    into.description = s ? s->description : "";
    into.model = built.model;
    for (FinancialYear y : years) {
      Diagnostics split;  // a line that cannot be split is shown in the document (see failed_in_scenario)
      into.ledgers.emplace(y.start_year(), ledger::compute_ledger(formulae, built.model, y, Money::from_pounds(1), split));
    }
    if (explain && s != nullptr) {
      into.effects = step_effects(builder, formulae, id, years, diagnostics);
      if (!into.effects) return Applied::Failed;
    }
    return Applied::Ok;
  };
  out.years = years;
  out.projection = builder.projection(through);
  Applied status = side(reference, out.reference, false);
  for (const auto& id : scenarios) {
    if (status != Applied::Ok) break;
    status = side(id, out.scenarios.emplace_back(), explain_steps);
  }
  return status;
}

Applied scenario_breakages(const Comparison& c, Diagnostics& out) {
  Applied status = Applied::Ok;
  for (const auto& s : c.scenarios)
    for (const auto& [year, l] : s.ledgers)
      for (const auto& row : l.rows) {
        const ledger::LedgerRow* ref = c.reference.ledgers.at(year).find(row.unit, row.kind);
        if (!row.failed() || (ref != nullptr && ref->failed())) continue;
        for (const auto& p : row.problems) {
          out.add(p);
          if (p.where.file.starts_with("data/scenarios/")) status = Applied::Refused;
        }
        if (status == Applied::Ok) status = Applied::Failed;
      }
  return status;
}

}  // namespace collab::scenario
