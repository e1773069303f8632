// collab contributions: the ledger of a year as a table, units by forces, cash and in kind,
// with totals. (When the report issue lands this becomes the `contributions` report.)

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "cli/table_text.h"
#include "cli/workspace.h"
#include "ledger/ledger.h"

namespace collab::cli {
namespace {

std::string amount(Money m, bool pence) {
  std::string text = pence ? format_money(m) : format_pounds(m);
  if (auto at = text.find("£"); at != std::string::npos) text.erase(at, std::string("£").size());
  return text;
}

void print_table(const Model& model, const ledger::Ledger& ledger, bool pence) {
  std::vector<std::string> headings{"Unit", "Kind", "Formula"};
  std::vector<bool> right{false, false, false};
  for (const Force& f : model.forces) {
    headings.push_back(f.short_name.empty() ? f.id : f.short_name);
    right.push_back(true);
  }
  headings.push_back("Total");
  right.push_back(true);
  TextTable table(headings, right);
  for (const ledger::LedgerRow& row : ledger.rows) {
    std::vector<std::string> cells{row.label, row.kind == ContributionKind::Cash ? "cash" : "in kind", row.choice.id};
    for (const Force& f : model.forces) {
      const ledger::Contribution* c = row.find(f.id);
      cells.push_back(c ? amount(c->part.amount, pence) : "-");
    }
    cells.push_back(amount(row.total(), pence));
    table.add(cells);
  }
  table.rule();
  auto total_row = [&](const std::string& label, auto pick) {
    std::vector<std::string> cells{label, "", ""};
    Money sum;
    for (const ledger::ForceTotal& t : ledger.totals) {
      cells.push_back(amount(pick(t), pence));
      sum = sum + pick(t);
    }
    cells.push_back(amount(sum, pence));
    table.add(cells);
  };
  total_row("Total cash", [](const ledger::ForceTotal& t) { return t.cash; });
  if (ledger.total(ContributionKind::InKind) > Money{})
    total_row("Total in kind", [](const ledger::ForceTotal& t) { return t.in_kind; });
  total_row("Total", [](const ledger::ForceTotal& t) { return t.all(); });
  fmt::print("{} contributions {}, in {}: each row split by its formula over the year's participants, largest "
             "remainder, so every row adds up to its budget\n\n",
             model.region.name, ledger.year.str(), pence ? "pounds and pence" : "whole pounds");
  fmt::print("{}", table.str());
}

void print_csv(const Model& model, const ledger::Ledger& ledger) {
  std::string header = "year,unit,label,kind,formula";
  for (const Force& f : model.forces) header += "," + f.id;
  fmt::print("{},total\n", header);
  for (const ledger::LedgerRow& row : ledger.rows) {
    std::string line = fmt::format("{},{},{},{},{}", ledger.year.str(), row.unit, csv_field(row.label),
                                   row.kind == ContributionKind::Cash ? "cash" : "in_kind", row.choice.id);
    for (const Force& f : model.forces) {
      const ledger::Contribution* c = row.find(f.id);
      line += "," + (c ? format_plain(c->part.amount) : std::string());
    }
    fmt::print("{},{}\n", line, format_plain(row.total()));
  }
}

class ContributionsCommand final : public Command {
 public:
  const char* name() const override { return "contributions"; }
  const char* summary() const override { return "what each force pays to each unit in a year (cash and in kind)"; }
  void configure(CLI::App& app) override {
    app.add_option("-y,--year", year_, "financial year, e.g. 2016/17 (default: the latest year with budgets)");
    app.add_flag("--pence", pence_, "apportion to the penny instead of whole pounds");
    app.add_flag("--csv", csv_, "print CSV (amounts in pounds with pence) instead of a table");
    app.footer("Exit codes: 0 computed; 1 a unit could not be computed (a formula failed); 2 bad data, scripts or "
               "options.\nExample: collab contributions --year 2016/17");
  }
  int run(const GlobalOptions& global) override {
    auto workspace = open_workspace(global, name());
    if (!workspace) return kBadInput;
    auto year = year_option(year_, *workspace->model, name());
    if (!year) return kBadInput;
    Diagnostics problems;
    const ledger::Ledger ledger = ledger::compute_ledger(*workspace->formulae, *year,
                                                         Money::from_pence(pence_ ? 1 : 100), problems);
    if (problems.errors() > 0) {
      print_diagnostics(problems, Severity::Error, stderr);
      fmt::print(stderr, "collab contributions: {} problem{} computing {}; nothing printed\n", problems.errors(),
                 problems.errors() == 1 ? "" : "s", year->str());
      return ledger::has_budgets(*workspace->model, *year) ? kFailed : kBadInput;
    }
    if (csv_)
      print_csv(*workspace->model, ledger);
    else
      print_table(*workspace->model, ledger, pence_);
    return kOk;
  }

 private:
  std::string year_;
  bool pence_ = false;
  bool csv_ = false;
};

}  // namespace

std::unique_ptr<Command> make_contributions_command() { return std::make_unique<ContributionsCommand>(); }

}  // namespace collab::cli
