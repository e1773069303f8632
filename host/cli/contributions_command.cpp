// collab contributions: the ledger of a year as a table, units by forces, cash and in kind,
// with totals. (When the report issue lands this becomes the `contributions` report.)

#include <fmt/format.h>

#include <algorithm>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "money/money_text.h"
#include "cli/table_text.h"
#include "cli/workspace.h"
#include "ledger/ledger.h"

namespace collab::cli {
namespace {

void print_table(const Model& model, const ledger::Ledger& ledger, bool pence) {
  auto amount = [pence](Money m) { return amount_cell(m, pence); };
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
    std::vector<std::string> cells{row.label, ledger::kind_text(row.kind), row.choice.id};
    for (const Force& f : model.forces) {
      const ledger::Contribution* c = row.find(f.id);
      cells.push_back(row.failed() ? "?" : c ? amount(c->part.amount) : "-");
    }
    cells.push_back(row.failed() ? "FAILED" : amount(row.total()));
    table.add(cells);
  }
  table.rule();
  auto total_row = [&](const std::string& label, auto pick) {
    std::vector<std::string> cells{label, "", ""};
    Money sum;
    for (const ledger::ForceTotal& t : ledger.totals) {
      cells.push_back(amount(pick(t)));
      sum = sum + pick(t);
    }
    cells.push_back(amount(sum));
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
  const bool odd_pence = std::any_of(ledger.rows.begin(), ledger.rows.end(), [](const ledger::LedgerRow& r) {
    return !r.budget.is_whole_pounds();
  });
  if (!pence && odd_pence)
    fmt::print("\nA budget with pence is split in whole pounds and its odd pence go to one part, next in the largest "
               "remainder order; that part is printed with its pence.\n");
  if (const int failed = ledger.failed(); failed > 0)
    fmt::print("\n{} row{} FAILED: could not be computed (the errors above say why); the totals leave {} out\n", failed,
               failed == 1 ? "" : "s", failed == 1 ? "it" : "them");
}

void print_csv(const Model& model, const ledger::Ledger& ledger) {
  std::string header = "year,unit,label,kind,formula";
  for (const Force& f : model.forces) header += "," + f.id;
  fmt::print("{},total,status\n", header);
  for (const ledger::LedgerRow& row : ledger.rows) {
    std::string line = fmt::format("{},{},{},{},{}", ledger.year.str(), row.unit, csv_field(row.label),
                                   ledger::kind_name(row.kind), row.choice.id);
    for (const Force& f : model.forces) {
      const ledger::Contribution* c = row.find(f.id);
      line += "," + (c ? format_plain(c->part.amount) : std::string());
    }
    if (row.failed())
      fmt::print("{},,failed\n", line);
    else
      fmt::print("{},{},ok\n", line, format_plain(row.total()));
  }
}

class ContributionsCommand final : public Command {
 public:
  const char* name() const override { return "contributions"; }
  const char* summary() const override { return "what each force pays to each unit in a year (cash and in kind)"; }
  void configure(CLI::App& app) override {
    app.add_option("-y,--year", year_, "financial year, e.g. 2016/17 (default: the latest year with budgets)");
    app.add_flag("--pence", pence_, "apportion to the penny instead of whole pounds");
    app.add_flag("--csv", csv_, "print CSV (amounts in pounds with pence; a status column says ok or failed) instead of a table");
    app.footer("Exit codes: 0 computed; 1 a row could not be computed (a formula failed: the other rows are shown, "
               "that one marked FAILED); 2 bad data, scripts or options.\nExample: collab contributions --year 2016/17");
  }
  int run(const GlobalOptions& global) override {
    auto workspace = open_workspace(global, name());
    if (!workspace) return kBadInput;
    auto year = year_option(year_, *workspace->model, name());
    if (!year) return kBadInput;
    if (!ledger::has_budgets(*workspace->model, *year)) {
      Diagnostics problems;
      (void)ledger::compute_ledger(*workspace->formulae, workspace->model, *year, Money::from_pounds(1), problems);
      print_diagnostics(problems, Severity::Error, stderr);
      return kBadInput;
    }
    Diagnostics problems;
    const ledger::Ledger ledger = ledger::compute_ledger(*workspace->formulae, workspace->model, *year,
                                                         Money::from_pence(pence_ ? 1 : 100), problems);
    print_diagnostics(problems, Severity::Error, stderr);
    if (csv_)
      print_csv(*workspace->model, ledger);
    else
      print_table(*workspace->model, ledger, pence_);
    if (ledger.failed() == 0) return kOk;
    fmt::print(stderr, "collab contributions: {} of {} rows could not be computed in {}\n", ledger.failed(),
               ledger.rows.size(), year->str());
    return kFailed;
  }

 private:
  std::string year_;
  bool pence_ = false;
  bool csv_ = false;
};

}  // namespace

std::unique_ptr<Command> make_contributions_command() { return std::make_unique<ContributionsCommand>(); }

}  // namespace collab::cli
