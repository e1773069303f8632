// collab run --out DIR: the nightly job. Checks everything, computes every configured year and
// scenario, renders every configured report and comparison in every configured format into a
// staging folder, writes figures.json, changes.md, changes.json and manifest.json, syncs it and
// promotes it to DIR/runs/<stamp>, then points DIR/latest at it. Any failure, or a stop by SIGINT
// or SIGTERM, leaves DIR/latest where it was. The machinery is in host/run/.

#include <fmt/format.h>
#include <lua.hpp>

#include <chrono>
#include <csignal>
#include <fstream>

#include "cli/check_all.h"
#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "cli/document_output.h"
#include "cli/report_workspace.h"
#include "cli/script_output.h"
#include "core/suggest.h"
#include "core/text.h"
#include "ledger/ledger.h"
#include "report/complete.h"
#include "run/changes.h"
#include "run/config.h"
#include "run/expectations.h"
#include "run/figures.h"
#include "run/lock.h"
#include "run/log.h"
#include "run/manifest.h"
#include "run/needed_figures.h"
#include "run/staging.h"
#include "scenario/comparison.h"
#include "scenario/scenario_builder.h"
#include "scenario/scenario_loader.h"

namespace collab::cli {
namespace {

namespace fs = std::filesystem;
namespace jobs = collab::run;
using Clock = std::chrono::steady_clock;

volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void on_stop_signal(int signal) { g_stop_signal = signal; }

// SIGINT and SIGTERM set a flag the run looks at between steps; the previous handlers come back
// when the run ends.
class StopSignals {
 public:
  StopSignals() {
    g_stop_signal = 0;
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  static int stopped() { return g_stop_signal; }

 private:
  struct sigaction old_int_ {}, old_term_ {};
};

std::string year_folder(FinancialYear year) {
  std::string text = year.str();
  for (char& c : text)
    if (c == '/') c = '-';
  return text;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The first problem, for a step's one-line message.
std::string first_problem(const Diagnostics& d) {
  for (Severity s : {Severity::Error, Severity::Warning})
    for (const auto& item : d.items())
      if (item.severity == s) return fmt::format("{}: {}", item.where.str(), item.message);
  return "failed, without a message";
}

// One run of the job: its configuration, its staging folder, the steps done so far.
class Job {
 public:
  Job(const GlobalOptions& global, jobs::RunConfig config, fs::path out, jobs::RunLog log)
      : global_(global), config_(std::move(config)), out_(std::move(out)), log_(log) {}
  int execute(jobs::Staging& staging, const std::string& stamp);

 private:
  // Times `body` as one step of the manifest and the log; it returns "" on success or the message.
  bool step(const std::string& name, const std::function<std::optional<std::string>(std::string&)>& body);
  bool stopped();
  bool select(ReportWorkspace& rw, scenario::ScenarioBuilder& builder);
  int not_promoted() const;
  void render_reports(ReportWorkspace& rw, jobs::Staging& staging);
  void render_whatifs(ReportWorkspace& rw, scenario::ScenarioBuilder& builder, jobs::Staging& staging);
  bool write_changes(jobs::Staging& staging);

  const GlobalOptions& global_;
  jobs::RunConfig config_;
  fs::path out_;
  jobs::RunLog log_;
  jobs::Manifest manifest_;
  jobs::Figures figures_;
  std::vector<FinancialYear> years_;
  std::vector<std::string> reports_, scenarios_;
  bool failed_ = false;     // a report, a comparison or an expectation failed
  int bad_input_ = 0;       // the inputs or the selection are wrong: exit 2
};

int Job::not_promoted() const {
  const auto latest = jobs::latest_run(out_);
  log_.line("error", "promote", fmt::format("not promoted: the staging folder is removed; {}/latest {}", out_.string(),
                                            latest ? "still points at runs/" + *latest : "was not made"));
  return kFailed;
}

bool Job::stopped() {
  if (const int signal = StopSignals::stopped()) {
    log_.line("error", "stop", fmt::format("stopped by {}: the staging folder is removed, {}/latest is untouched",
                                           signal == SIGINT ? "SIGINT" : "SIGTERM", out_.string()));
    return true;
  }
  return false;
}

bool Job::step(const std::string& name, const std::function<std::optional<std::string>(std::string&)>& body) {
  const auto start = Clock::now();
  (void)take_limit_tally();
  std::string note;
  std::optional<std::string> error;
  error = body(note);
  jobs::Step s{name, error ? "failed" : "ok", error ? *error : note, ms_since(start), take_limit_tally()};
  log_.line(error ? "error" : "info", name, error ? *error : (note.empty() ? "ok" : note), s.duration_ms);
  manifest_.steps.push_back(std::move(s));
  return !error;
}

bool Job::select(ReportWorkspace& rw, scenario::ScenarioBuilder& builder) {
  const Model& model = *rw.workspace.model;
  const auto budgeted = ledger::budget_years(model);
  years_ = config_.years.empty() ? budgeted : config_.years;
  for (FinancialYear y : years_)
    if (!ledger::has_budgets(model, y)) {
      std::vector<std::string> names;
      for (FinancialYear b : budgeted) names.push_back(b.str());
      log_.line("error", "select", fmt::format("the data has no budgets for {}; years with budgets: {}", y.str(), fmt::join(names, ", ")));
      ++bad_input_;
    }
  std::vector<std::string> report_ids;
  for (const auto* r : rw.library->reports()) report_ids.push_back(r->definition.id);
  reports_ = config_.all_reports ? report_ids : config_.reports;
  for (const auto& id : reports_)
    if (rw.library->find(id) == nullptr) {
      log_.line("error", "select", fmt::format("unknown report '{}'{}; 'collab reports' lists them", visible_text(id),
                                               did_you_mean(id, report_ids)));
      ++bad_input_;
    }
  std::vector<std::string> scenario_ids;
  for (const auto& s : builder.scenarios()) scenario_ids.push_back(s.id);
  scenarios_ = config_.all_scenarios ? scenario_ids : config_.scenarios;
  for (const auto& id : scenarios_)
    if (builder.find(id) == nullptr) {
      log_.line("error", "select", fmt::format("unknown scenario '{}'{}; scenarios are the files in data/scenarios/",
                                               visible_text(id), did_you_mean(id, scenario_ids)));
      ++bad_input_;
    }
  nlohmann::json years = nlohmann::json::array();
  for (FinancialYear y : years_) years.push_back(y.str());
  manifest_.config = {{"years", years},      {"reports", reports_},           {"scenarios", scenarios_},
                      {"formats", config_.formats}, {"keep", config_.keep}, {"promote_with_failures", config_.promote_with_failures}};
  return bad_input_ == 0;
}

void Job::render_reports(ReportWorkspace& rw, jobs::Staging& staging) {
  for (FinancialYear year : years_) {
    step(fmt::format("ledger {}", year.str()), [&](std::string& note) -> std::optional<std::string> {
      Diagnostics d;
      const ledger::Ledger* l = ledger_for(rw, year, d);
      if (l == nullptr) return first_problem(d);
      jobs::add_ledger_figures(jobs::kData, *l, figures_);
      if (l->failed() > 0) {
        failed_ = true;
        return fmt::format("{} budget line{} could not be split: {}", l->failed(), l->failed() == 1 ? "" : "s", first_problem(d));
      }
      note = fmt::format("{} budget lines split", l->rows.size());
      return std::nullopt;
    });
    for (const std::string& id : reports_) {
      if (stopped()) return;
      const bool ok = step(fmt::format("report {} {}", id, year.str()), [&](std::string& note) -> std::optional<std::string> {
        Diagnostics d;
        reporting::BuildRequest request;
        request.year = year;
        auto doc = rw.library->build(*rw.library->find(id), request, d);
        for (const auto& item : d.items())
          if (item.severity == Severity::Warning) manifest_.warnings.push_back(format_diagnostic(item));
        if (!doc) return first_problem(d);
        for (const std::string& format : config_.formats)
          if (auto error = render_into(staging, "reports/" + year_folder(year), id, *doc, format)) return *error;
        note = fmt::format("written as {}", fmt::join(config_.formats, ", "));
        return std::nullopt;
      });
      if (!ok) failed_ = true;
    }
  }
}

void Job::render_whatifs(ReportWorkspace& rw, scenario::ScenarioBuilder& builder, jobs::Staging& staging) {
  const Model& data = *rw.workspace.model;
  const auto budgeted = ledger::budget_years(data);
  for (const std::string& id : scenarios_) {
    if (stopped()) return;
    const bool ok = step("whatif " + id, [&](std::string& note) -> std::optional<std::string> {
      const scenario::Scenario* s = builder.find(id);
      std::vector<FinancialYear> years = s->years;
      if (years.empty() || years.front() < budgeted.front()) return fmt::format("scenario '{}' has no year the data budgets", id);
      Diagnostics d;
      scenario::Comparison comparison;
      const auto status = scenario::compute_comparison(builder, *rw.workspace.formulae, years, s->baseline, {id}, d, comparison);
      if (status != scenario::Applied::Ok) return first_problem(d);
      if (scenario::scenario_breakages(comparison, d) != scenario::Applied::Ok) return first_problem(d);
      // The reference too: the data's projected years, or the scenario it builds on.
      for (const auto& entry : comparison.reference.ledgers) {
        if (comparison.reference.id == jobs::kData && ledger::has_budgets(data, entry.second.year)) continue;  // the year's own ledger
        jobs::add_ledger_figures(comparison.reference.id, entry.second, figures_);
      }
      for (const auto& side : comparison.scenarios)
        for (const auto& entry : side.ledgers) jobs::add_ledger_figures(side.id, entry.second, figures_);
      report::Document doc = scenario::whatif_document(comparison, data);
      if (auto problems = report::complete_document(doc); !problems.empty()) return "internal: " + problems.front();
      for (const std::string& format : config_.formats)
        if (auto error = render_into(staging, "whatif", id, doc, format)) return *error;
      note = fmt::format("{} to {} against {}, written as {}", years.front().str(), years.back().str(), s->baseline,
                         fmt::join(config_.formats, ", "));
      return std::nullopt;
    });
    if (!ok) failed_ = true;
  }
}

// The previous good run: the one latest points at if it succeeded, else the newest that did.
std::optional<std::pair<std::string, nlohmann::json>> previous_good_run(const fs::path& out) {
  auto read = [&](const std::string& name) -> std::optional<nlohmann::json> {
    std::ifstream in(out / "runs" / name / "manifest.json", std::ios::binary);
    if (!in) return std::nullopt;
    auto doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || doc.value("status", "") != "ok") return std::nullopt;
    return doc;
  };
  if (auto latest = jobs::latest_run(out))
    if (auto doc = read(*latest)) return std::pair(*latest, *doc);
  auto runs = jobs::list_runs(out);
  for (auto it = runs.rbegin(); it != runs.rend(); ++it)
    if (auto doc = read(*it)) return std::pair(*it, *doc);
  return std::nullopt;
}

bool Job::write_changes(jobs::Staging& staging) {
  return step("changes", [&](std::string& note) -> std::optional<std::string> {
    jobs::Changes changes = jobs::first_run();
    if (auto previous = previous_good_run(out_)) {
      auto inputs = jobs::manifest_inputs(previous->second);
      std::ifstream in(out_ / "runs" / previous->first / "figures.json", std::ios::binary);
      auto doc = nlohmann::json::parse(in, nullptr, false);
      auto figures = jobs::figures_from_json(doc);
      if (inputs && figures)
        changes = jobs::compare_runs(previous->first, *inputs, *figures, manifest_.inputs, figures_);
      else
        manifest_.warnings.push_back(fmt::format("the previous run {} has no readable figures.json: nothing compared", previous->first));
    }
    if (auto error = staging.write("changes.md", jobs::changes_markdown(changes))) return error;
    if (auto error = staging.write("changes.json", jobs::changes_json(changes).dump(2) + "\n")) return error;
    note = jobs::changes_summary(changes);
    return std::nullopt;
  });
}

int Job::execute(jobs::Staging& staging, const std::string& stamp) {
  const auto started = std::chrono::system_clock::now();
  manifest_.started = jobs::utc_time(started);
  manifest_.tool_version = COLLAB_VERSION;
  manifest_.lua_version = LUA_RELEASE;
  step("inputs", [&](std::string& note) -> std::optional<std::string> {
    manifest_.inputs = jobs::input_files(global_.root);
    note = fmt::format("{} input files hashed", manifest_.inputs.size());
    return std::nullopt;
  });
  Diagnostics checked;
  const bool check_ok = step("check", [&](std::string& note) -> std::optional<std::string> {
    check_everything(global_, checked);
    for (const auto& item : checked.items())
      if (item.severity == Severity::Warning) manifest_.warnings.push_back(format_diagnostic(item));
    note = fmt::format("{} warnings, {} notes", checked.warnings(), checked.count(Severity::Note));
    if (checked.errors() > 0) return fmt::format("{} errors; the first: {}", checked.errors(), first_problem(checked));
    return std::nullopt;
  });
  if (!check_ok) {
    print_diagnostics(checked, Severity::Error, stderr);
    return kBadInput;
  }
  if (stopped()) return kFailed;
  auto rw = open_report_workspace(global_, "run", false);
  if (!rw) return kBadInput;
  Diagnostics d;
  auto rules = scenario::RuleLibrary::load(global_.root, rw->workspace.model, d, global_.limits(d),
                                           rw->workspace.plugins.get());
  scenario::ScenarioBuilder builder(rw->workspace.model, scenario::load_scenarios(global_.root, *rw->workspace.model, d),
                                    *rules, *rw->workspace.formulae);
  builder.check(d);
  if (d.errors() > 0) {
    print_diagnostics(d, Severity::Error, stderr);
    return kBadInput;
  }
  if (!select(*rw, builder)) return kBadInput;

  step("savings", [&](std::string& note) -> std::optional<std::string> {
    const std::size_t before = figures_.size();
    jobs::add_savings_figures(*rw->workspace.model, figures_);
    note = fmt::format("{} savings figures", figures_.size() - before);
    return std::nullopt;
  });
  render_reports(*rw, staging);
  if (stopped()) return kFailed;
  render_whatifs(*rw, builder, staging);
  if (stopped()) return kFailed;

  Diagnostics expectation_problems;
  const bool expectations_ok = step("expectations", [&](std::string& note) -> std::optional<std::string> {
    auto expectations = jobs::load_expectations(global_.root, *rw->workspace.model, [&] {
      std::vector<std::string> ids;
      for (const auto& s : builder.scenarios()) ids.push_back(s.id);
      return ids;
    }(), expectation_problems);
    if (expectation_problems.errors() > 0) return first_problem(expectation_problems);
    jobs::Figures all = figures_;  // what the expectations need beyond the run's own figures
    jobs::compute_needed(jobs::needed(expectations), [&](FinancialYear y) { return ledger_for(*rw, y, expectation_problems); },
                         builder, *rw->workspace.formulae, all, expectation_problems);
    auto failures = jobs::check_expectations(expectations, all);
    for (const auto& f : failures) log_.line("error", "expectations", jobs::failure_text(f));
    note = fmt::format("{} expectations met", expectations.size());
    if (!failures.empty())
      return fmt::format("{} of {} expectations not met; the first: {}", failures.size(), expectations.size(),
                         jobs::failure_text(failures.front()));
    return std::nullopt;
  });
  if (!expectations_ok) failed_ = true;
  if (expectation_problems.errors() > 0) {
    print_diagnostics(expectation_problems, Severity::Error, stderr);
    return kBadInput;
  }
  if (stopped()) return kFailed;

  bool written = step("figures", [&](std::string& note) -> std::optional<std::string> {
    note = fmt::format("{} figures", figures_.size());
    return staging.write("figures.json", jobs::figures_json(figures_).dump(2) + "\n");
  });
  if (!written || !write_changes(staging)) failed_ = true;
  if (stopped()) return kFailed;

  manifest_.status = failed_ ? "failed" : "ok";
  manifest_.finished = jobs::utc_time(std::chrono::system_clock::now());
  manifest_.outputs = jobs::hash_outputs(staging.path(), staging.files());
  if (auto error = staging.write("manifest.json", jobs::manifest_json(manifest_).dump(2) + "\n")) {
    log_.line("error", "manifest", *error);
    return not_promoted();
  }
  if (auto error = staging.sync_folders()) {
    log_.line("error", "sync", *error);
    return not_promoted();
  }
  if (stopped()) return kFailed;
  const bool promote = !failed_ || config_.promote_with_failures;
  std::string name;
  if (auto error = promote ? staging.promote(stamp, name) : staging.keep_aside(stamp, name)) {
    log_.line("error", "promote", *error);
    return not_promoted();
  }
  if (promote)
    log_.line(failed_ ? "warning" : "info", "promote",
              fmt::format("{}/latest -> runs/{}{}", out_.string(), name, failed_ ? " (with failures, as run.json asks; see its manifest)" : ""));
  else
    log_.line("error", "promote", fmt::format("not promoted: the run failed; it is kept in {}/runs/{} for inspection, "
                                              "{}/latest still points at the last good run", out_.string(), name, out_.string()));
  for (const auto& removed : jobs::prune_runs(out_, config_.keep))
    log_.line("info", "prune", fmt::format("removed the old run runs/{} (keeping {})", removed, config_.keep));
  return failed_ ? kFailed : kOk;
}

class RunCommand final : public Command {
 public:
  const char* name() const override { return "run"; }
  const char* summary() const override { return "the nightly job: check, compute and render everything into DIR/runs/<stamp>, then DIR/latest"; }
  void configure(CLI::App& app) override {
    app.add_option("-o,--out", out_, "the output folder (it must exist): runs go in DIR/runs/<UTC stamp>, DIR/latest points at the last good one")
        ->required();
    app.add_option("--years", flags_.years, "years to compute, e.g. 2016/17,2017/18, or all (default: data/run.json, else every year with budgets)");
    app.add_option("--scenarios", flags_.scenarios, "scenarios to compare, or all, or none (default: data/run.json, else all)");
    app.add_option("--reports", flags_.reports, "reports to render, or all, or none (default: data/run.json, else all)");
    app.add_option("--formats", flags_.formats, "formats to render: md, csv, json, html, xlsx, or all (default: data/run.json, else all)");
    app.add_option("--log-format", log_format_, "text (default) or json: one JSON object a line, one a step")
        ->check(CLI::IsMember({"text", "json"}));
    app.footer("Exit codes: 0 the run succeeded and DIR/latest points at it; 1 a report, comparison or expectation failed, "
               "or the run was stopped (not promoted unless data/run.json says promote_with_failures); 2 bad input, a bad "
               "option, an output folder that is missing or not writable, or another run holding DIR/.lock: nothing "
               "written; 3 an internal fault.\n"
               "Examples: collab run --out /srv/collab\n"
               "          collab run --out out --years 2016/17 --reports contributions --formats md,json --scenarios none");
  }
  int run(const GlobalOptions& global) override {
    jobs::RunLog log(log_format_ == "json" ? jobs::LogFormat::Json : jobs::LogFormat::Text, stderr);
    Diagnostics d;
    jobs::RunConfig config = jobs::read_run_config(global.root, d);
    (void)global.limits(d);
    jobs::apply_flags(flags_, config, d);
    if (d.errors() > 0) {
      print_diagnostics(d, Severity::Error, stderr);
      log.line("error", "config", "data/run.json or the options have errors; nothing written");
      return kBadInput;
    }
    const fs::path out = out_;
    if (auto problem = jobs::out_folder_problem(out)) {
      log.line("error", "output", *problem + "; nothing written");
      return kBadInput;
    }
    std::string error, stale;
    auto lock = jobs::RunLock::take(out, error, stale);
    if (!lock) {
      log.line("error", "lock", error + "; nothing written");
      return kBadInput;
    }
    if (!stale.empty())
      log.line("warning", "lock", fmt::format("took over the lock left by run pid {}, which {}", visible_text(stale),
                                              jobs::pid_running(stale) ? "no longer holds it (the pid is another process's now)"
                                                                       : "is no longer running"));
    for (const auto& name : jobs::clean_leftovers(out)) log.line("warning", "clean", fmt::format("removed {} left by an interrupted run", name));
    StopSignals signals;
    const std::string stamp = jobs::utc_stamp(std::chrono::system_clock::now());
    auto staging = jobs::Staging::create(out, stamp);
    if (!staging) {
      log.line("error", "output", staging.error() + "; nothing written");
      return kBadInput;
    }
    Job job(global, std::move(config), out, log);
    const int exit = job.execute(staging.value(), stamp);
    return exit;  // the staging folder, unless promoted, goes with `staging`
  }

 private:
  std::string out_, log_format_ = "text";
  jobs::RunFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_run_command() { return std::make_unique<RunCommand>(); }

}  // namespace collab::cli
