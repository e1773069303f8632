#include "model/year_holdings.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace collab {
namespace {

std::string stated_text(const StatedBudget& b) {
  return fmt::format("{}{}: {}{} ({}, {}){}", b.unit ? *b.unit : "region-wide", b.unit ? "" : " (not split by unit)",
                     b.bound.empty() ? "" : b.bound + " ", format_pounds(b.amount), b.what, b.source.document,
                     b.saving ? fmt::format("; saving {}", format_pounds(*b.saving)) : "");
}

}  // namespace

bool YearHoldings::has_unit_budgets() const {
  return std::any_of(items.begin(), items.end(), [](const YearHolding& h) { return h.kind == "budgets"; });
}

std::vector<YearHoldings> holdings_by_year(const Model& m) {
  std::map<FinancialYear, std::vector<YearHolding>> by_year;
  for (const auto& b : m.budgets) {
    Money cash, in_kind;
    for (const auto& line : b.lines) {
      cash += line.cash.value_or(Money{});
      in_kind += line.in_kind.value_or(Money{});
    }
    by_year[b.year].push_back({"budgets", fmt::format("{} unit budgets (cash {}, in kind {}), split by formula ({})",
                                                      b.lines.size(), format_pounds(cash), format_pounds(in_kind),
                                                      b.source.document)});
  }
  for (const auto& t : m.published_contributions)
    by_year[t.year].push_back({"contributions", fmt::format("the published contributions table, {} rows ({})",
                                                            t.rows.size(), t.source.document)});
  for (const auto& t : m.central_grants)
    by_year[t.year].push_back({"grants", fmt::format("central grants of {} forces ({})", t.amounts.size(), t.source.document)});
  for (const auto& t : m.published_formula)
    by_year[t.year].push_back({"formula-shares", fmt::format("published formula shares '{}' ({})", t.label, t.source.document)});
  if (m.savings_by_year)
    for (const auto& r : m.savings_by_year->rows)
      by_year[r.year].push_back({"savings", fmt::format("savings target {}, actual {} ({})", format_pounds(r.target),
                                                        format_pounds(r.actual), m.savings_by_year->source.document)});
  for (const auto& b : m.stated_budgets)
    if (b.year) by_year[*b.year].push_back({"stated-budget", stated_text(b)});
  if (const auto& f = m.increased_funding)
    for (size_t i = 0; i < f->years.size(); ++i) {
      Money sum;
      int figures = 0;
      for (const auto& row : f->rows)
        if (i < row.cells.size() && row.cells[i].amount) {
          sum += *row.cells[i].amount;
          ++figures;
        }
      if (figures > 0)
        by_year[f->years[i]].push_back({"funding", fmt::format("increased funding or saving: {} figures, {} ({})", figures,
                                                               format_pounds(sum), f->source.document)});
    }
  if (m.forecast)
    for (FinancialYear y : m.forecast->years)
      by_year[y].push_back({"forecast", fmt::format("the regional financial forecast ({})", m.forecast->source.document)});
  for (const auto& r : m.innovation_fund) {
    Money sum;
    for (const auto& b : r.bids) sum += b.value;
    by_year[r.year].push_back({"innovation-fund", fmt::format("innovation fund: {} bids, {} ({})", r.bids.size(),
                                                              format_pounds(sum), r.source.document)});
  }
  if (m.programme && m.programme->team_year && m.programme->team_cost_per_year)
    by_year[*m.programme->team_year].push_back(
        {"programme-team", fmt::format("the collaboration team's cost {}, funded in proportion to grant ({})",
                                       format_pounds(*m.programme->team_cost_per_year), m.programme->source.document)});
  std::vector<YearHoldings> out;
  for (auto& [year, items] : by_year) out.push_back({year, std::move(items)});
  return out;
}

std::vector<YearHolding> undated_holdings(const Model& m) {
  std::vector<YearHolding> out;
  for (const auto& b : m.stated_budgets)
    if (!b.year) out.push_back({"stated-budget", stated_text(b)});
  return out;
}

std::vector<SavingsLink> savings_links(const Model& m) {
  std::vector<SavingsLink> out;
  if (!m.business_cases || !m.savings_against_baseline) return out;
  for (const auto& bc : m.business_cases->rows) {
    SavingsLink link{&bc, {}};
    for (const auto& row : m.savings_against_baseline->rows)
      if (row.unit && std::find(bc.units.begin(), bc.units.end(), *row.unit) != bc.units.end()) link.baseline.push_back(&row);
    out.push_back(std::move(link));
  }
  return out;
}

}  // namespace collab
