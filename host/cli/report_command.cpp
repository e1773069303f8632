// collab report <id>: one report built and written in a format (with --watch, again whenever the
// inputs change); collab reports: every report with its parameters.

#include <fmt/format.h>
#include <signal.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "cli/report_build.h"
#include "core/suggest.h"
#include "core/text.h"
#include "serve/watch.h"

namespace collab::cli {
namespace {

volatile std::sig_atomic_t g_watch_stop = 0;
extern "C" void on_watch_stop(int) { g_watch_stop = 1; }

// The inputs' snapshot without the output file itself (which may sit under data/): writing it must
// not count as a change.
serve::Snapshot inputs_snapshot(const std::filesystem::path& root, const std::filesystem::path& out) {
  serve::Snapshot snapshot = serve::take_snapshot(root);
  std::error_code ec;
  const auto relative = std::filesystem::relative(std::filesystem::absolute(out, ec), std::filesystem::absolute(root, ec), ec);
  if (!ec) snapshot.erase(relative.generic_string());
  return snapshot;
}

std::vector<std::string> report_ids(const reporting::ReportLibrary& library) {
  std::vector<std::string> ids;
  for (const auto* r : library.reports()) ids.push_back(r->definition.id);
  return ids;
}

// "name=value" pairs, as --param gives them.
std::optional<std::vector<std::pair<std::string, std::string>>> split_params(const std::vector<std::string>& given) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& p : given) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      fmt::print(stderr, "collab report: --param '{}' must be name=value\n", visible_text(p));
      return std::nullopt;
    }
    out.emplace_back(p.substr(0, eq), p.substr(eq + 1));
  }
  return out;
}

class ReportCommand final : public Command {
 public:
  const char* name() const override { return "report"; }
  const char* summary() const override { return "build a report and write it as Markdown, CSV, JSON, HTML or XLSX"; }
  void configure(CLI::App& app) override {
    app.add_option("id", id_, "the report's id ('collab reports' lists them)")->required();
    app.add_option("-y,--year", year_, "financial year, e.g. 2016/17 (default: the latest year with budgets)");
    app.add_option("-f,--format", format_, "md (default), csv, json, html or xlsx")
        ->check(CLI::IsMember({"md", "csv", "json", "html", "xlsx"}));
    app.add_option("-o,--out", out_,
                   "the file to write (whole or not at all); for CSV of several tables, a folder. Default: standard "
                   "output (not for xlsx on a terminal)");
    app.add_option("--table", table_, "CSV: only the table with this id");
    app.add_option("-p,--param", params_, "a report parameter, name=value (repeatable)");
    app.add_flag("--pence", pence_, "apportion the ledgers to the penny instead of whole pounds");
    app.add_flag("--watch", watch_,
                 "keep running: rewrite --out whenever a file under data/, scripts/ or plugins/ changes (a change "
                 "that breaks them leaves the last good file); Ctrl-C stops");
    app.footer("Exit codes: 0 written; 1 the report failed (its script or its figures: the errors say where), or was "
               "written with ledger rows that could not be computed (a formula failed: those rows are marked); 2 unknown "
               "report, bad parameter or bad data, nothing written.\n"
               "Examples: collab report contributions --year 2016/17\n"
               "          collab report contributions --format html --out contributions.html\n"
               "          collab report workforce --format csv --table workforce > workforce.csv\n"
               "          collab report contributions --format html --out c.html --watch");
  }
  int run(const GlobalOptions& global) override {
    if (!watch_) return build_once(global);
    if (out_.empty() || out_ == "-" || (format_ == "csv" && table_.empty())) {
      fmt::print(stderr, "collab report: --watch needs --out FILE (and for CSV, --table): it rewrites that file\n");
      return kBadInput;
    }
    return watch(global);
  }

 private:
  // Polls the inputs every 300 ms and builds the report again when one changes; the output is
  // written whole or not at all, so a change that breaks the data or a script leaves the last good
  // one. Ends at SIGINT or SIGTERM, exit 0.
  int watch(const GlobalOptions& global) {
    struct sigaction action {}, old_int {}, old_term {};
    action.sa_handler = on_watch_stop;
    sigemptyset(&action.sa_mask);
    g_watch_stop = 0;
    sigaction(SIGINT, &action, &old_int);
    sigaction(SIGTERM, &action, &old_term);
    serve::Snapshot last = inputs_snapshot(global.root, out_);
    const int first = build_once(global);
    fmt::print(stderr, "collab report: {} {}; watching data/, scripts/ and plugins/ under {} (Ctrl-C stops)\n", out_,
               first == kOk ? "written" : "not written", global.root.string());
    while (g_watch_stop == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      serve::Snapshot now = inputs_snapshot(global.root, out_);
      const std::string changed = serve::first_difference(last, now);
      if (changed.empty()) continue;
      last = std::move(now);
      const int code = build_once(global);
      fmt::print(stderr, "collab report: {} changed: {}\n", changed,
                 code == kOk ? "rewrote " + out_ : "errors above; " + out_ + " is as last written");
    }
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);
    fmt::print(stderr, "collab report: stopped watching\n");
    return kOk;
  }

  int build_once(const GlobalOptions& global) {
    auto rw = open_report_workspace(global, name());
    if (!rw) return kBadInput;
    const reporting::ReportScript* report = rw->library->find(id_);
    if (report == nullptr) {
      fmt::print(stderr, "collab report: unknown report '{}'{}; 'collab reports' lists them\n", visible_text(id_),
                 did_you_mean(id_, report_ids(*rw->library)));
      return kBadInput;
    }
    reporting::BuildRequest request;
    if (!year_.empty()) {
      auto year = year_option(year_, *rw->workspace.model, name());
      if (!year) return kBadInput;
      request.year = *year;
    }
    auto params = split_params(params_);
    if (!params) return kBadInput;
    request.params = *params;
    const OutputRequest output{format_, out_, table_, true, "collab report"};
    if (output_refused(output)) return kBadInput;
    rw->rounding_unit = Money::from_pence(pence_ ? 1 : 100);
    return build_and_write(*rw, *report, request, output, name());
  }

  std::string id_, year_, format_ = "md", out_, table_;
  std::vector<std::string> params_;
  bool pence_ = false;
  bool watch_ = false;
};

class ReportsCommand final : public Command {
 public:
  const char* name() const override { return "reports"; }
  const char* summary() const override { return "list every report, built-in and plug-in, with its parameters"; }
  void configure(CLI::App& app) override {
    app.footer("Build one with: collab report <id> [--year Y] [--format md|csv|json|html|xlsx] [--out FILE]");
  }
  int run(const GlobalOptions& global) override {
    auto rw = open_report_workspace(global, name());
    if (!rw) return kBadInput;
    for (const auto* r : rw->library->reports()) {
      fmt::print("{:<20} {}{}\n", r->definition.id, visible_text(r->definition.title),
                 r->plugin.empty() ? "" : fmt::format(" (plug-in {})", r->plugin));
      if (!r->definition.description.empty()) fmt::print("{:<20} {}\n", "", visible_text(r->definition.description));
      for (const auto& p : r->definition.params)
        fmt::print("{:<20}   --param {}=<{}>{}{}\n", "", p.name, p.type, p.required ? " (required)" : "",
                   p.doc.empty() ? "" : ": " + visible_text(p.doc));
    }
    return kOk;
  }
};

}  // namespace

std::unique_ptr<Command> make_report_command() { return std::make_unique<ReportCommand>(); }
std::unique_ptr<Command> make_reports_command() { return std::make_unique<ReportsCommand>(); }

}  // namespace collab::cli
