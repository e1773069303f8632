#pragma once
// A subcommand of `collab`: one file each under host/cli/, listed once in
// commands.cpp. Parsing has no side effects; run() acts and returns the exit
// code, which main() alone hands back to the shell.

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <vector>

#include "core/diagnostic.h"
#include "load/run_config.h"
#include "lua/limits.h"

namespace collab::cli {

/// Exit codes, as documented in README.md and docs/.
enum Exit : int {
  kOk = 0,        // success
  kFailed = 1,    // something ran and failed (a report, an expectation)
  kBadInput = 2,  // bad input or usage; nothing written
  kInternal = 3,  // an internal fault
};

/// Options every subcommand accepts.
struct GlobalOptions {
  std::filesystem::path root = ".";  // the folder holding data/, scripts/, plugins/
  load::LimitFlags limit_flags;      // --cpu-limit, --wall-limit, --memory-limit, when given
  bool show_limits = false;          // --limits: the limit report of every script run, on stderr

  /// The limits scripts run under: the flags over the `limits` of <root>/data/run.json over the
  /// defaults (docs/lua-sandbox.md). A fault in run.json is an error in `diagnostics`.
  lua::Limits limits(Diagnostics& diagnostics) const { return load::resolve_limits(root, limit_flags, diagnostics); }
};

class Command {
 public:
  virtual ~Command() = default;
  virtual const char* name() const = 0;
  virtual const char* summary() const = 0;
  /// Declare this subcommand's options on its CLI11 app.
  virtual void configure(CLI::App& app) = 0;
  virtual int run(const GlobalOptions& global) = 0;
};

/// Every subcommand, in the order `collab --help` lists them.
std::vector<std::unique_ptr<Command>> all_commands();

}  // namespace collab::cli
