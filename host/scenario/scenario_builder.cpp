// A scenario's model from the data: copy, project, apply the chain's steps, check.

#include "scenario/scenario_builder.h"

#include <fmt/format.h>

#include <algorithm>

#include "ledger/ledger.h"

namespace collab::scenario {

ScenarioBuilder::ScenarioBuilder(std::shared_ptr<const Model> data, std::vector<Scenario> scenarios, RuleLibrary& rules,
                                 formula::FormulaLibrary& formulae)
    : data_(std::move(data)), scenarios_(std::move(scenarios)), rules_(rules), formulae_(formulae) {}

const Scenario* ScenarioBuilder::find(std::string_view id) const {
  for (const auto& s : scenarios_)
    if (s.id == id) return &s;
  return nullptr;
}

bool ScenarioBuilder::check(Diagnostics& diagnostics) {
  bool ok = true;
  for (const auto& s : scenarios_)
    for (const auto& step : s.steps) {
      auto params = rules_.check_step(step, *data_, diagnostics);
      if (params) checked_[&step] = std::move(*params);
      else ok = false;
    }
  return ok;
}

Projection ScenarioBuilder::projection(FinancialYear through) const {
  Model copy = *data_;
  return project(copy, through);
}

// The scenario and its baselines, the data's nearest first.
std::vector<const Scenario*> ScenarioBuilder::chain(const std::string& id) const {
  std::vector<const Scenario*> out;
  for (const Scenario* s = find(id); s != nullptr; s = s->baseline == kDataBaseline ? nullptr : find(s->baseline))
    out.push_back(s);
  std::reverse(out.begin(), out.end());
  return out;
}

Built ScenarioBuilder::build(const std::string& id, FinancialYear through, Diagnostics& diagnostics) {
  const auto key = std::make_pair(id, through.start_year());
  auto found = built_.find(key);
  if (found != built_.end()) return found->second;
  Built built = build_fresh(id, through, std::nullopt, diagnostics);
  built_[key] = built;
  return built;
}

Built ScenarioBuilder::build_steps(const std::string& id, std::size_t own_steps, FinancialYear through,
                                   Diagnostics& diagnostics) {
  return build_fresh(id, through, own_steps, diagnostics);
}

Built ScenarioBuilder::build_fresh(const std::string& id, FinancialYear through, std::optional<std::size_t> own_steps,
                                   Diagnostics& diagnostics) {
  Model copy = *data_;  // the data itself is shared and const: only this copy changes
  project(copy, through);
  std::vector<FinancialYear> horizon;
  if (auto first = ledger::budget_years(*data_); !first.empty())
    for (FinancialYear y = first.front(); y <= through; y = y.next()) horizon.push_back(y);
  Draft draft(std::move(copy), horizon);
  for (const Scenario* s : chain(id))
    for (std::size_t i = 0; i < s->steps.size(); ++i) {
      if (own_steps && s->id == id && i >= *own_steps) break;
      const Step& step = s->steps[i];
      auto params = checked_.find(&step);
      if (params == checked_.end()) return {nullptr, Applied::Refused};  // check() reported it
      if (step.from > through) continue;  // changes nothing the view shows
      const Applied applied = rules_.apply(step, i, params->second, draft, diagnostics);
      if (applied != Applied::Ok) return {nullptr, applied};
    }
  auto model = std::make_shared<const Model>(std::move(draft).take());
  Diagnostics formula_problems;
  formulae_.check_choices(*model, formula_problems);
  if (formula_problems.errors() > 0) {
    diagnostics.append(formula_problems);
    return {nullptr, Applied::Refused};
  }
  return {model, Applied::Ok};
}

}  // namespace collab::scenario
