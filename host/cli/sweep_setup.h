#pragma once
// What `collab sweep` and `collab seek` both start from: the workspace, the spec read strictly,
// the rules and scenarios, the sweep's shared context; one engine per worker; a progress bar.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/workspace.h"
#include "scenario/rule_library.h"
#include "scenario/scenario_builder.h"
#include "sweep/engine.h"
#include "sweep/plan_engine.h"

namespace collab::cli {

struct SweepInputs {
  std::optional<Workspace> workspace;
  std::unique_ptr<scenario::RuleLibrary> rules;
  std::unique_ptr<scenario::ScenarioBuilder> builder;
  std::optional<sweep::Context> context;
  std::shared_ptr<const sweep::PlanSetup> plan;  // the compiled plan, when the spec fits it and it compiles
  Diagnostics plan_problems;                     // why it did not compile, when it fits but did not
  std::string engine_name = "general";
};

/// Loads everything and reads `spec_file`; kOk, or the exit code after printing why.
int open_sweep(const GlobalOptions& global, const std::string& spec_file, bool per_unit, const char* command,
               SweepInputs& out);

/// `threads` engines (each with its own Lua states), made one after another: `choice` "plan" (the
/// plan engine, or kBadInput when the spec does not fit it), "general", or "auto" (the plan engine
/// when it can run the spec, else the general one). Sets inputs.engine_name; kOk or the exit code.
int make_engines(SweepInputs& inputs, const std::string& choice, int threads, const char* command,
                 std::vector<std::unique_ptr<sweep::Engine>>& out);

/// A progress bar with the rate and the time left on stderr, when it is a terminal; nothing otherwise.
class Progress {
 public:
  explicit Progress(bool terminal) : terminal_(terminal) {}
  void show(std::uint64_t done, std::uint64_t total, int pass);
  void end();

 private:
  bool terminal_;
  bool shown_ = false;
  int pass_ = 0;
  std::chrono::steady_clock::time_point pass_start_, last_;
};

}  // namespace collab::cli
