// collab summary: what the data set holds, at a glance.

#include <fmt/format.h>

#include <fmt/ranges.h>

#include <map>
#include <vector>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "load/loader.h"
#include "model/year_holdings.h"

namespace collab::cli {
namespace {

std::string signed_percent(Percent p) { return (p > Percent{} ? "+" : "") + format_percent(p, 0); }

std::string share_text(const HeadlineSaving& h) {
  return fmt::format("{}{} of the savings requirement", h.share_above ? "more than " : "",
                     format_percent(*h.share_of_requirement, 0));
}

// The savings the texts give for the region, some of its forces, or England and Wales.
void print_headline_savings(const Model& m) {
  for (const auto& h : m.headline_savings) {
    if (!h.amount && !h.per_year && !h.share_of_requirement) continue;
    std::string who = h.scope == "forces" ? fmt::format("{}", fmt::join(h.forces, ", "))
                      : h.scope == "england-and-wales" ? "England and Wales" : "region";
    std::vector<std::string> parts;
    if (h.per_year) parts.push_back(fmt::format("{} a year", format_pounds(*h.per_year)));
    if (h.amount)
      parts.push_back(fmt::format("{}{}{}", format_pounds(*h.amount), h.from_year ? fmt::format(" since {}", *h.from_year) : "",
                                  h.to_year ? fmt::format(" to {}", *h.to_year) : ""));
    if (h.share_of_requirement) parts.push_back(share_text(h));
    fmt::print("    {:<28} {:<22} {} ({}, {})\n", h.id, who, fmt::join(parts, "; "), h.source.document, h.source.table);
  }
}

void print_cost_comparisons(const CostComparisons& c) {
  fmt::print("  costs against the national average, {} ({}, '{}'):\n    measure: {}\n    average: {}\n", c.year.str(),
             c.source.document, c.source.table, c.measure, c.average);
  for (const auto& row : c.rows)
    fmt::print("    {:<34} {:>5}{}\n", row.function, signed_percent(row.difference),
               row.units.empty() ? "" : fmt::format("  ({})", fmt::join(row.units, ", ")));
  fmt::print("    net revenue expenditure: {}; population: {}\n",
             c.net_revenue_expenditure ? format_pounds(*c.net_revenue_expenditure) : "not given",
             c.population ? fmt::format("{}", *c.population) : "not given");
}

void print_years(const Model& m) {
  fmt::print("  what the data holds, by year (contributions can be worked out only where there are unit budgets):\n");
  for (const auto& y : holdings_by_year(m)) {
    fmt::print("    {}{}\n", y.year.str(), y.has_unit_budgets() ? "" : " (no unit budgets)");
    for (const auto& item : y.items) fmt::print("      {:<16} {}\n", item.kind, item.what);
  }
  auto undated = undated_holdings(m);
  if (!undated.empty()) fmt::print("    no year stated\n");
  for (const auto& item : undated) fmt::print("      {:<16} {}\n", item.kind, item.what);
}

void print_governance(const Governance& g) {
  for (const auto& p : g.portfolios) {
    fmt::print("  {} ({}{}, {}):\n", p.role, p.id, p.year ? ", " + p.year->str() : "", p.source.document);
    for (const auto& l : p.leads)
      fmt::print("    {:<34} {}{}\n", l.portfolio, l.lead,
                 l.units.empty() ? "" : fmt::format(" ({}{})", fmt::join(l.units.begin(), l.units.begin() + std::min<ptrdiff_t>(3, std::ssize(l.units)), ", "),
                                                    l.units.size() > 3 ? fmt::format(" and {} more", l.units.size() - 3) : ""));
  }
  if (!g.boards.empty()) fmt::print("  boards:\n");
  for (const auto& b : g.boards)
    fmt::print("    {:<40} meets {} ({})\n", b.name, b.meets.empty() ? "(not stated)" : b.meets, b.source.document);
}

void print_links(const Model& m) {
  auto links = savings_links(m);
  if (!links.empty()) fmt::print("  business cases ({}) against savings against baseline ({}):\n",
                                 m.business_cases->source.document, m.savings_against_baseline->source.document);
  for (const auto& link : links) {
    std::vector<std::string> later;
    for (const BaselineSaving* b : link.baseline) later.push_back(fmt::format("{} {}", b->label, format_pounds(b->annual_saving)));
    fmt::print("    {:<26} case {} -> {}\n", link.business_case->function, format_pounds(link.business_case->saving),
               later.empty() ? "no baseline saving of the same units" : fmt::format("{}", fmt::join(later, ", ")));
  }
  size_t bids = 0, linked_bids = 0, projects = 0, linked_projects = 0;
  for (const auto& r : m.innovation_fund)
    for (const auto& b : r.bids) {
      ++bids;
      if (!b.units.empty()) ++linked_bids;
    }
  if (m.programme)
    for (const auto& p : m.programme->projects) {
      ++projects;
      if (!p.units.empty()) ++linked_projects;
    }
  fmt::print("  linked to units: {} of {} innovation fund bids, {} of {} 2009 programme projects\n", linked_bids, bids,
             linked_projects, projects);
}

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
  fmt::print("  savings the texts state:\n");
  print_headline_savings(m);
  if (m.cost_comparisons) print_cost_comparisons(*m.cost_comparisons);
  print_years(m);
  print_governance(m.governance);
  print_links(m);
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
