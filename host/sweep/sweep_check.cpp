#include "sweep/sweep_check.h"

#include <algorithm>

#include "scenario/rule_library.h"
#include "scenario/scenario_builder.h"
#include "scenario/scenario_loader.h"
#include "sweep/engine.h"
#include "sweep/spec.h"

namespace collab::sweep {

void check_sweeps(const std::filesystem::path& root, const std::shared_ptr<const Model>& model,
                  formula::FormulaLibrary& formulae, const lua::Limits& limits, Diagnostics& diagnostics,
                  std::shared_ptr<plugin::PluginSet> plugins) {
  const auto folder = root / "data" / "sweeps";
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) return;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  if (files.empty()) return;
  std::sort(files.begin(), files.end());
  Diagnostics ignored;  // the rules' and scenarios' own problems are reported by check_scenarios
  auto rules = scenario::RuleLibrary::load(root, model, ignored, limits, plugins.get());
  scenario::ScenarioBuilder builder(model, scenario::load_scenarios(root, *model, ignored), *rules, formulae);
  builder.check(ignored);
  for (const auto& file : files) {
    auto spec = read_spec(file, "data/sweeps/" + file.filename().string(), *model, diagnostics);
    if (spec) (void)make_context(std::move(*spec), root, limits, plugins, model, builder, *rules, formulae, false, diagnostics);
  }
}

}  // namespace collab::sweep
