#include "cli/report_workspace.h"

#include <fmt/format.h>

#include <sstream>

#include "cli/diagnostics_output.h"
#include "cli/explain_text.h"
#include "cli/reconcile_text.h"
#include "cli/script_output.h"
#include "ledger/explain.h"

namespace collab::cli {

namespace {

// The explanation text as a report shows it: the headline as the title, then one line per step,
// "label: value" (the terminal's aligned columns collapsed; a continuation line keeps its value).
report::Explanation as_lines(const std::string& text) {
  report::Explanation e;
  std::istringstream in(text);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {
      first = false;
      e.title = line;
      continue;
    }
    const auto start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    std::string step;
    bool spaces = false;
    for (char c : line.substr(start)) {  // runs of alignment spaces become one
      if (c == ' ') {
        spaces = true;
        continue;
      }
      if (spaces && !step.empty()) step += ' ';
      spaces = false;
      step += c;
    }
    // A labelled step starts in the label column; a deeper indent continues the step above.
    const auto label_end = line.find("  ", start);
    if (start <= 5 && label_end != std::string::npos)
      step = line.substr(start, label_end - start) + ": " + step.substr(label_end - start + 1);
    e.lines.push_back(step);
  }
  return e;
}

}  // namespace

const ledger::Ledger* ledger_for(ReportWorkspace& rw, FinancialYear year, Diagnostics& diagnostics) {
  auto& slot = rw.ledgers[year.start_year()];
  if (!slot) {
    if (!ledger::has_budgets(*rw.workspace.model, year)) {
      diagnostics.error({"data/budgets.json"}, fmt::format("no budgets for {}", year.str()),
                        ledger::missing_budgets_hint(*rw.workspace.model, year));
      rw.ledgers.erase(year.start_year());
      return nullptr;
    }
    Diagnostics problems;
    slot = std::make_unique<ledger::Ledger>(
        ledger::compute_ledger(*rw.workspace.formulae, rw.workspace.model, year, rw.rounding_unit, problems));
    diagnostics.append(problems);
    rw.ledger_problems.append(problems);
  }
  return slot.get();
}

namespace {

// The year's reconciliation, computed once (it tests every candidate process), or null.
const ledger::Reconciliation* reconciliation_for(ReportWorkspace& rw, const ledger::Ledger& ledger) {
  const PublishedContributions* published = ledger::published_for(*rw.workspace.model, ledger.year);
  if (published == nullptr) return nullptr;
  auto it = rw.reconciliations.find(ledger.year.start_year());
  if (it == rw.reconciliations.end())
    it = rw.reconciliations.emplace(ledger.year.start_year(), ledger::reconcile(ledger, *published)).first;
  return &it->second;
}

Result<report::Explanation> explain(ReportWorkspace& rw, const api::ExplainRequest& request) {
  const Model& model = *rw.workspace.model;
  Diagnostics problems;
  const ledger::Ledger* ledger = ledger_for(rw, *request.year, problems);
  if (ledger == nullptr) return fail(fmt::format("no ledger for {}", request.year->str()));
  if (model.force(request.force) == nullptr) return fail(fmt::format("unknown force '{}'", request.force));
  if (request.kind == api::ExplainRequest::Kind::Total) {
    const auto of = request.of == "cash" ? ledger::RowKind::Cash : request.of == "in_kind" ? ledger::RowKind::InKind
                                                                                           : ledger::RowKind::All;
    return as_lines(total_explanation_text(model, ledger::explain_total(*ledger, of, request.force,
                                                                         reconciliation_for(rw, *ledger))));
  }
  const auto kind = request.of == "in_kind" ? ContributionKind::InKind : ContributionKind::Cash;
  const ledger::LedgerRow* row = ledger->find(request.unit, kind);
  if (row == nullptr) return fail(fmt::format("no {} row of '{}' in {}", ledger::kind_text(kind), request.unit, request.year->str()));
  if (row->failed()) return fail(fmt::format("the row of '{}' could not be computed", request.unit));
  return as_lines(explanation_text(model, ledger::explain(*ledger, *row, request.force, reconciliation_for(rw, *ledger))));
}

// The reconciliation of `year` in the words of `collab reconcile`: process_text's lines, then
// every published figure (cells and the TOTAL column) with its cause.
Result<reporting::ReconcileView> reconcile_view(ReportWorkspace& rw, FinancialYear year) {
  const Model& model = *rw.workspace.model;
  const PublishedContributions* published = ledger::published_for(model, year);
  if (published == nullptr) return fail(fmt::format("the data has no published contributions table for {}", year.str()));
  Diagnostics problems;
  const ledger::Ledger* ledger = ledger_for(rw, year, problems);
  if (ledger == nullptr) return fail(fmt::format("no ledger for {}", year.str()));
  const ledger::Reconciliation& r = *reconciliation_for(rw, *ledger);
  reporting::ReconcileView view;
  view.source = fmt::format("{}, {}", r.source.document, r.source.table);
  auto force_name = [&](const std::string& id) {
    const Force* force = model.force(id);
    return force ? force->short_name : id;
  };
  std::istringstream lines(r.process ? process_text(*r.process, force_name) : "How the table was made: not tested: " + r.process_error);
  bool in_table = false;  // the budgets' text table: the report lays them out from the data below
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Candidates tested", 0) == 0) break;
    if (line.rfind("Budget ", 0) == 0) in_table = true;
    if (line.rfind("Each range", 0) == 0 || line.rfind("Published numbers", 0) == 0) in_table = false;
    if (!line.empty() && !in_table) view.process.push_back(line);
  }
  auto ranges = [](const std::vector<ledger::PenceRange>& rs) {
    std::string out;
    for (const auto& range : rs)
      out += fmt::format("{}{} to {}", out.empty() ? "" : "; ", format_money(range.lowest), format_money(range.highest));
    return out.empty() ? std::string("none") : out;
  };
  if (r.process && r.process->best_fit().process.budgets == ledger::Budgets::Pence)
    for (const auto& b : r.process->best_fit().budget_fits)
      if (b.needs_pence) view.budgets.push_back({b.row, b.data_budget, ranges(b.feasible), ranges(b.with_others_whole)});
  for (const auto& row : r.rows) {
    auto add = [&](const ledger::CellCheck& cell) {
      view.figures.push_back({row.label, cell.force.empty() ? "total" : cell.force, row.total_row, cell.computed,
                              cell.published, cell.matches() && !cell.cause ? "" : cause_text(cell)});
    };
    for (const auto& cell : row.cells) add(cell);
    if (row.total) add(*row.total);
    if (std::string note = row_note_text(row, r.year); !note.empty()) view.row_notes.push_back(row.label + ": " + note);
  }
  return view;
}

}  // namespace

size_t failed_rows(const ReportWorkspace& rw) {
  size_t failed = 0;
  for (const auto& [start, ledger] : rw.ledgers) failed += static_cast<size_t>(ledger->failed());
  return failed;
}

bool print_ledger_failures(const ReportWorkspace& rw, const char* command) {
  print_diagnostics(rw.ledger_problems, Severity::Error, stderr);
  bool any = false;
  for (const auto& [start, ledger] : rw.ledgers) {
    if (ledger->failed() == 0) continue;
    any = true;
    fmt::print(stderr, "collab {}: {} of {} rows could not be computed in {}\n", command, ledger->failed(),
               ledger->rows.size(), ledger->year.str());
  }
  return any;
}

std::unique_ptr<ReportWorkspace> make_report_workspace(Workspace workspace, const GlobalOptions& global,
                                                       Diagnostics& diagnostics) {
  auto rw = std::make_unique<ReportWorkspace>(ReportWorkspace{std::move(workspace), Money::from_pence(100), {}, {}, {}, nullptr});
  ReportWorkspace* self = rw.get();
  reporting::Services services;
  services.ledger = [self](FinancialYear year, Diagnostics& d) { return ledger_for(*self, year, d); };
  services.explain = [self](const api::ExplainRequest& r) { return explain(*self, r); };
  services.reconcile = [self](FinancialYear year) { return reconcile_view(*self, year); };
  rw->library = reporting::ReportLibrary::load(global.root, rw->workspace.model, std::move(services), diagnostics,
                                               global.limits(diagnostics), script_output_observer(global.show_limits),
                                               rw->workspace.plugins);
  return rw;
}

std::unique_ptr<ReportWorkspace> open_report_workspace(const GlobalOptions& global, const char* command,
                                                       bool print_plugin_warnings) {
  auto workspace = open_workspace(global, command);
  if (!workspace) return nullptr;
  Diagnostics diagnostics;
  auto rw = make_report_workspace(std::move(*workspace), global, diagnostics);
  print_diagnostics(diagnostics, print_plugin_warnings ? Severity::Warning : Severity::Error, stderr);
  if (diagnostics.errors() > 0) {
    fmt::print(stderr, "collab {}: the report scripts under {} have errors; 'collab check' lists them all\n", command,
               global.root.string());
    return nullptr;
  }
  return rw;
}

}  // namespace collab::cli
