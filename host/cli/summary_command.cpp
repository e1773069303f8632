// collab summary: what the data set holds.

#include <fmt/format.h>

#include "cli/command.h"

namespace collab::cli {
namespace {

class SummaryCommand final : public Command {
 public:
  const char* name() const override { return "summary"; }
  const char* summary() const override { return "summarise the data set: forces, units, years, warnings"; }
  void configure(CLI::App&) override {}
  int run(const GlobalOptions&) override { return kOk; }
};

}  // namespace

std::unique_ptr<Command> make_summary_command() { return std::make_unique<SummaryCommand>(); }

}  // namespace collab::cli
