// collab check: validate data, scripts and plug-ins.

#include <fmt/format.h>

#include "cli/command.h"

namespace collab::cli {
namespace {

class CheckCommand final : public Command {
 public:
  const char* name() const override { return "check"; }
  const char* summary() const override { return "validate the data, scripts and plug-ins"; }
  void configure(CLI::App&) override {}
  int run(const GlobalOptions&) override { return kOk; }
};

}  // namespace

std::unique_ptr<Command> make_check_command() { return std::make_unique<CheckCommand>(); }

}  // namespace collab::cli
