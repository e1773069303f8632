#include "ledger/ledger.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "calc/change_limit.h"
#include "model/year_holdings.h"

namespace collab::ledger {

namespace {

struct Line {
  const BudgetTable* table;
  const BudgetLine* line;
  ContributionKind kind;
  Money amount;
};

LedgerRow start_row(const Model& model, const Line& line) {
  const Collaboration& unit = *model.collaboration(line.line->unit);  // the loader checked the id
  LedgerRow row;
  row.unit = unit.id;
  row.label = line.line->label.empty() ? unit.name : line.line->label;
  row.kind = line.kind;
  row.budget = line.amount;
  row.budget_where = line.line->where;
  row.budget_source = line.table->source;
  return row;
}

// Splits `to_split` of one budget line (its budget less its charges) among the participants by
// the unit's formula. On failure, the row keeps the diagnostics that say why.
void split(formula::WeightsSource& formulae, const std::shared_ptr<const Model>& shared_model, FinancialYear year,
           Money rounding_unit, LedgerRow& row, Money to_split) {
  const Model& model = *shared_model;
  const Collaboration& unit = *model.collaboration(row.unit);
  Diagnostics problems;
  auto fail = [&] { row.problems = problems.items(); };
  const ParticipationPeriod* period = unit.participants_in(year);
  if (period == nullptr) {
    problems.error(row.budget_where,
                   fmt::format("'{}' has a {} budget {} but no participants in {}", unit.id, kind_text(row.kind), year.str(), year.str()),
                   "add a participants period starting in or before that year to data/collaborations.json");
    return fail();
  }
  row.participants = *period;
  if (!period->known()) {
    problems.error(period->where,
                   fmt::format("cannot split the {} budget of '{}' in {}: the register gives only how many forces "
                               "take part ({}), not which",
                               kind_text(row.kind), unit.id, year.str(), period->count.value_or(0)),
                   "list the forces in this participants period");
    return fail();
  }
  const FormulaChoice* named = unit.formula_in(year);
  row.choice = named ? *named : model.region.default_formula;
  row.region_default = named == nullptr;

  std::vector<ForceId> participants;  // in the model's order
  const std::unordered_set<std::string_view> listed(period->forces->begin(), period->forces->end());
  for (const Force& force : model.forces)
    if (listed.count(force.id) > 0) participants.push_back(force.id);
  auto weights = formulae.evaluate(shared_model, row.choice, year, participants, problems);
  if (!weights) return fail();

  std::vector<Weighted> participating;
  for (const ForceId& id : participants) {
    const double* w = weights->weight_of(id);
    if (w == nullptr) {
      problems.error(row.choice.where,
                     fmt::format("formula '{}' gives no weight to {}, which takes part in '{}' in {}", row.choice.id, id,
                                 unit.id, year.str()),
                     fmt::format("{} must return a weight for every participant", weights->formula.chunk));
      return fail();
    }
    auto exact = exact_weight(*w);
    if (!exact) {
      problems.error({weights->formula.chunk},
                     fmt::format("the weight of {} for '{}' in {}: {}", id, unit.id, year.str(), exact.error()));
      return fail();
    }
    participating.push_back({id, exact.value()});
  }
  auto shares = renormalise(participating, weights->formula.round_shares);
  if (!shares) {
    problems.error(row.budget_where, fmt::format("cannot split '{}' {}: {}", unit.id, year.str(), shares.error()),
                   fmt::format("the weights come from {}", weights->formula.chunk));
    return fail();
  }
  std::vector<Weighted> by_share;
  for (const Share& s : shares.value()) by_share.push_back({s.party, s.apportioned_by});
  auto parts = apportion(to_split, by_share, rounding_unit);
  if (!parts) {
    problems.error(row.budget_where, fmt::format("cannot split '{}' {}: {}", unit.id, year.str(), parts.error()),
                   fmt::format("the weights come from {}", weights->formula.chunk));
    return fail();
  }
  for (size_t i = 0; i < parts.value().size(); ++i)
    row.contributions.push_back({shares.value()[i].party, shares.value()[i], parts.value()[i]});
  row.weights = std::move(weights);
}

constexpr int64_t kWhole = 100 * Percent::kUnitsPerPercent;

// What one charge comes to: its amount; or the force's part of it by its share of the line in
// `share_year` (split as a budget of that amount would be) or by a stated share; then the
// instalment this line pays of it. Nothing, after adding why to `problems`.
std::optional<Money> resolve_charge(formula::WeightsSource& formulae, const std::shared_ptr<const Model>& model,
                                    const UnitId& unit, const Charge& charge, Money rounding_unit, Diagnostics& problems) {
  Money total = charge.amount;
  if (charge.share_year) {
    LedgerRow base;
    base.unit = unit;
    base.kind = charge.kind;
    base.budget = charge.amount;
    base.budget_where = charge.where;
    split(formulae, model, *charge.share_year, rounding_unit, base, charge.amount);
    if (base.failed()) {
      for (const Diagnostic& d : base.problems) problems.add(d);
      return std::nullopt;
    }
    const Contribution* mine = base.find(charge.force);
    if (mine == nullptr) {
      problems.error(charge.where, fmt::format("{} of '{}': '{}' took no part in it in {}, so has no share to pay",
                                               charge.label, unit, charge.force, charge.share_year->str()),
                     "state the share, or the year it last took part");
      return std::nullopt;
    }
    total = mine->part.amount;
  } else if (charge.share) {
    total = round_to(mul_div(charge.amount, charge.share->units(), kWhole, Rounding::HalfUp), rounding_unit);
  }
  if (charge.instalments <= 1) return total;
  std::vector<Weighted> equal;
  for (int i = 1; i <= charge.instalments; ++i) equal.push_back({std::to_string(i), {1, 0}});
  auto parts = apportion(total, equal, rounding_unit);
  if (!parts || charge.instalment < 1 || charge.instalment > charge.instalments) {
    problems.error(charge.where, fmt::format("{} of '{}': cannot split {} into {} instalments", charge.label, unit,
                                             format_money(total), charge.instalments));
    return std::nullopt;
  }
  return parts.value()[static_cast<std::size_t>(charge.instalment - 1)].amount;
}

// The line of `unit` in `year` with an amount of `kind`, if any.
const BudgetLine* line_of(const Model& model, const UnitId& unit, FinancialYear year, ContributionKind kind) {
  for (const BudgetTable& t : model.budgets)
    if (t.year == year)
      for (const BudgetLine& line : t.lines)
        if (line.unit == unit && (kind == ContributionKind::Cash ? line.cash : line.in_kind)) return &line;
  return nullptr;
}

LedgerRow make_row(formula::WeightsSource& formulae, const std::shared_ptr<const Model>& shared_model, const Line& line,
                   FinancialYear year, Money rounding_unit);

// Holds each participant's change from last year's (charges apart) within the unit's limit,
// redistributing the difference; a limit no split can hold fails the row.
void apply_limit(formula::WeightsSource& formulae, const std::shared_ptr<const Model>& shared_model, FinancialYear year,
                 Money rounding_unit, LedgerRow& row) {
  const Model& model = *shared_model;
  const ChangeLimit* limit = model.collaboration(row.unit)->limit_in(year);
  if (limit == nullptr || (!limit->rise && !limit->fall)) return;
  const BudgetLine* before = line_of(model, row.unit, year.prev(), row.kind);
  if (before == nullptr) return;  // no year before to compare with
  row.limit = *limit;
  const BudgetTable* before_table = nullptr;
  for (const BudgetTable& t : model.budgets)
    if (t.year == year.prev()) before_table = &t;
  const Money before_amount = row.kind == ContributionKind::Cash ? *before->cash : *before->in_kind;
  const LedgerRow previous =
      make_row(formulae, shared_model, Line{before_table, before, row.kind, before_amount}, year.prev(), rounding_unit);
  auto fail_row = [&](std::string message) {
    Diagnostics problems;
    problems.error(limit->where, fmt::format("the limit on year-on-year change of '{}' in {}: {}", row.unit, year.str(),
                                             message),
                   "loosen the limit, or change the budget");
    row.problems = problems.items();
    row.contributions.clear();
    row.weights = nullptr;
  };
  if (previous.failed()) return fail_row(fmt::format("{}'s row could not be split", year.prev().str()));
  std::vector<UnlimitedPart> parts;
  for (const Contribution& c : row.contributions) {
    if (!c.participant) continue;
    const Contribution* last = previous.find(c.force);
    std::optional<Money> was;
    if (last != nullptr && last->participant) was = last->part.amount + last->limited;
    parts.push_back({c.force, was, c.part.amount, c.share.apportioned_by});
  }
  auto limited = limit_changes(row.budget - row.charged, parts, ChangeBounds{limit->rise, limit->fall}, rounding_unit);
  if (!limited) return fail_row(limited.error());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    row.contributions[i].limited = limited.value()[i].moved;
    row.contributions[i].limit_round = limited.value()[i].round;
  }
}

// One budget line's row: the charges resolved and taken off, the rest split, the charges added to
// their forces, then the change limit held.
LedgerRow make_row(formula::WeightsSource& formulae, const std::shared_ptr<const Model>& shared_model, const Line& line,
                   FinancialYear year, Money rounding_unit) {
  LedgerRow row = start_row(*shared_model, line);
  Diagnostics problems;
  std::vector<std::pair<const Charge*, Money>> charges;
  for (const Charge& charge : line.line->charges) {
    if (charge.kind != line.kind) continue;
    auto amount = resolve_charge(formulae, shared_model, row.unit, charge, rounding_unit, problems);
    if (!amount) {
      row.problems = problems.items();
      return row;
    }
    charges.emplace_back(&charge, *amount);
    row.charged += *amount;
  }
  if (row.charged > row.budget) {
    problems.error(row.budget_where, fmt::format("the charges to '{}' in {} ({}) exceed its {} budget ({})", row.unit,
                                                 year.str(), format_money(row.charged), kind_text(row.kind),
                                                 format_money(row.budget)),
                   "charges are paid towards the budget: lower them or raise the budget");
    row.problems = problems.items();
    return row;
  }
  split(formulae, shared_model, year, rounding_unit, row, row.budget - row.charged);
  if (row.failed()) return row;
  for (const auto& charge_amount : charges) {
    const Charge& charge = *charge_amount.first;
    auto at = std::find_if(row.contributions.begin(), row.contributions.end(),
                           [&](const Contribution& c) { return c.force == charge.force; });
    if (at == row.contributions.end()) {
      Contribution only;
      only.force = charge.force;
      only.share.party = charge.force;
      only.part.party = charge.force;
      only.participant = false;
      row.contributions.push_back(std::move(only));
      at = std::prev(row.contributions.end());
    }
    at->charge += charge_amount.second;
    at->charge_label += (at->charge_label.empty() ? "" : "; ") + charge.label;
  }
  apply_limit(formulae, shared_model, year, rounding_unit, row);
  return row;
}

}  // namespace

const char* kind_text(ContributionKind kind) { return kind == ContributionKind::Cash ? "cash" : "in kind"; }
const char* kind_name(ContributionKind kind) { return kind == ContributionKind::Cash ? "cash" : "in_kind"; }

const Contribution* LedgerRow::find(const ForceId& force) const {
  for (const auto& c : contributions)
    if (c.force == force) return &c;
  return nullptr;
}

Money LedgerRow::total() const {
  Money sum;
  for (const auto& c : contributions) sum = sum + c.amount();
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

int Ledger::failed() const {
  return static_cast<int>(std::count_if(rows.begin(), rows.end(), [](const LedgerRow& r) { return r.failed(); }));
}

bool has_budgets(const Model& model, FinancialYear year) {
  return std::any_of(model.budgets.begin(), model.budgets.end(), [&](const BudgetTable& t) { return t.year == year; });
}

std::vector<FinancialYear> budget_years(const Model& model) {
  std::vector<FinancialYear> years;
  for (const auto& t : model.budgets)
    if (std::find(years.begin(), years.end(), t.year) == years.end()) years.push_back(t.year);
  std::sort(years.begin(), years.end());
  return years;
}

std::optional<FinancialYear> latest_budget_year(const Model& model) {
  const auto years = budget_years(model);
  if (years.empty()) return std::nullopt;
  return years.back();
}

std::string missing_budgets_hint(const Model& model, FinancialYear year) {
  std::string years;
  for (FinancialYear y : budget_years(model)) years += (years.empty() ? "" : ", ") + y.str();
  std::string hint = years.empty() ? "data/budgets.json has no budgets" : "budgets are given for " + years;
  // A year may still hold budgets the texts state for the whole region: say so, and do not split them.
  std::string stated;
  for (const YearHoldings& held : holdings_by_year(model))
    if (held.year == year)
      for (const YearHolding& item : held.items)
        if (item.kind == "stated-budget") stated += (stated.empty() ? "" : "; ") + item.what;
  if (stated.empty()) return hint;
  return fmt::format("{} has only budgets stated as one figure, which no formula splits: {}; {}", year.str(), stated, hint);
}

Ledger compute_ledger(formula::WeightsSource& formulae, const std::shared_ptr<const Model>& shared_model,
                      FinancialYear year, Money rounding_unit, Diagnostics& diagnostics) {
  const Model& model = *shared_model;
  Ledger ledger;
  ledger.model = shared_model;
  ledger.year = year;
  ledger.rounding_unit = rounding_unit;
  for (const Force& f : model.forces) ledger.totals.push_back({f.id, {}, {}});
  if (!has_budgets(model, year)) {
    diagnostics.error({"data/budgets.json"}, fmt::format("no budgets for {}", year.str()), missing_budgets_hint(model, year));
    return ledger;
  }
  for (const BudgetTable& table : model.budgets) {
    if (table.year != year) continue;
    for (const BudgetLine& line : table.lines) {
      std::vector<Line> lines;
      if (line.cash) lines.push_back({&table, &line, ContributionKind::Cash, *line.cash});
      if (line.in_kind) lines.push_back({&table, &line, ContributionKind::InKind, *line.in_kind});
      for (const Line& l : lines) {
        LedgerRow row = make_row(formulae, shared_model, l, year, rounding_unit);
        for (const Diagnostic& d : row.problems) diagnostics.add(d);
        ledger.rows.push_back(std::move(row));
      }
    }
  }
  std::unordered_map<std::string_view, ForceTotal*> total_of;  // one lookup a contribution, not a scan
  for (ForceTotal& t : ledger.totals) total_of.emplace(t.force, &t);
  for (const LedgerRow& row : ledger.rows)
    for (const Contribution& c : row.contributions) {
      ForceTotal& t = *total_of.at(c.force);
      Money& slot = row.kind == ContributionKind::Cash ? t.cash : t.in_kind;
      slot = slot + c.amount();
    }
  return ledger;
}

}  // namespace collab::ledger
