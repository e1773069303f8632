#include "cli/serve_session.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "cli/atomic_file.h"
#include "cli/document_output.h"
#include "cli/report_workspace.h"
#include "cli/script_output.h"
#include "ledger/ledger.h"
#include "load/loader.h"
#include "report/complete.h"
#include "scenario/comparison.h"
#include "scenario/scenario_builder.h"
#include "scenario/scenario_loader.h"
#include "serve/explorer_request.h"
#include "serve/request_checks.h"

namespace collab::cli {

using nlohmann::json;

/// One load of the root: the reports' workspace (which holds the model, the formulae and the
/// plug-ins), the what-if rules and the scenarios of data/scenarios.
struct ServeLoad {
  std::unique_ptr<ReportWorkspace> reports;
  std::unique_ptr<scenario::RuleLibrary> rules;
  std::vector<scenario::Scenario> scenarios;

  const Model& model() const { return *reports->workspace.model; }
  formula::FormulaLibrary& formulae() { return *reports->workspace.formulae; }
};

namespace {

json diagnostic_json(const Diagnostic& d) {
  const char* severity = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note";
  return json{{"severity", severity}, {"where", d.where.str()}, {"message", d.message}, {"hint", d.hint},
              {"text", format_diagnostic(d)}};
}

json diagnostics_json(const Diagnostics& diagnostics, Severity threshold) {
  json out = json::array();
  for (const Diagnostic& d : diagnostics.items())
    if (static_cast<int>(d.severity) <= static_cast<int>(threshold)) out.push_back(diagnostic_json(d));
  return out;
}

Reply json_reply(int status, const json& body) { return Reply{status, body.dump(), "application/json"}; }

// The first line of each step in a scenario text as scenario_text writes it (a step's "{" alone on
// a line, indented four spaces, after the line of "steps").
std::vector<int> step_lines(const std::string& text) {
  std::vector<int> out;
  bool in_steps = false;
  int line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view l(text.data() + start, end - start);
    ++line;
    if (l.find("\"steps\": [") != std::string_view::npos) in_steps = true;
    else if (in_steps && l == "    {") out.push_back(line);
    start = end + 1;
  }
  return out;
}

// The diagnostics of a request's scenario text, each naming the step (1-based) its line is in.
json request_diagnostics(const Diagnostics& diagnostics, const std::string& display, const std::string& text) {
  const std::vector<int> starts = step_lines(text);
  json out = json::array();
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.severity == Severity::Note) continue;
    json j = diagnostic_json(d);
    if (d.where.file == display && d.where.line > 0) {
      const auto after = std::upper_bound(starts.begin(), starts.end(), d.where.line);
      if (after != starts.begin()) j["step"] = after - starts.begin();
    }
    out.push_back(std::move(j));
  }
  return out;
}

// A refusal of a request's changes: the message, and each problem with the step it is in.
Reply step_error_reply(int status, const std::string& message, const Diagnostics& diagnostics,
                       const std::string& display, const std::string& text) {
  return json_reply(status, json{{"error", message}, {"errors", request_diagnostics(diagnostics, display, text)}});
}

Reply error_reply(int status, const std::string& message, const Diagnostics& diagnostics = {}) {
  return json_reply(status, json{{"error", message}, {"errors", diagnostics_json(diagnostics, Severity::Warning)}});
}

// Loads everything under the root as `collab whatif` and `collab report` do, printing nothing:
// the problems go to `diagnostics`; null when any is an error.
std::unique_ptr<ServeLoad> load_root(const GlobalOptions& global, Diagnostics& diagnostics) {
  auto outcome = load::load_data_set(global.root);
  diagnostics.append(outcome.diagnostics);
  if (!outcome.model) return nullptr;
  Workspace workspace{outcome.model, nullptr, {}, plugin::PluginSet::discover(global.root)};
  workspace.formulae = formula::FormulaLibrary::load(global.root, outcome.model, diagnostics, global.limits(diagnostics),
                                                     script_output_observer(global.show_limits),
                                                     workspace.plugins.get());
  workspace.formulae->check_choices(*outcome.model, diagnostics);
  if (diagnostics.errors() > 0) return nullptr;
  auto load = std::make_unique<ServeLoad>();
  load->rules = scenario::RuleLibrary::load(global.root, workspace.model, diagnostics, global.limits(diagnostics),
                                            workspace.plugins.get());
  load->scenarios = scenario::load_scenarios(global.root, *workspace.model, diagnostics);
  load->reports = make_report_workspace(std::move(workspace), global, diagnostics);
  if (diagnostics.errors() > 0) return nullptr;
  // The scenarios' steps checked once, as `collab whatif` does before anything runs.
  scenario::ScenarioBuilder builder(load->reports->workspace.model, load->scenarios, *load->rules, load->formulae());
  builder.check(diagnostics);
  if (diagnostics.errors() > 0) return nullptr;
  return load;
}

// The year a request names, if the data can show it (from its first budgeted year on; later years
// are projected, as `collab whatif` projects them).
Result<FinancialYear> request_year(const std::string& text, const Model& model) {
  auto year = FinancialYear::parse(text);
  if (!year) return fail(fmt::format("'year': {}", year.error()));
  const auto budgeted = ledger::budget_years(model);
  if (budgeted.empty()) return fail("the data has no budgets");
  if (year.value() < budgeted.front() || year.value().start_year() > budgeted.back().start_year() + 20)
    return fail(fmt::format("'year' {} is outside {} to 20 years after {}", year.value().str(), budgeted.front().str(),
                            budgeted.back().str()));
  return year.value();
}

// The loaded scenarios with `added` in place of any of the same id, baselines checked: the set a
// request's scenario is built among. Errors go to `diagnostics`.
std::vector<scenario::Scenario> with_scenario(const std::vector<scenario::Scenario>& loaded, scenario::Scenario added,
                                              Diagnostics& diagnostics) {
  std::vector<scenario::Scenario> out;
  for (const auto& s : loaded)
    if (s.id != added.id) out.push_back(s);
  out.push_back(std::move(added));
  scenario::check_baselines(out, diagnostics);
  return out;
}

// The request's scenario file, parsed and put among the loaded scenarios: the scenarios to build
// (their steps not yet checked), or nothing after errors in `diagnostics`.
std::optional<std::vector<scenario::Scenario>> scenarios_for(ServeLoad& load, const serve::ExplorerRequest& request,
                                                             const std::string& id, const std::string& display,
                                                             const std::string& text, Diagnostics& diagnostics) {
  auto parsed = scenario::parse_scenario(display, id, text, load.model(), diagnostics);
  if (!parsed || diagnostics.errors() > 0) return std::nullopt;
  auto scenarios = with_scenario(load.scenarios, std::move(*parsed), diagnostics);
  if (diagnostics.errors() > 0) return std::nullopt;
  if (request.baseline != scenario::kDataBaseline &&
      std::none_of(scenarios.begin(), scenarios.end(), [&](const auto& s) { return s.id == request.baseline; })) {
    diagnostics.error({display}, fmt::format("unknown baseline '{}'", request.baseline),
                      "a baseline is \"data\" or the id of a file in data/scenarios/");
    return std::nullopt;
  }
  return scenarios;
}

// A builder of `scenarios` with every step checked (a builder applies only steps it has checked),
// or null after errors in `diagnostics`.
std::unique_ptr<scenario::ScenarioBuilder> checked_builder(ServeLoad& load, std::vector<scenario::Scenario> scenarios,
                                                           Diagnostics& diagnostics) {
  auto builder = std::make_unique<scenario::ScenarioBuilder>(load.reports->workspace.model, std::move(scenarios),
                                                             *load.rules, load.formulae());
  if (!builder->check(diagnostics) || diagnostics.errors() > 0) return nullptr;
  return builder;
}

// An id for the explorer's own scenario that no file in data/scenarios has.
std::string explorer_id(const std::vector<scenario::Scenario>& loaded) {
  for (int n = 0;; ++n) {
    std::string id = n == 0 ? "explorer" : fmt::format("explorer-{}", n);
    if (std::none_of(loaded.begin(), loaded.end(), [&](const auto& s) { return s.id == id; })) return id;
  }
}

json params_json(const ParamValue& params) { return json::parse(params.canonical(), nullptr, false); }

// A side's budget lines in a year as the page's controls need them: who takes part, by which
// formula, what budget.
json lines_json(const ledger::Ledger& ledger) {
  json out = json::array();
  for (const auto& row : ledger.rows) {
    json participants = json::array();
    if (!row.failed()) {
      for (const auto& c : row.contributions)
        if (c.participant) participants.push_back(c.force);
    } else if (row.participants && row.participants->forces) {
      for (const auto& f : *row.participants->forces) participants.push_back(f);
    }
    out.push_back(json{{"unit", row.unit},
                       {"label", row.label},
                       {"kind", ledger::kind_name(row.kind)},
                       {"budget", row.budget.pence()},
                       {"formula", row.choice.id},
                       {"formula_params", params_json(row.choice.params)},
                       {"region_default", row.region_default},
                       {"participants", participants},
                       {"failed", row.failed()}});
  }
  return out;
}

json force_grants_json(const Model& model, FinancialYear year) {
  json out = json::object();
  for (const Force& f : model.forces)
    if (auto g = model.central_grant(f.id, year.prev())) out[f.id] = g->pence();
  return out;
}

}  // namespace

ServeSession::ServeSession(GlobalOptions global) : global_(std::move(global)) {
  status_ = json{{"version", 0}, {"loaded", false}, {"cause", "starting"}, {"errors", json::array()}};
}

ServeSession::~ServeSession() = default;

bool ServeSession::reload(const std::string& cause) {
  std::lock_guard lock(compute_mutex_);
  Diagnostics diagnostics;
  auto fresh = load_root(global_, diagnostics);
  std::lock_guard status_lock(status_mutex_);
  status_["cause"] = cause;
  status_["attempt"] = status_.contains("attempt") ? status_["attempt"].get<int>() + 1 : 1;
  if (!fresh) {
    status_["errors"] = diagnostics_json(diagnostics, Severity::Error);
    if (status_["errors"].empty()) status_["errors"].push_back(json{{"where", ""}, {"message", "the root did not load"}});
    return false;
  }
  load_ = std::move(fresh);
  status_["version"] = status_["version"].get<int>() + 1;
  status_["loaded"] = true;
  status_["errors"] = json::array();
  status_["warnings"] = diagnostics.warnings();  // `collab check` lists them; polled every second, so not here
  return true;
}

Reply ServeSession::status() const {
  std::lock_guard lock(status_mutex_);
  return json_reply(200, status_);
}

Reply ServeSession::model_info() {
  std::lock_guard lock(compute_mutex_);
  if (!load_) return error_reply(503, "the data and scripts have not loaded yet: /api/status says why");
  const Model& model = load_->model();
  json out;
  {
    std::lock_guard status_lock(status_mutex_);
    out["version"] = status_["version"];
  }
  // The years to choose from: every budgeted year, then projected ones (as `collab whatif` projects
  // them) through the last any scenario shows and three more. The default is the latest budgeted
  // year, or the one after the first when only one is budgeted: its shares weigh a year's grant
  // that the data has, so every control (the grants too) can move it.
  out["years"] = json::array();
  const auto budgeted = ledger::budget_years(model);
  if (!budgeted.empty()) {
    FinancialYear last = budgeted.back();
    for (const auto& s : load_->scenarios)
      for (FinancialYear y : s.years) last = std::max(last, y);
    last = last.next().next().next();
    for (FinancialYear y = budgeted.front(); y <= last; y = y.next()) out["years"].push_back(y.str());
    out["default_year"] = (budgeted.size() == 1 ? budgeted.front().next() : budgeted.back()).str();
  }
  out["budgeted_years"] = json::array();
  for (FinancialYear y : budgeted) out["budgeted_years"].push_back(y.str());
  out["forces"] = json::array();
  for (const Force& f : model.forces)
    out["forces"].push_back(json{{"id", f.id}, {"name", f.name}, {"short_name", f.short_name}});
  out["units"] = json::array();
  for (const Collaboration& c : model.collaborations)
    out["units"].push_back(json{{"id", c.id}, {"name", c.name}, {"short_name", c.short_name}});
  out["scenarios"] = json::array();
  for (const auto& s : load_->scenarios)
    out["scenarios"].push_back(json{{"id", s.id}, {"title", s.title}, {"baseline", s.baseline}});
  out["formulae"] = json::array();
  for (const auto& f : load_->formulae().scripts()) {
    json params = json::array();
    for (const auto& p : f->definition.params)
      params.push_back(json{{"name", p.name}, {"type", p.type}, {"required", p.required}, {"doc", p.doc}});
    out["formulae"].push_back(json{{"id", f->definition.id}, {"title", f->definition.title},
                                   {"description", f->definition.description}, {"params", params}});
  }
  out["rules"] = json::array();
  for (const auto& r : load_->rules->rules())
    out["rules"].push_back(json{{"id", r->definition.id}, {"title", r->definition.title}});
  out["reports"] = json::array();
  for (const auto* r : load_->reports->library->reports())
    out["reports"].push_back(json{{"id", r->definition.id}, {"title", r->definition.title}, {"plugin", r->plugin}});
  return json_reply(200, out);
}

Reply ServeSession::compute(std::string_view body) {
  std::lock_guard lock(compute_mutex_);
  return locked_compute(body);
}

Reply ServeSession::locked_compute(std::string_view body) {
  const auto started = std::chrono::steady_clock::now();
  auto request = serve::parse_explorer_request(body, false);
  if (!request) return error_reply(400, request.error());
  if (!load_) return error_reply(503, "the data and scripts have not loaded yet: /api/status says why");
  auto year = request_year(request.value().year, load_->model());
  if (!year) return error_reply(400, year.error());
  const std::string id = explorer_id(load_->scenarios);
  const std::string text = serve::scenario_text(request.value(), id);
  Diagnostics diagnostics;
  auto scenarios = scenarios_for(*load_, request.value(), id, "explorer", text, diagnostics);
  auto builder = scenarios ? checked_builder(*load_, std::move(*scenarios), diagnostics) : nullptr;
  if (!builder) return step_error_reply(400, "the changes were refused", diagnostics, "explorer", text);
  scenario::Comparison comparison;
  const scenario::Applied applied = scenario::compute_comparison(*builder, load_->formulae(), {year.value()},
                                                                  request.value().baseline, {id}, diagnostics, comparison);
  if (applied == scenario::Applied::Refused)
    return step_error_reply(400, "a step was refused", diagnostics, "explorer", text);
  if (applied == scenario::Applied::Failed || diagnostics.errors() > 0)
    return step_error_reply(422, "the comparison could not be computed", diagnostics, "explorer", text);
  Diagnostics broken;
  const scenario::Applied breakages = scenario::scenario_breakages(comparison, broken);
  if (breakages != scenario::Applied::Ok)
    return step_error_reply(breakages == scenario::Applied::Refused ? 400 : 422,
                            "the changes leave a budget line that cannot be split", broken, "explorer", text);
  report::Document doc = scenario::whatif_document(comparison, load_->model());
  if (auto problems = report::complete_document(doc); !problems.empty())
    return error_reply(500, "internal: " + problems.front());
  const ledger::Ledger& reference = comparison.reference.ledgers.at(year.value().start_year());
  const ledger::Ledger& changed = comparison.scenarios.front().ledgers.at(year.value().start_year());
  json out;
  out["year"] = year.value().str();
  out["year_key"] = fmt::format("{}-{:02}", year.value().start_year(), (year.value().start_year() + 1) % 100);
  out["baseline"] = request.value().baseline;
  out["document"] = json::parse(render_text(doc, "json"));
  out["scenario"] = text;
  out["lines"] = json{{"reference", lines_json(reference)}, {"changed", lines_json(changed)}};
  out["grants"] = json{{"reference", force_grants_json(*comparison.reference.model, year.value())},
                       {"changed", force_grants_json(*comparison.scenarios.front().model, year.value())}};
  out["warnings"] = diagnostics_json(diagnostics, Severity::Warning);
  {
    std::lock_guard status_lock(status_mutex_);
    out["version"] = status_["version"];
  }
  out["server_ms"] =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return json_reply(200, out);
}

Reply ServeSession::save(std::string_view body) {
  auto request = serve::parse_explorer_request(body, true);
  if (!request) return error_reply(400, request.error());
  std::lock_guard lock(compute_mutex_);
  if (!load_) return error_reply(503, "the data and scripts have not loaded yet: /api/status says why");
  const serve::ExplorerRequest& r = request.value();
  auto year = request_year(r.year, load_->model());
  if (!year) return error_reply(400, year.error());
  const std::string display = fmt::format("data/scenarios/{}.json", r.id);
  const std::string text = serve::scenario_text(r, r.id);
  Diagnostics diagnostics;
  auto scenarios = scenarios_for(*load_, r, r.id, display, text, diagnostics);
  if (!scenarios || !checked_builder(*load_, std::move(*scenarios), diagnostics))
    return step_error_reply(400, "the scenario would not load; nothing written", diagnostics, display, text);
  namespace fs = std::filesystem;
  const fs::path folder = global_.root / "data" / "scenarios";
  const fs::path file = folder / (r.id + ".json");
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return error_reply(500, fmt::format("cannot create data/scenarios: {}", ec.message()));
  const bool exists = fs::exists(fs::symlink_status(file, ec));
  if (exists && !r.overwrite)
    return json_reply(409, json{{"error", fmt::format("{} exists; send \"overwrite\": true to replace it", display)},
                                {"exists", true}, {"file", display}});
  if (exists) {
    if (auto error = write_file_atomically(file, text)) return error_reply(500, *error);
  } else {
    // Written whole beside it, then linked into place: link() fails if the file appeared meanwhile,
    // so an existing scenario is never replaced without "overwrite".
    const fs::path staging = folder / fmt::format(".{}.json.saving-{}", r.id, serve::make_token().substr(0, 12));
    if (auto error = write_file_atomically(staging, text)) return error_reply(500, *error);
    const int linked = ::link(staging.c_str(), file.c_str());
    const int link_errno = errno;
    fs::remove(staging, ec);
    if (linked != 0 && link_errno == EEXIST)
      return json_reply(409, json{{"error", fmt::format("{} exists; send \"overwrite\": true to replace it", display)},
                                  {"exists", true}, {"file", display}});
    if (linked != 0) return error_reply(500, fmt::format("cannot write {}: {}", display, std::strerror(link_errno)));
  }
  return json_reply(201, json{{"file", display}, {"id", r.id}, {"overwritten", exists}, {"text", text}});
}

Reply ServeSession::report_html(const std::string& id, const std::string& year) {
  if (!serve::valid_id(id))
    return error_reply(400, "not a report id: an id is a-z, 0-9, '-' and '_' ('collab reports' lists them)");
  std::lock_guard lock(compute_mutex_);
  if (!load_) return error_reply(503, "the data and scripts have not loaded yet: /api/status says why");
  const reporting::ReportScript* report = load_->reports->library->find(id);
  if (report == nullptr) return error_reply(404, fmt::format("no report '{}'", id));
  reporting::BuildRequest request;
  if (!year.empty()) {
    auto y = FinancialYear::parse(year);
    if (!y) return error_reply(400, fmt::format("'year': {}", y.error()));
    request.year = y.value();
  }
  Diagnostics diagnostics;
  auto doc = load_->reports->library->build(*report, request, diagnostics);
  if (!doc) return error_reply(422, fmt::format("report '{}' failed", id), diagnostics);
  return Reply{200, render_text(*doc, "html"), "text/html; charset=utf-8"};
}

}  // namespace collab::cli
