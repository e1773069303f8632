#include "cli/report_workspace.h"

#include <fmt/format.h>

#include <sstream>

#include "cli/diagnostics_output.h"
#include "cli/explain_text.h"
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

const ledger::Ledger* ledger_for(ReportWorkspace& rw, FinancialYear year, Diagnostics& diagnostics) {
  auto& slot = rw.ledgers[year.start_year()];
  if (!slot) {
    if (!ledger::has_budgets(*rw.workspace.model, year)) {
      diagnostics.error({"data/budgets.json"}, fmt::format("no budgets for {}", year.str()));
      rw.ledgers.erase(year.start_year());
      return nullptr;
    }
    Diagnostics problems;
    slot = std::make_unique<ledger::Ledger>(ledger::compute_ledger(*rw.workspace.formulae, rw.workspace.model, year,
                                                                   Money::from_pence(100), problems));
    diagnostics.append(problems);
  }
  return slot.get();
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
    return as_lines(total_explanation_text(model, ledger::explain_total(*ledger, of, request.force)));
  }
  const auto kind = request.of == "in_kind" ? ContributionKind::InKind : ContributionKind::Cash;
  const ledger::LedgerRow* row = ledger->find(request.unit, kind);
  if (row == nullptr) return fail(fmt::format("no {} row of '{}' in {}", ledger::kind_text(kind), request.unit, request.year->str()));
  if (row->failed()) return fail(fmt::format("the row of '{}' could not be computed", request.unit));
  return as_lines(explanation_text(model, ledger::explain(*ledger, *row, request.force)));
}

}  // namespace

std::unique_ptr<ReportWorkspace> make_report_workspace(Workspace workspace, const GlobalOptions& global,
                                                       Diagnostics& diagnostics) {
  auto rw = std::make_unique<ReportWorkspace>(ReportWorkspace{std::move(workspace), {}, nullptr});
  ReportWorkspace* self = rw.get();
  reporting::Services services;
  services.ledger = [self](FinancialYear year, Diagnostics& d) { return ledger_for(*self, year, d); };
  services.explain = [self](const api::ExplainRequest& r) { return explain(*self, r); };
  rw->library = reporting::ReportLibrary::load(global.root, rw->workspace.model, std::move(services), diagnostics,
                                               global.limits(diagnostics), script_output_observer(global.show_limits));
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
