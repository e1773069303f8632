// collab summary: what the data set holds, at a glance.

#include <fmt/format.h>

#include <map>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "load/loader.h"

namespace collab::cli {
namespace {

void print_summary(const Model& m, const Diagnostics& d) {
  fmt::print("{} ({}): {} forces, {} collaborations, {} source documents\n", m.region.name, m.region.id,
             m.forces.size(), m.collaborations.size(), m.documents.size());
  std::map<std::string, int> by_status;
  int national = 0;
  for (const auto& c : m.collaborations) {
    ++by_status[status_name(c.status.kind)];
    if (c.section22 == Section22::National) ++national;
  }
  std::string statuses;
  for (const auto& [status, n] : by_status) statuses += fmt::format("{}{} {}", statuses.empty() ? "" : ", ", n, status);
  fmt::print("  collaborations: {}; {} national section 22 agreements\n", statuses, national);
  auto years = m.years();
  if (!years.empty()) fmt::print("  years: {} to {} ({} in all)\n", years.front().str(), years.back().str(), years.size());
  for (const auto& f : m.forces) {
    std::string grants;
    for (const auto& t : m.central_grants)
      if (t.amounts.count(f.id)) grants += fmt::format("  grant {} {}", t.year.str(), format_pounds(t.amounts.at(f.id)));
    fmt::print("  {:<26} {:<10}{}\n", f.name, f.short_name, grants);
  }
  for (const auto& b : m.budgets) {
    Money cash, in_kind;
    for (const auto& line : b.lines) {
      cash += line.cash.value_or(Money{});
      in_kind += line.in_kind.value_or(Money{});
    }
    fmt::print("  budgets {}: {} units, cash {}, in kind {}\n", b.year.str(), b.lines.size(), format_pounds(cash),
               format_pounds(in_kind));
  }
  if (m.workforce)
    fmt::print("  workforce at {}: {} rows\n", m.workforce->as_at.str(), m.workforce->rows.size());
  fmt::print("  checks: {} errors, {} warnings (published totals that do not add up), {} notes (sources that disagree, "
             "slips in the record)\n",
             d.errors(), d.warnings(), d.count(Severity::Note));
}

class SummaryCommand final : public Command {
 public:
  const char* name() const override { return "summary"; }
  const char* summary() const override { return "summarise the data set: forces, units, years, warnings"; }
  void configure(CLI::App&) override {}
  int run(const GlobalOptions& global) override {
    auto outcome = load::load_data_set(global.root);
    if (!outcome.model) {
      print_diagnostics(outcome.diagnostics, Severity::Error);
      fmt::print("collab summary: the data set has errors; run 'collab check' for the full list\n");
      return kBadInput;
    }
    print_summary(*outcome.model, outcome.diagnostics);
    return kOk;
  }
};

}  // namespace

std::unique_ptr<Command> make_summary_command() { return std::make_unique<SummaryCommand>(); }

}  // namespace collab::cli
