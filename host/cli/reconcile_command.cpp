// collab reconcile: the computed contributions against the published table of the same year,
// cell by cell, with each variance and its likely cause.

#include <fmt/format.h>

#include <cstdlib>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "cli/money_text.h"
#include "cli/reconcile_text.h"
#include "cli/table_text.h"
#include "cli/workspace.h"
#include "ledger/reconcile.h"

namespace collab::cli {
namespace {

std::string maybe(const std::optional<Money>& m) { return m ? amount_text(*m) : "-"; }

class ReconcileCommand final : public Command {
 public:
  const char* name() const override { return "reconcile"; }
  const char* summary() const override { return "computed contributions against the published table, cell by cell"; }
  void configure(CLI::App& app) override {
    app.add_option("-y,--year", year_, "financial year, e.g. 2016/17 (default: the latest year with budgets)");
    app.add_flag("--all", all_, "list every cell, not only those that differ");
    app.add_option("--tolerance", tolerance_, "largest variance in whole pounds that still passes (default: 2)")
        ->check(CLI::NonNegativeNumber);
    app.footer("Exit codes: 0 every cell within the tolerance; 1 a cell beyond it; 2 bad data, scripts, options, or "
               "no published table for the year.\nExample: collab reconcile --year 2016/17 --all");
  }
  int run(const GlobalOptions& global) override {
    auto workspace = open_workspace(global, name());
    if (!workspace) return kBadInput;
    auto year = year_option(year_, *workspace->model, name());
    if (!year) return kBadInput;
    const PublishedContributions* published = ledger::published_for(*workspace->model, *year);
    if (published == nullptr) {
      fmt::print(stderr, "collab reconcile: the data has no published contributions table for {} (data/contributions.json)\n",
                 year->str());
      return kBadInput;
    }
    Diagnostics problems;
    const ledger::Ledger ledger =
        ledger::compute_ledger(*workspace->formulae, workspace->model, *year, Money::from_pounds(1), problems);
    print_diagnostics(problems, Severity::Error, stderr);
    const ledger::Reconciliation r = ledger::reconcile(ledger, *published);
    const Document* document = workspace->model->document(r.source.document);
    fmt::print("Reconciliation {}: computed against {} \"{}\" ({})\n", r.year.str(), r.source.document, r.source.table,
               document ? document->title : r.source.document);
    fmt::print("{} cells: {} match, {} differ; the largest variance is {}\n\n", r.cells(), r.matching(),
               r.cells() - r.matching(), amount_text(r.largest_variance()));

    TextTable table({"Row", "Force", "Computed", "Published", "Variance", "Likely cause"},
                    {false, false, true, true, true, false});
    for (const auto& row : r.rows)
      for (const auto& cell : row.cells) {
        if (!all_ && cell.matches()) continue;
        const Force* force = workspace->model->force(cell.force);
        table.add({row.label, force ? force->short_name : cell.force, maybe(cell.computed), maybe(cell.published),
                   cell.variance() == Money{} ? "0" : signed_amount(cell.variance()), cause_text(cell)});
      }
    fmt::print("{}", table.str());
    bool first = true;
    for (const auto& row : r.rows) {
      const std::string note = row_note_text(row, r.year);
      if (note.empty()) continue;
      fmt::print("{}{} ({}): {}\n", first ? "\nRows:\n" : "", row.label, row.where.str(), note);
      first = false;
    }
    const Money tolerance = Money::from_pounds(tolerance_);
    if (r.largest_variance() > tolerance) {
      fmt::print(stderr, "collab reconcile: a variance of {} is beyond the tolerance of {}\n",
                 amount_text(r.largest_variance()), amount_text(tolerance));
      return kFailed;
    }
    if (ledger.failed() > 0) {
      fmt::print(stderr, "collab reconcile: {} row{} could not be computed in {}\n", ledger.failed(),
                 ledger.failed() == 1 ? "" : "s", year->str());
      return kFailed;
    }
    return kOk;
  }

 private:
  std::string year_;
  bool all_ = false;
  int64_t tolerance_ = 2;
};

}  // namespace

std::unique_ptr<Command> make_reconcile_command() { return std::make_unique<ReconcileCommand>(); }

}  // namespace collab::cli
