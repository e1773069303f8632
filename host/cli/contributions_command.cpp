// collab contributions: the contributions report (scripts/reports/contributions.lua) under its own
// command, the one an analyst reaches for first: what each force pays to each unit in a year, cash
// and in kind, computed beside the published table. The same document as `collab report
// contributions`, in every format; --csv is the main table as CSV.

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "cli/report_build.h"
#include "ledger/ledger.h"

namespace collab::cli {
namespace {

class ContributionsCommand final : public Command {
 public:
  const char* name() const override { return "contributions"; }
  const char* summary() const override { return "what each force pays to each unit in a year (cash and in kind)"; }
  void configure(CLI::App& app) override {
    app.add_option("-y,--year", year_, "financial year, e.g. 2016/17 (default: the latest year with budgets)");
    app.add_flag("--pence", pence_, "apportion to the penny instead of whole pounds");
    app.add_option("-f,--format", format_, "md (default), csv, json, html or xlsx")
        ->check(CLI::IsMember({"md", "csv", "json", "html", "xlsx"}));
    app.add_option("-o,--out", out_, "the file to write (whole or not at all); for CSV of every table, a folder");
    app.add_option("--table", table_, "CSV: only the table with this id (contributions, by-force, published)");
    app.add_flag("--explanations", explanations_,
                 "Markdown: list where every figure comes from after the tables, as 'collab report contributions' does "
                 "(default: the tables only; 'collab explain' gives any one figure)");
    app.add_flag("--csv", csv_, "the contributions table as CSV (the same as --format csv --table contributions)");
    app.footer("Exit codes: 0 computed; 1 a row could not be computed (a formula failed: the other rows are shown, "
               "that one marked FAILED and left out of the totals); 2 bad data, scripts or options.\n"
               "Examples: collab contributions --year 2016/17\n"
               "          collab contributions --pence --csv > contributions.csv\n"
               "          collab contributions --format html --out contributions.html");
  }
  int run(const GlobalOptions& global) override {
    auto rw = open_report_workspace(global, name());
    if (!rw) return kBadInput;
    const reporting::ReportScript* report = rw->library->find("contributions");
    if (report == nullptr) {
      fmt::print(stderr, "collab contributions: the contributions report (scripts/reports/contributions.lua) is missing\n");
      return kBadInput;
    }
    const Model& model = *rw->workspace.model;
    auto year = year_option(year_, model, name());
    if (!year) return kBadInput;
    if (!ledger::has_budgets(model, *year)) {
      Diagnostics problems;
      (void)ledger::compute_ledger(*rw->workspace.formulae, rw->workspace.model, *year, Money::from_pounds(1), problems);
      print_diagnostics(problems, Severity::Error, stderr);
      return kBadInput;
    }
    OutputRequest output{format_, out_, table_, explanations_, "collab contributions"};
    if (csv_) {
      if (format_ != "md" && format_ != "csv") {
        fmt::print(stderr, "collab contributions: --csv is CSV: it cannot be given with --format {}\n", format_);
        return kBadInput;
      }
      output.format = "csv";
      if (output.table.empty()) output.table = "contributions";
    }
    if (output_refused(output)) return kBadInput;
    rw->rounding_unit = Money::from_pence(pence_ ? 1 : 100);
    reporting::BuildRequest request;
    request.year = *year;
    return build_and_write(*rw, *report, request, output, name());
  }

 private:
  std::string year_, format_ = "md", out_, table_;
  bool pence_ = false;
  bool csv_ = false;
  bool explanations_ = false;
};

}  // namespace

std::unique_ptr<Command> make_contributions_command() { return std::make_unique<ContributionsCommand>(); }

}  // namespace collab::cli
