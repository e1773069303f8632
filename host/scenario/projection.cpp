// Flat projection of budgets and grants, so a medium-term view has figures to change.

#include "scenario/projection.h"

#include <fmt/format.h>

#include <algorithm>

namespace collab::scenario {

bool Projection::projected(FinancialYear year) const {
  return std::find(budget_years.begin(), budget_years.end(), year) != budget_years.end();
}

namespace {

template <class Table>
std::optional<FinancialYear> last_year(const std::vector<Table>& tables) {
  std::optional<FinancialYear> last;
  for (const Table& t : tables)
    if (!last || t.year > *last) last = t.year;
  return last;
}

void project_budgets(Model& model, FinancialYear last, FinancialYear through, Projection& out) {
  std::vector<BudgetTable> from;
  for (const BudgetTable& t : model.budgets)
    if (t.year == last) from.push_back(t);
  for (FinancialYear y = last.next(); y <= through; y = y.next()) {
    for (BudgetTable t : from) {
      t.year = y;
      t.source.note = fmt::format("projected flat from {} ({})", last.str(), t.source.table);
      model.budgets.push_back(std::move(t));
    }
    out.budget_years.push_back(y);
  }
}

void project_grants(Model& model, FinancialYear last, FinancialYear through, Projection& out) {
  const auto base = std::find_if(model.central_grants.begin(), model.central_grants.end(),
                                 [&](const GrantTable& t) { return t.year == last; });
  const GrantTable copy = *base;
  for (FinancialYear y = last.next(); y <= through; y = y.next()) {
    GrantTable t = copy;
    t.year = y;
    t.published_total.reset();
    t.source.note = fmt::format("projected flat from {} ({})", last.str(), copy.source.table);
    model.central_grants.push_back(std::move(t));
    out.grant_years.push_back(y);
  }
}

}  // namespace

Projection project(Model& model, FinancialYear through) {
  Projection out;
  out.last_budgeted = last_year(model.budgets);
  out.last_granted = last_year(model.central_grants);
  if (out.last_budgeted) project_budgets(model, *out.last_budgeted, through, out);
  if (out.last_granted) project_grants(model, *out.last_granted, through, out);
  return out;
}

}  // namespace collab::scenario
