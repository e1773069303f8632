// collab: the command. Parse first, then act; the exit code is decided here.

#include <fmt/format.h>

#include <cstdio>
#include <exception>

#include "cli/command.h"

using namespace collab::cli;

int main(int argc, char** argv) {
  CLI::App app{"collab: the regional police collaboration model.\n"
               "Who takes part in what, what each unit costs, what each force pays,\n"
               "what collaboration saves, and what happens if something changes.",
               "collab"};
  app.set_version_flag("--version", fmt::format("collab {}", COLLAB_VERSION));
  app.require_subcommand(1);
  app.fallthrough();  // --root may come before or after the subcommand

  GlobalOptions global;
  app.add_option("--root", global.root, "folder holding data/, scripts/ and plugins/ (default: .)")
      ->check(CLI::ExistingDirectory);

  auto commands = all_commands();
  Command* chosen = nullptr;
  for (auto& command : commands) {
    CLI::App* sub = app.add_subcommand(command->name(), command->summary());
    command->configure(*sub);
    sub->callback([&chosen, c = command.get()] { chosen = c; });
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
