// collab check: validate the data set and the formula scripts (plug-ins once they exist) and
// list every problem, every published total that does not add up, and every fact on which the
// sources disagree.

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "formula/formula_library.h"
#include "load/loader.h"

namespace collab::cli {
namespace {

class CheckCommand final : public Command {
 public:
  const char* name() const override { return "check"; }
  const char* summary() const override { return "validate the data, scripts and plug-ins"; }
  void configure(CLI::App& app) override {
    app.add_flag("-q,--quiet", quiet_, "print errors only (no warnings or notes)");
    app.add_flag("--strict", strict_, "treat warnings as failures (exit 1)");
    app.footer("Exit codes: 0 valid; 1 warnings under --strict; 2 errors in the data or scripts.");
  }
  int run(const GlobalOptions& global) override {
    auto outcome = load::load_data_set(global.root);
    Diagnostics& d = outcome.diagnostics;
    if (outcome.model) {
      auto formulae = formula::FormulaLibrary::load(global.root, outcome.model, d);
      formulae->check_choices(d);
    }
    print_diagnostics(d, quiet_ ? Severity::Error : Severity::Note);
    fmt::print("collab check: {} error{}, {} warning{}, {} note{}\n", d.errors(), d.errors() == 1 ? "" : "s",
               d.warnings(), d.warnings() == 1 ? "" : "s", d.count(Severity::Note), d.count(Severity::Note) == 1 ? "" : "s");
    if (d.errors() > 0) return kBadInput;
    if (strict_ && d.warnings() > 0) return kFailed;
    return kOk;
  }

 private:
  bool quiet_ = false;
  bool strict_ = false;
};

}  // namespace

std::unique_ptr<Command> make_check_command() { return std::make_unique<CheckCommand>(); }

}  // namespace collab::cli
