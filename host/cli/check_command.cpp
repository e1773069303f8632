// collab check: validate the data set and the formula scripts (plug-ins once they exist), run
// every formula for every year that has budgets, and list every problem, every published total that does not add up, and every fact on which the
// sources disagree.

#include <fmt/format.h>

#include <set>
#include <string>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "cli/script_output.h"
#include "formula/formula_library.h"
#include "ledger/ledger.h"
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
      auto formulae = formula::FormulaLibrary::load(global.root, outcome.model, d, global.limits(d),
                                                    script_output_observer(global.show_limits));
      formulae->check_choices(*outcome.model, d);
      // Run every formula for every year with budgets, so that a passing check means every
      // contribution will compute: a formula that returns nil, loops or names a stranger fails here.
      Diagnostics computing;
      for (FinancialYear year : ledger::budget_years(*outcome.model))
        (void)ledger::compute_ledger(*formulae, outcome.model, year, Money::from_pounds(1), computing);
      std::set<std::string> seen;  // a cached failure stops each row that asks: count it once
      for (const Diagnostic& problem : computing.items())
        if (seen.insert(format_diagnostic(problem)).second) d.add(problem);
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
