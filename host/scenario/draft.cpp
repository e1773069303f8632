// The edits a rule may make to a scenario's copy of the model, each checked before it is made.

#include "scenario/draft.h"

#include <fmt/format.h>

#include <algorithm>

#include "load/field_reader.h"

namespace collab::scenario {

namespace {

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// Forces in the model's order, so a period lists them as the data does.
void sort_by_region(const Model& model, std::vector<ForceId>& forces) {
  auto rank = [&](const ForceId& id) {
    for (std::size_t i = 0; i < model.forces.size(); ++i)
      if (model.forces[i].id == id) return i;
    return model.forces.size();
  };
  std::sort(forces.begin(), forces.end(), [&](const ForceId& a, const ForceId& b) { return rank(a) < rank(b); });
}

}  // namespace

Draft::Draft(Model model, std::vector<FinancialYear> horizon) : model_(std::move(model)), horizon_(std::move(horizon)) {}

void Draft::begin_step(FinancialYear from, SourceLocation where) {
  from_ = from;
  where_ = std::move(where);
}

void Draft::editable(FinancialYear year, const char* what) const {
  if (year < from_)
    throw RefusedEdit(fmt::format("cannot change {} in {}: the step starts in {}, and the years before a step stay "
                                  "the baseline's",
                                  what, year.str(), from_.str()));
  if (horizon_.empty() || year > horizon_.back())
    throw RefusedEdit(fmt::format("cannot change {} in {}: the scenario computes years up to {}", what, year.str(),
                                  horizon_.empty() ? "none" : horizon_.back().str()));
}

const Force& Draft::force_named(const ForceId& force) const {
  if (const Force* f = model_.force(force)) return *f;
  std::vector<std::string> ids;
  for (const Force& f : model_.forces) ids.push_back(f.id);
  throw RefusedEdit(fmt::format("unknown force '{}' (forces of the region: {})", force, joined(ids)));
}

Collaboration& Draft::unit_named(const UnitId& unit) {
  for (Collaboration& c : model_.collaborations)
    if (c.id == unit) return c;
  throw RefusedEdit(fmt::format("unknown unit '{}' (units are the ids in data/collaborations.json)", unit));
}

// The period starting exactly at `from`, split off the one in force then if need be.
ParticipationPeriod& Draft::period_from(Collaboration& unit, FinancialYear from) {
  const ParticipationPeriod* in_force = unit.participants_in(from);
  if (in_force == nullptr)
    throw RefusedEdit(fmt::format("'{}' has no participants in {}: it starts later", unit.id, from.str()));
  if (!in_force->known())
    throw RefusedEdit(fmt::format("'{}' in {}: the register gives only how many forces take part ({}), not which",
                                  unit.id, from.str(), in_force->count.value_or(0)));
  if (in_force->from == from) return const_cast<ParticipationPeriod&>(*in_force);
  ParticipationPeriod split = *in_force;
  split.from = from;
  split.note = "changed by a scenario step";
  split.why = "";
  split.source = Source{"", "scenario", ""};
  split.where = where_;
  auto at = std::find_if(unit.participants.begin(), unit.participants.end(),
                         [&](const ParticipationPeriod& p) { return p.from > from; });
  return *unit.participants.insert(at, std::move(split));
}

void Draft::withdraw(const ForceId& force, const UnitId& unit_id, FinancialYear from) {
  force_named(force);
  editable(from, "participation");
  Collaboration& unit = unit_named(unit_id);
  const ParticipationPeriod* now = unit.participants_in(from);
  if (now != nullptr && now->known() &&
      std::find(now->forces->begin(), now->forces->end(), force) == now->forces->end())
    throw RefusedEdit(fmt::format("'{}' does not take part in '{}' in {} (participants: {})", force, unit_id, from.str(),
                                  joined(*now->forces)));
  ParticipationPeriod& period = period_from(unit, from);
  if (period.forces->size() == 1)
    throw RefusedEdit(fmt::format("'{}' is the only participant of '{}' in {}: it cannot withdraw (close the unit by "
                                  "removing its budget instead)",
                                  force, unit_id, from.str()));
  for (ParticipationPeriod& p : unit.participants)
    if (p.from >= from && p.known()) std::erase(*p.forces, force);
}

void Draft::join(const ForceId& force, const UnitId& unit_id, FinancialYear from) {
  force_named(force);
  editable(from, "participation");
  Collaboration& unit = unit_named(unit_id);
  ParticipationPeriod& period = period_from(unit, from);
  if (std::find(period.forces->begin(), period.forces->end(), force) != period.forces->end())
    throw RefusedEdit(fmt::format("'{}' already takes part in '{}' in {}", force, unit_id, from.str()));
  for (ParticipationPeriod& p : unit.participants)
    if (p.from >= from && p.known() && std::find(p.forces->begin(), p.forces->end(), force) == p.forces->end()) {
      p.forces->push_back(force);
      sort_by_region(model_, *p.forces);
    }
}

std::vector<ForceId> Draft::participants(const UnitId& unit, FinancialYear year) const {
  const Collaboration* c = model_.collaboration(unit);
  if (c == nullptr) throw RefusedEdit(fmt::format("unknown unit '{}'", unit));
  const ParticipationPeriod* p = c->participants_in(year);
  return p != nullptr && p->known() ? *p->forces : std::vector<ForceId>{};
}

std::vector<UnitId> Draft::budget_units(FinancialYear year) const {
  std::vector<UnitId> out;
  for (const BudgetTable& t : model_.budgets)
    if (t.year == year)
      for (const BudgetLine& line : t.lines) out.push_back(line.unit);
  return out;
}

std::optional<BudgetAmounts> Draft::budget(const UnitId& unit, FinancialYear year) const {
  for (const BudgetTable& t : model_.budgets)
    if (t.year == year)
      for (const BudgetLine& line : t.lines)
        if (line.unit == unit) return BudgetAmounts{line.cash, line.in_kind};
  return std::nullopt;
}

void Draft::set_budget(const UnitId& unit, FinancialYear year, const BudgetAmounts& amounts) {
  editable(year, "a budget");
  unit_named(unit);
  for (const auto* m : {&amounts.cash, &amounts.in_kind})
    if (*m && (*m)->pence() < 0)
      throw RefusedEdit(fmt::format("the budget of '{}' in {} would be {}: a budget cannot be negative", unit, year.str(),
                                    format_money(**m)));
  auto table = std::find_if(model_.budgets.begin(), model_.budgets.end(), [&](const BudgetTable& t) { return t.year == year; });
  if (table == model_.budgets.end())
    throw RefusedEdit(fmt::format("no budgets for {} to change", year.str()));
  auto line = std::find_if(table->lines.begin(), table->lines.end(), [&](const BudgetLine& l) { return l.unit == unit; });
  if (!amounts.cash && !amounts.in_kind) {
    if (line != table->lines.end()) table->lines.erase(line);
    return;
  }
  if (line == table->lines.end()) {
    table->lines.push_back(BudgetLine{unit, {}, {}, "", where_});
    line = std::prev(table->lines.end());
  }
  line->cash = amounts.cash;
  line->in_kind = amounts.in_kind;
}

std::optional<Money> Draft::grant(const ForceId& force, FinancialYear year) const {
  force_named(force);
  return model_.central_grant(force, year);
}

void Draft::set_grant(const ForceId& force, FinancialYear year, Money amount) {
  force_named(force);
  editable(year, "a central grant");
  if (amount.pence() < 0)
    throw RefusedEdit(fmt::format("the central grant of '{}' in {} would be {}: a grant cannot be negative", force,
                                  year.str(), format_money(amount)));
  for (GrantTable& t : model_.central_grants)
    if (t.year == year) {
      t.amounts[force] = amount;
      t.published_total.reset();  // a changed table is no longer the published one
      return;
    }
  throw RefusedEdit(fmt::format("no central grants for {} to change", year.str()));
}

void Draft::set_formula(const UnitId& unit_id, FinancialYear from, std::string id, ParamValue params) {
  editable(from, "a formula");
  Collaboration& unit = unit_named(unit_id);
  if (id.empty()) throw RefusedEdit("a formula id is empty");  // whether it names a formula is checked after the step
  if (params.where.file.empty()) params.where = where_;
  auto at = std::find_if(unit.formula.begin(), unit.formula.end(),
                         [&](const FormulaChoice& c) { return c.from && *c.from > from; });
  unit.formula.insert(at, FormulaChoice{from, std::move(id), std::move(params), where_});
}

void Draft::add_unit(const NewUnit& unit) {
  editable(unit.from, "the units");
  if (!load::is_valid_id(unit.id))
    throw RefusedEdit(fmt::format("'{}' is not a valid unit id (lower-case words joined by '-')", unit.id));
  if (model_.collaboration(unit.id) != nullptr) throw RefusedEdit(fmt::format("a unit '{}' exists already", unit.id));
  if (unit.participants.empty()) throw RefusedEdit(fmt::format("the new unit '{}' has no participants", unit.id));
  std::vector<ForceId> forces;
  for (const ForceId& f : unit.participants) {
    force_named(f);
    if (std::find(forces.begin(), forces.end(), f) != forces.end())
      throw RefusedEdit(fmt::format("'{}' is listed twice among the participants of '{}'", f, unit.id));
    forces.push_back(f);
  }
  sort_by_region(model_, forces);
  Collaboration c;
  c.id = unit.id;
  c.name = unit.name.empty() ? unit.id : unit.name;
  c.short_name = c.name;
  c.comments = "created by a scenario step";
  c.where = where_;
  ParticipationPeriod period{unit.from, std::move(forces), std::nullopt, "", "", {}, {}};
  period.note = "created by a scenario step";
  period.source = Source{"", "scenario", ""};
  period.where = where_;
  c.participants.push_back(std::move(period));
  model_.collaborations.push_back(std::move(c));
}

void Draft::add_charge(const UnitId& unit_id, FinancialYear year, Charge charge) {
  force_named(charge.force);
  editable(year, "a charge");
  unit_named(unit_id);
  if (charge.amount.pence() < 0)
    throw RefusedEdit(fmt::format("a charge to '{}' of {}: a charge cannot be negative", charge.force,
                                  format_money(charge.amount)));
  if (charge.instalments < 1 || charge.instalments > 50 || charge.instalment < 1 || charge.instalment > charge.instalments)
    throw RefusedEdit(fmt::format("instalment {} of {}: instalments run from 1 to their number (at most 50)",
                                  charge.instalment, charge.instalments));
  if (charge.share && (charge.share->units() <= 0 || charge.share->units() > 100 * Percent::kUnitsPerPercent))
    throw RefusedEdit(fmt::format("a share of {} cannot be charged: a share is above 0% and at most 100%",
                                  format_percent(*charge.share, 4)));
  for (BudgetTable& t : model_.budgets)
    if (t.year == year)
      for (BudgetLine& line : t.lines)
        if (line.unit == unit_id && (charge.kind == ContributionKind::Cash ? line.cash : line.in_kind)) {
          charge.where = where_;
          line.charges.push_back(std::move(charge));
          return;
        }
  throw RefusedEdit(fmt::format("'{}' has no {} budget in {} to charge towards", unit_id,
                                charge.kind == ContributionKind::Cash ? "cash" : "in-kind", year.str()));
}

void Draft::limit_change(const UnitId& unit_id, FinancialYear from, std::optional<Percent> rise,
                         std::optional<Percent> fall) {
  editable(from, "a limit on year-on-year change");
  Collaboration& unit = unit_named(unit_id);
  for (const auto* p : {&rise, &fall})
    if (*p && (*p)->units() < 0)
      throw RefusedEdit(fmt::format("a limit of {} on year-on-year change: give the most a force's part may move, 0% "
                                    "or more",
                                    format_percent(**p, 4)));
  auto at = std::find_if(unit.limits.begin(), unit.limits.end(), [&](const ChangeLimit& l) { return l.from > from; });
  unit.limits.insert(at, ChangeLimit{from, rise, fall, where_});
}

}  // namespace collab::scenario
