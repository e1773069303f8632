#include "ledger/ledger.h"

#include <fmt/format.h>

#include <algorithm>

namespace collab::ledger {

namespace {

struct Line {
  const BudgetTable* table;
  const BudgetLine* line;
  ContributionKind kind;
  Money amount;
};

// Splits one budget line; returns nullopt (after a diagnostic) when it cannot.
std::optional<LedgerRow> split(formula::WeightsSource& formulae, const Line& line, FinancialYear year, Money rounding_unit,
                               Diagnostics& diagnostics) {
  const Model& model = formulae.model();
  const Collaboration& unit = *model.collaboration(line.line->unit);  // the loader checked the id
  const std::string kind = line.kind == ContributionKind::Cash ? "cash" : "in kind";
  const ParticipationPeriod* period = unit.participants_in(year);
  if (period == nullptr) {
    diagnostics.error(line.line->where, fmt::format("'{}' has a {} budget {} but no participants in {}", unit.id, kind, year.str(), year.str()),
                      "add a participants period starting in or before that year to data/collaborations.json");
    return std::nullopt;
  }
  if (!period->known()) {
    diagnostics.error(period->where,
                      fmt::format("cannot split the {} budget of '{}' in {}: the register gives only how many forces "
                                  "take part ({}), not which",
                                  kind, unit.id, year.str(), period->count.value_or(0)),
                      "list the forces in this participants period");
    return std::nullopt;
  }
  const FormulaChoice* named = unit.formula_in(year);
  const FormulaChoice& choice = named ? *named : model.region.default_formula;
  auto weights = formulae.evaluate(choice, year, diagnostics);
  if (!weights) return std::nullopt;

  LedgerRow row;
  row.unit = unit.id;
  row.label = line.line->label.empty() ? unit.name : line.line->label;
  row.kind = line.kind;
  row.budget = line.amount;
  row.budget_where = line.line->where;
  row.budget_source = line.table->source;
  row.choice = choice;
  row.region_default = named == nullptr;
  row.weights = weights;
  row.participants = period;

  std::vector<Weighted> participating;
  for (const Force& force : model.forces) {
    const auto& ids = *period->forces;
    if (std::find(ids.begin(), ids.end(), force.id) == ids.end()) continue;
    const double* w = weights->weight_of(force.id);
    if (w == nullptr) {
      diagnostics.error(choice.where,
                        fmt::format("formula '{}' gives no weight to {}, which takes part in '{}' in {}", choice.id,
                                    force.name, unit.id, year.str()),
                        fmt::format("{} must return a weight for every participant", weights->formula->chunk));
      return std::nullopt;
    }
    auto exact = exact_weight(*w);
    if (!exact) {
      diagnostics.error({weights->formula->chunk},
                        fmt::format("the weight of {} for '{}' in {}: {}", force.id, unit.id, year.str(), exact.error()));
      return std::nullopt;
    }
    participating.push_back({force.id, exact.value()});
  }
  auto shares = renormalise(participating, weights->formula->definition.round_shares);
  if (!shares) {
    diagnostics.error(line.line->where, fmt::format("cannot split '{}' {}: {}", unit.id, year.str(), shares.error()));
    return std::nullopt;
  }
  std::vector<Weighted> by_share;
  for (const Share& s : shares.value()) by_share.push_back({s.party, s.apportioned_by});
  auto parts = apportion(line.amount, by_share, rounding_unit);
  if (!parts) {
    diagnostics.error(line.line->where, fmt::format("cannot split '{}' {}: {}", unit.id, year.str(), parts.error()));
    return std::nullopt;
  }
  for (size_t i = 0; i < parts.value().size(); ++i)
    row.contributions.push_back({shares.value()[i].party, shares.value()[i], parts.value()[i]});
  return row;
}

}  // namespace

const Contribution* LedgerRow::find(const ForceId& force) const {
  for (const auto& c : contributions)
    if (c.force == force) return &c;
  return nullptr;
}

Money LedgerRow::total() const {
  Money sum;
  for (const auto& c : contributions) sum = sum + c.part.amount;
  return sum;
}

const LedgerRow* Ledger::find(const UnitId& unit, ContributionKind kind) const {
  for (const auto& row : rows)
    if (row.unit == unit && row.kind == kind) return &row;
  return nullptr;
}

Money Ledger::total(ContributionKind kind) const {
  Money sum;
  for (const auto& row : rows)
    if (row.kind == kind) sum = sum + row.total();
  return sum;
}

bool has_budgets(const Model& model, FinancialYear year) {
  return std::any_of(model.budgets.begin(), model.budgets.end(), [&](const BudgetTable& t) { return t.year == year; });
}

std::optional<FinancialYear> latest_budget_year(const Model& model) {
  std::optional<FinancialYear> latest;
  for (const auto& t : model.budgets)
    if (!latest || t.year > *latest) latest = t.year;
  return latest;
}

Ledger compute_ledger(formula::WeightsSource& formulae, FinancialYear year, Money rounding_unit, Diagnostics& diagnostics) {
  const Model& model = formulae.model();
  Ledger ledger;
  ledger.model = formulae.shared_model();
  ledger.year = year;
  ledger.rounding_unit = rounding_unit;
  for (const Force& f : model.forces) ledger.totals.push_back({f.id, {}, {}});
  if (!has_budgets(model, year)) {
    std::string years;
    for (const auto& t : model.budgets) years += (years.empty() ? "" : ", ") + t.year.str();
    diagnostics.error({"data/budgets.json"}, fmt::format("no budgets for {}", year.str()),
                      years.empty() ? "data/budgets.json has no budgets" : "budgets are given for " + years);
    return ledger;
  }
  for (const BudgetTable& table : model.budgets) {
    if (table.year != year) continue;
    for (const BudgetLine& line : table.lines) {
      std::vector<Line> lines;
      if (line.cash) lines.push_back({&table, &line, ContributionKind::Cash, *line.cash});
      if (line.in_kind) lines.push_back({&table, &line, ContributionKind::InKind, *line.in_kind});
      for (const Line& l : lines)
        if (auto row = split(formulae, l, year, rounding_unit, diagnostics)) ledger.rows.push_back(std::move(*row));
    }
  }
  for (const LedgerRow& row : ledger.rows)
    for (const Contribution& c : row.contributions)
      for (ForceTotal& t : ledger.totals) {
        if (t.force != c.force) continue;
        Money& slot = row.kind == ContributionKind::Cash ? t.cash : t.in_kind;
        slot = slot + c.part.amount;
      }
  return ledger;
}

}  // namespace collab::ledger
