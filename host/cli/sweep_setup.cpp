#include "cli/sweep_setup.h"

#include <fmt/format.h>

#include "cli/diagnostics_output.h"
#include "scenario/scenario_loader.h"
#include "sweep/spec.h"

namespace collab::cli {

int open_sweep(const GlobalOptions& global, const std::string& spec_file, bool per_unit, const char* command,
               SweepInputs& out) {
  out.workspace = open_workspace(global, command);
  if (!out.workspace) return kBadInput;
  Workspace& ws = *out.workspace;
  Diagnostics diagnostics;
  auto spec = sweep::read_spec(spec_file, spec_file, *ws.model, diagnostics);
  const lua::Limits limits = global.limits(diagnostics);
  out.rules = scenario::RuleLibrary::load(global.root, ws.model, diagnostics, limits, ws.plugins.get());
  auto loaded = scenario::load_scenarios(global.root, *ws.model, diagnostics);
  out.builder = std::make_unique<scenario::ScenarioBuilder>(ws.model, std::move(loaded), *out.rules, *ws.formulae);
  out.builder->check(diagnostics);
  if (spec && diagnostics.errors() == 0)
    out.context = sweep::make_context(std::move(*spec), global.root, limits, ws.plugins, ws.model, *out.builder, *out.rules,
                                      *ws.formulae, per_unit, diagnostics);
  if (diagnostics.errors() > 0 || !out.context) {
    print_diagnostics(scenario::with_scenario_excerpts(global.root, diagnostics), Severity::Warning, stderr);
    fmt::print(stderr, "collab {}: the spec {} cannot run; nothing written\n", command, spec_file);
    return kBadInput;
  }
  if (sweep::plan_engine_fits(*out.context))
    out.plan = sweep::compile_plan_setup(*out.context, *ws.formulae, out.plan_problems);
  return kOk;
}

int make_engines(SweepInputs& inputs, const std::string& choice, int threads, const char* command,
                 std::vector<std::unique_ptr<sweep::Engine>>& out) {
  const sweep::Context& context = *inputs.context;
  if (choice == "plan" && !inputs.plan) {
    if (!sweep::plan_engine_fits(context)) {
      fmt::print(stderr, "collab {}: the plan engine moves grants and budgets only; this spec has steps (use --engine "
                 "general or auto)\n", command);
    } else {
      print_diagnostics(inputs.plan_problems, Severity::Warning, stderr);
      fmt::print(stderr, "collab {}: the plan cannot reproduce this baseline's ledger (above); use --engine general or auto\n",
                 command);
    }
    return kBadInput;
  }
  const bool plan = choice != "general" && inputs.plan != nullptr;
  inputs.engine_name = plan ? "plan" : "general";
  for (int i = 0; i < threads; ++i) {
    Diagnostics diagnostics;
    auto engine = plan ? sweep::make_plan_engine(context, inputs.plan, diagnostics) : sweep::make_general_engine(context, diagnostics);
    if (!engine) {
      print_diagnostics(diagnostics, Severity::Warning, stderr);
      fmt::print(stderr, "collab {}: internal: a worker's scripts did not load as the first ones did\n", command);
      return kInternal;
    }
    out.push_back(std::move(engine));
  }
  return kOk;
}

void Progress::show(std::uint64_t done, std::uint64_t total, int pass) {
  if (!terminal_) return;
  const auto now = std::chrono::steady_clock::now();
  if (pass != pass_) {
    pass_ = pass;
    pass_start_ = now;
  } else if (done < total && now - last_ < std::chrono::milliseconds(100)) {
    return;
  }
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - pass_start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  constexpr int kWidth = 30;
  const int filled = total ? static_cast<int>(kWidth * static_cast<double>(done) / static_cast<double>(total)) : kWidth;
  fmt::print(stderr, "\r{}[{}{}] {:3.0f}% {}/{} {:.0f}/s {:.0f} s left ", pass > 1 ? fmt::format("pass {} ", pass) : "",
             std::string(static_cast<std::size_t>(filled), '#'), std::string(static_cast<std::size_t>(kWidth - filled), ' '),
             total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0, done, total, rate, left);
  shown_ = true;
}

void Progress::end() {
  if (shown_) fmt::print(stderr, "\r{}\r", std::string(78, ' '));
  shown_ = false;
}

}  // namespace collab::cli
