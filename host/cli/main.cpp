// collab: the command. Parse first, then act; the exit code is decided here.

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "cli/command.h"

using namespace collab::cli;

namespace {

// The global options that take a value in the next word.
constexpr const char* kValueOptions[] = {"--root", "--cpu-limit", "--wall-limit", "--memory-limit"};

bool takes_value(const char* word) {
  for (const char* option : kValueOptions)
    if (std::strcmp(word, option) == 0) return true;
  return false;
}

// The first word that is neither an option nor a global option's value, if it names no command:
// CLI11 would only say "A subcommand is required".
const char* unknown_command(int argc, char** argv, const std::vector<std::unique_ptr<Command>>& commands) {
  for (int i = 1; i < argc; ++i) {
    if (takes_value(argv[i])) {
      ++i;
      continue;
    }
    if (argv[i][0] == '-') continue;
    for (const auto& command : commands)
      if (std::strcmp(argv[i], command->name()) == 0) return nullptr;
    return argv[i];
  }
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"collab: the regional police collaboration model.\n"
               "Who takes part in what, what each unit costs, what each force pays,\n"
               "what collaboration saves, and what happens if something changes.",
               "collab"};
  app.set_version_flag("--version", fmt::format("collab {}", COLLAB_VERSION));
  app.require_subcommand(1);
  app.fallthrough();  // global options may come before or after the subcommand

  GlobalOptions global;
  app.add_option("--root", global.root, "folder holding data/, scripts/ and plugins/ (default: .)")
      ->check(CLI::ExistingDirectory);
  // Limits of every script run; each overrides data/run.json's "limits", which overrides the default.
  collab::load::LimitFlags& flags = global.limit_flags;
  app.add_option_function<std::int64_t>("--cpu-limit", [&flags](const std::int64_t& ms) { flags.cpu_ms = ms; },
                                        "CPU time one script run may use, in ms (default: 2000)")
      ->type_name("MS")
      ->check(CLI::Range(std::int64_t{1}, collab::load::kMaxLimitMs));
  app.add_option_function<std::int64_t>("--wall-limit", [&flags](const std::int64_t& ms) { flags.wall_ms = ms; },
                                        "wall-clock time one script run may take, in ms (default: 30000)")
      ->type_name("MS")
      ->check(CLI::Range(std::int64_t{1}, collab::load::kMaxLimitMs));
  app.add_option_function<std::int64_t>("--memory-limit",
                                        [&flags](const std::int64_t& mib) { flags.memory_mib = mib; },
                                        "memory the scripts' Lua state may hold, in MiB (default: 64)")
      ->type_name("MIB")
      ->check(CLI::Range(std::int64_t{1}, collab::load::kMaxMemoryMib));
  app.add_flag("--limits", global.show_limits,
               "after every script run, print how much of each limit it used (CPU, wall, instructions, memory) to stderr");

  auto commands = all_commands();
  Command* chosen = nullptr;
  for (auto& command : commands) {
    CLI::App* sub = app.add_subcommand(command->name(), command->summary());
    command->configure(*sub);
    sub->callback([&chosen, c = command.get()] { chosen = c; });
  }

  if (const char* word = unknown_command(argc, argv, commands)) {
    std::string names;
    for (const auto& command : commands) names += (names.empty() ? "" : ", ") + std::string(command->name());
    std::fprintf(stderr, "collab: unknown command '%s'; commands are %s (collab --help says more)\n", word, names.c_str());
    return kBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);  // prints help, version or the usage error
    return code == 0 ? kOk : kBadInput;
  }

  try {
    return chosen->run(global);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "collab: internal error: %s\n", e.what());
    return kInternal;
  }
}
