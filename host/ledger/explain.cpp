#include "ledger/explain.h"

#include <algorithm>

namespace collab::ledger {

namespace {

Decimal as_decimal(ExactWeight w) { return Decimal{w.units, w.scale}; }

// The exact sum of one weight of every contribution of a row (what the formula gave, or what
// was apportioned by).
template <class Pick>
Decimal sum_of(const LedgerRow& row, Pick pick) {
  std::vector<Decimal> terms;
  for (const auto& c : row.contributions)
    if (c.participant) terms.push_back(as_decimal(pick(c)));
  return add_decimals(terms);
}

std::optional<PublishedFigure> published_cell(const Ledger& ledger, const std::optional<UnitId>& unit, RowKind kind,
                                              bool total_row, const ForceId& force, const Reconciliation* reconciled) {
  const PublishedContributions* published = published_for(*ledger.model, ledger.year);
  if (published == nullptr) return std::nullopt;
  std::optional<Reconciliation> own;
  if (reconciled == nullptr) own = reconcile(ledger, *published);
  const Reconciliation& r = reconciled ? *reconciled : *own;
  for (const auto& check : r.rows) {
    if (check.total_row != total_row || check.kind != kind || check.unit != unit) continue;
    for (const auto& cell : check.cells)
      if (cell.force == force) return PublishedFigure{cell, check.label, published->source, check.where};
  }
  return std::nullopt;
}

}  // namespace

Explanation explain(const Ledger& ledger, const LedgerRow& row, const ForceId& force, const Reconciliation* reconciled) {
  const Model& model = *ledger.model;
  Explanation out;
  out.year = ledger.year;
  out.rounding_unit = ledger.rounding_unit;
  out.unit = row.unit;
  out.unit_name = model.collaboration(row.unit)->name;
  out.row_label = row.label;
  out.kind = row.kind;
  out.force = force;
  out.budget = row.budget;
  out.budget_where = row.budget_where;
  out.budget_source = row.budget_source;
  if (row.participants) {
    out.participants_from = row.participants->from;
    out.participants_where = row.participants->where;
    out.participants_source = row.participants->source;
  }
  for (const auto& c : row.contributions)
    if (c.participant) out.contributors.push_back(c.force);
  out.formula = row.weights->formula;
  out.params = row.weights->params;
  out.region_default = row.region_default;
  out.choice_where = row.choice.where;
  out.inputs = row.weights->reads;
  for (const auto& c : row.contributions)
    if (c.participant) out.weights.emplace_back(c.force, as_decimal(c.share.weight));
  out.why = row.weights->why;
  out.row_total = row.total();

  const Contribution* mine = row.find(force);
  out.charged = row.charged;
  out.limit = row.limit;
  out.takes_part = mine != nullptr && mine->participant;
  if (mine != nullptr) {
    out.amount = mine->amount();
    out.charge = mine->charge;
    out.charge_label = mine->charge_label;
    out.limited = mine->limited;
    out.limit_round = mine->limit_round;
  }
  if (!out.takes_part) return out;
  out.share = mine->share;
  out.part = mine->part;
  out.weight_sum = sum_of(row, [](const Contribution& c) { return c.share.weight; });
  out.apportioned_sum = sum_of(row, [](const Contribution& c) { return c.share.apportioned_by; });
  Money rounded_down_all;
  for (const auto& c : row.contributions) rounded_down_all = rounded_down_all + c.part.rounded_down;
  out.left_over = row.budget - row.charged - rounded_down_all;
  out.published = published_cell(ledger, row.unit, row.kind == ContributionKind::Cash ? RowKind::Cash : RowKind::InKind,
                                 false, force, reconciled);
  return out;
}

TotalExplanation explain_total(const Ledger& ledger, RowKind of, const ForceId& force, const Reconciliation* reconciled) {
  TotalExplanation out;
  out.year = ledger.year;
  out.rounding_unit = ledger.rounding_unit;
  out.force = force;
  out.of = of;
  for (const LedgerRow& row : ledger.rows) {
    const bool covered = of == RowKind::All || (of == RowKind::Cash) == (row.kind == ContributionKind::Cash);
    if (!covered) continue;
    if (row.failed()) {
      out.failed.push_back(row.unit);
      continue;
    }
    if (const Contribution* c = row.find(force)) {
      out.lines.push_back({row.unit, row.label, row.kind, c->amount(), row.budget_where});
      out.total = out.total + c->amount();
    }
  }
  out.published = published_cell(ledger, std::nullopt, of, true, force, reconciled);
  return out;
}

}  // namespace collab::ledger
