// collab explain <unit> <force> [year]: the chain behind one figure of the contributions.

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "cli/workspace.h"
#include "ledger/explain.h"

namespace collab::cli {
namespace {

class ExplainCommand final : public Command {
 public:
  const char* name() const override { return "explain"; }
  const char* summary() const override { return "why a force pays what it pays to a unit: the whole chain"; }
  void configure(CLI::App& app) override {
    app.add_option("unit", unit_, "the unit: id, name, short name or alias (emsou-soc, \"EMSOU SOC\")")->required();
    app.add_option("force", force_, "the force: id, name, short name or alias (nottinghamshire, Notts)")->required();
    app.add_option("year", year_positional_, "financial year (the same as --year)");
    app.add_option("-y,--year", year_, "financial year, e.g. 2016/17 (default: the latest year with budgets)");
    app.add_flag("--pence", pence_, "apportion to the penny instead of whole pounds");
    app.footer("Exit codes: 0 explained; 1 the figure could not be computed; 2 unknown unit, force or year, or bad "
               "data.\nExample: collab explain emsou-soc Notts 2016/17");
  }
  int run(const GlobalOptions& global) override {
    auto workspace = open_workspace(global, name());
    if (!workspace) return kBadInput;
    const Model& model = *workspace->model;
    const Collaboration* unit = model.find_collaboration(unit_);
    if (unit == nullptr) {
      fmt::print(stderr, "collab explain: unknown unit '{}' (see data/collaborations.json for ids)\n", unit_);
      return kBadInput;
    }
    const Force* force = model.find_force(force_);
    if (force == nullptr) {
      std::string ids;
      for (const auto& f : model.forces) ids += (ids.empty() ? "" : ", ") + f.id;
      fmt::print(stderr, "collab explain: unknown force '{}'; forces are {}\n", force_, ids);
      return kBadInput;
    }
    if (!year_.empty() && !year_positional_.empty() && year_ != year_positional_) {
      fmt::print(stderr, "collab explain: two different years given ('{}' and '{}')\n", year_positional_, year_);
      return kBadInput;
    }
    auto year = year_option(year_.empty() ? year_positional_ : year_, model, name());
    if (!year) return kBadInput;

    Diagnostics problems;
    const ledger::Ledger ledger =
        ledger::compute_ledger(*workspace->formulae, *year, Money::from_pence(pence_ ? 1 : 100), problems);
    std::vector<const ledger::LedgerRow*> rows;
    for (const auto& row : ledger.rows)
      if (row.unit == unit->id && row.find(force->id)) rows.push_back(&row);
    if (rows.empty()) {
      if (problems.errors() > 0) {
        print_diagnostics(problems, Severity::Error, stderr);
        return ledger::has_budgets(model, *year) ? kFailed : kBadInput;
      }
      bool budgeted = false;
      for (const auto& row : ledger.rows) budgeted = budgeted || row.unit == unit->id;
      fmt::print(stderr, "collab explain: {} pays nothing to '{}' in {}: {}\n", force->name, unit->id, year->str(),
                 budgeted ? "it does not take part that year" : "the unit has no budget line that year");
      return kFailed;
    }
    for (const ledger::LedgerRow* row : rows) {
      const ledger::Explanation e = ledger::explain(ledger, *row, force->id);
      fmt::print("{}\n\n", e.headline);
      for (const auto& step : e.steps)
        for (size_t i = 0; i < step.lines.size(); ++i)
          fmt::print("  {:<13} {}\n", i == 0 ? step.label : "", step.lines[i]);
      if (row != rows.back()) fmt::print("\n");
    }
    return kOk;
  }

 private:
  std::string unit_;
  std::string force_;
  std::string year_positional_;
  std::string year_;
  bool pence_ = false;
};

}  // namespace

std::unique_ptr<Command> make_explain_command() { return std::make_unique<ExplainCommand>(); }

}  // namespace collab::cli
