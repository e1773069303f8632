// collab reconcile: how the published table of a year was made (the candidate process that
// reproduces most of its numbers), then the computed contributions against it, figure by figure,
// with each variance and its likely cause.

#include <fmt/format.h>

#include <cstdlib>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "money/money_text.h"
#include "cli/reconcile_json.h"
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
  const char* summary() const override {
    return "how the published table was made, and the computed contributions against it, figure by figure";
  }
  void configure(CLI::App& app) override {
    app.add_option("-y,--year", year_, "financial year, e.g. 2016/17 (default: the latest year with budgets)");
    app.add_flag("--all", all_, "list every figure, not only those that differ or carry a note");
    app.add_option("--format", format_, "text (default) or json (schema collab.reconcile, docs/reconcile-json.md)")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_option("--tolerance", tolerance_, "largest variance in whole pounds that still passes (default: 2)")
        ->check(CLI::NonNegativeNumber);
    app.footer("Exit codes: 0 every figure within the tolerance; 1 a figure beyond it; 2 bad data, scripts, options, or "
               "no published table for the year.\nExample: collab reconcile --year 2016/17 --all\n"
               "         collab reconcile --format json");
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
    if (format_ == "json")
      fmt::print("{}\n", reconcile_document(global.root, r).dump(2));
    else
      print_text(*workspace->model, r);
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
  void print_text(const Model& model, const ledger::Reconciliation& r) const {
    const Document* document = model.document(r.source.document);
    fmt::print("Reconciliation {}: computed against {} \"{}\" ({})\n\n", r.year.str(), r.source.document, r.source.table,
               document ? document->title : r.source.document);
    auto force_name = [&](const std::string& id) {
      const Force* force = model.force(id);
      return force ? force->short_name : id;
    };
    if (r.process)
      fmt::print("{}\n", process_text(*r.process, force_name));
    else
      fmt::print("How the table was made: not tested: {}\n\n", r.process_error);
    fmt::print("Against the ledger: {} cells, {} match, {} differ; {} totals, {} match, {} differ; {} agree with the "
               "ledger but are not the exact figure rounded half up on its own; the largest variance is {}\n\n",
               r.cells(), r.matching(), r.cells() - r.matching(), r.totals(), r.totals_matching(),
               r.totals() - r.totals_matching(), r.noted(), amount_text(r.largest_variance()));
    TextTable table({"Row", "Force", "Computed", "Published", "Variance", "Likely cause"},
                    {false, false, true, true, true, false});
    auto add = [&](const ledger::RowCheck& row, const ledger::CellCheck& cell) {
      if (!all_ && cell.matches() && !cell.cause) return;
      table.add({row.label, cell.force.empty() ? "TOTAL" : force_name(cell.force), maybe(cell.computed),
                 maybe(cell.published), cell.variance() == Money{} ? "0" : signed_amount(cell.variance()), cause_text(cell)});
    };
    for (const auto& row : r.rows) {
      for (const auto& cell : row.cells) add(row, cell);
      if (row.total) add(row, *row.total);
    }
    fmt::print("{}", table.str());
    bool first = true;
    for (const auto& row : r.rows) {
      const std::string note = row_note_text(row, r.year);
      if (note.empty()) continue;
      fmt::print("{}{} ({}): {}\n", first ? "\nRows:\n" : "", row.label, row.where.str(), note);
      first = false;
    }
  }

  std::string year_;
  std::string format_ = "text";
  bool all_ = false;
  int64_t tolerance_ = 2;
};

}  // namespace

std::unique_ptr<Command> make_reconcile_command() { return std::make_unique<ReconcileCommand>(); }

}  // namespace collab::cli
