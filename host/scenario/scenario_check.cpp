// Loading and building every scenario once, for collab check.

#include "scenario/scenario_check.h"

#include "scenario/scenario_builder.h"
#include "scenario/scenario_loader.h"

namespace collab::scenario {

void check_scenarios(const std::filesystem::path& root, const std::shared_ptr<const Model>& model,
                     formula::FormulaLibrary& formulae, const lua::Limits& limits, Diagnostics& diagnostics,
                     plugin::PluginSet* plugins) {
  Diagnostics found;
  auto rules = RuleLibrary::load(root, model, found, limits, plugins);
  ScenarioBuilder builder(model, load_scenarios(root, *model, found), *rules, formulae);
  if (builder.check(found) && found.errors() == 0)
    for (const Scenario& s : builder.scenarios())
      if (!s.years.empty()) (void)builder.build(s.id, s.years.back(), found);
  diagnostics.append(with_scenario_excerpts(root, found));
}

}  // namespace collab::scenario
