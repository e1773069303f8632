// Fuzz target: the files a person writes beside the data, in memory. The first byte picks the
// kind: 0 a scenario (data/scenarios/*.json: parsed over the bundled data, its baseline checked, and
// each step's parameters checked by the bundled rule that it names), 1 a plug-in manifest
// (plugins/*/plugin.json, checked against a real plug-in folder), 2 the nightly run's
// data/run.json (its limits block and the run's own keys), 3 an expectations file
// (data/expectations/*.json, over the bundled data and scenarios). Every input must end in
// diagnostics, never a crash.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "load/loader.h"
#include "load/run_config.h"
#include "plugin/manifest.h"
#include "run/config.h"
#include "run/expectations.h"
#include "scenario/rule_library.h"
#include "scenario/scenario_loader.h"

using namespace collab;

namespace {

const std::filesystem::path kSource = COLLAB_SOURCE_DIR;

const std::shared_ptr<const Model>& bundled_model() {
  static const std::shared_ptr<const Model> model = [] {
    auto outcome = load::load_data_set(kSource);
    if (!outcome.model) std::abort();  // the bundled data must load
    return std::shared_ptr<const Model>(outcome.model);
  }();
  return model;
}

scenario::RuleLibrary& bundled_rules() {
  static const std::unique_ptr<scenario::RuleLibrary> rules = [] {
    Diagnostics ignored;
    return scenario::RuleLibrary::load(kSource, bundled_model(), ignored);
  }();
  return *rules;
}

void fuzz_scenario(std::string text, Diagnostics& diagnostics) {
  const Model& model = *bundled_model();
  auto parsed = scenario::parse_scenario("data/scenarios/fuzz.json", "fuzz", std::move(text), model, diagnostics);
  if (!parsed) return;
  for (const scenario::Step& step : parsed->steps) (void)bundled_rules().check_step(step, model, diagnostics);
  std::vector<scenario::Scenario> all{*parsed};
  scenario::check_baselines(all, diagnostics);
}

void fuzz_manifest(std::string text, Diagnostics& diagnostics) {
  auto doc = load::JsonDocument::parse("plugins/pcc-board-pack/plugin.json", std::move(text), diagnostics,
                                       plugin::manifest_limits());
  if (doc) (void)plugin::check_plugin_manifest(*doc, kSource / "plugins" / "pcc-board-pack", "plugins/pcc-board-pack", diagnostics);
}

void fuzz_run_config(const std::string& text, Diagnostics& diagnostics) {
  (void)load::parse_run_limits(text, diagnostics);
  (void)run::parse_run_config(text, diagnostics);
}

void fuzz_expectations(std::string text, Diagnostics& diagnostics) {
  static const std::vector<std::string> scenarios{"lincs-joins-ld", "grant-falls-5", "derbys-leaves-forensics"};
  std::vector<run::Expectation> expectations;
  run::parse_expectations("data/expectations/fuzz.json", std::move(text), *bundled_model(), scenarios, diagnostics,
                          expectations);
  (void)run::needed(expectations);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  Diagnostics diagnostics;
  switch (data[0] % 4) {
    case 0: fuzz_scenario(std::move(text), diagnostics); break;
    case 1: fuzz_manifest(std::move(text), diagnostics); break;
    case 2: fuzz_run_config(text, diagnostics); break;
    default: fuzz_expectations(std::move(text), diagnostics); break;
  }
  for (const Diagnostic& d : diagnostics.items()) (void)format_diagnostic(d);
  return 0;
}
