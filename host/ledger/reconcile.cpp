#include "ledger/reconcile.h"

#include <fmt/format.h>

#include <cstdlib>

namespace collab::ledger {

namespace {

// The exact share rounded half up to the rounding unit, as a spreadsheet's ROUND does per cell.
Money nearest(const Part& part, Money unit) {
  const Int128 denominator = part.share_denominator * unit.pence();
  const Int128 units = (part.share_numerator * 2 + denominator) / (denominator * 2);
  return Money::from_pence(static_cast<int64_t>(units) * unit.pence());
}

std::string exact_text(const Part& part) { return format_money(exact_share_pence(part)); }

// Why the published cell differs from the computed one, most specific explanation first.
std::string likely_cause(const CellCheck& cell, const Contribution* contribution, const LedgerRow* row, Money unit) {
  if (!cell.published) return "the published table has no figure: the register lists the force, the table does not";
  if (!cell.computed) return "the register does not list the force for this year, but the table charges it";
  if (contribution == nullptr || row == nullptr) return "";
  const Part& part = contribution->part;
  const Money variance = *cell.computed - *cell.published;
  if (nearest(part, unit) == *cell.published)
    return fmt::format("the source rounded each cell on its own: the exact share {} rounds to {}; the largest remainder "
                       "gives {} so that the row adds up to its budget",
                       exact_text(part), format_pounds(*cell.published), format_pounds(*cell.computed));
  // Split by the formula's own weights, without the rounding of shares.
  if (contribution->share.rounded) {
    const Int128 numerator = static_cast<Int128>(row->budget.pence()) * contribution->share.percent_numerator;
    const Int128 denominator = contribution->share.percent_denominator * 100;
    Part unrounded = part;
    unrounded.share_numerator = numerator;
    unrounded.share_denominator = denominator;
    if (nearest(unrounded, unit) == *cell.published)
      return fmt::format("the source split by unrounded shares ({}%), not shares rounded to {} points",
                         decimal_text(round_fraction(contribution->share.percent_numerator,
                                                     contribution->share.percent_denominator, Decimal{1, 4})),
                         decimal_text(*row->weights->formula->definition.round_shares));
  }
  if (std::llabs(variance.pence()) <= unit.pence())
    return fmt::format("within one rounding unit of the exact share {}: the source rounded from a budget with pence "
                       "the table does not print",
                       exact_text(part));
  return fmt::format("not rounding: the published cell is {} from the exact share {}; the table used other shares, "
                     "another formula or another budget",
                     format_money(*cell.published - exact_share_pence(part)), exact_text(part));
}

// A cell with the force's published figure (if the table prints one), added to the row's sum.
CellCheck published_cell(const std::map<ForceId, Money>& amounts, const ForceId& force, RowCheck& check) {
  CellCheck cell;
  cell.force = force;
  if (auto it = amounts.find(force); it != amounts.end()) {
    cell.published = it->second;
    check.published_sum = check.published_sum + it->second;
  }
  return cell;
}

std::string kind_text(ContributionKind kind) { return kind == ContributionKind::Cash ? "cash" : "in kind"; }

}  // namespace

Money CellCheck::variance() const { return computed.value_or(Money{}) - published.value_or(Money{}); }

int Reconciliation::cells() const {
  int n = 0;
  for (const auto& r : rows) n += static_cast<int>(r.cells.size());
  return n;
}

int Reconciliation::matching() const {
  int n = 0;
  for (const auto& r : rows)
    for (const auto& c : r.cells) n += c.cause.empty() ? 1 : 0;
  return n;
}

Money Reconciliation::largest_variance() const {
  Money largest;
  for (const auto& r : rows)
    for (const auto& c : r.cells) {
      const Money v = c.variance() < Money{} ? Money{} - c.variance() : c.variance();
      if (v > largest) largest = v;
    }
  return largest;
}

const PublishedContributions* published_for(const Model& model, FinancialYear year) {
  for (const auto& table : model.published_contributions)
    if (table.year == year) return &table;
  return nullptr;
}

Reconciliation reconcile(const Ledger& ledger, const PublishedContributions& published) {
  Reconciliation out;
  out.year = published.year;
  out.source = published.source;

  for (const PublishedRow& prow : published.rows) {
    RowCheck check;
    check.label = prow.label;
    check.unit = prow.unit;
    check.kind = kind_text(prow.kind);
    check.published_total = prow.published_total;
    check.where = prow.where;
    const LedgerRow* row = prow.unit ? ledger.find(*prow.unit, prow.kind) : nullptr;
    if (row) check.computed_total = row->total();
    for (const PublishedColumn& column : published.columns) {
      CellCheck cell = published_cell(prow.amounts, column.force, check);
      const Contribution* contribution = row ? row->find(column.force) : nullptr;
      if (contribution) {
        cell.computed = contribution->part.amount;
        cell.exact_share = exact_share_pence(contribution->part);
      }
      if (!cell.computed && !cell.published) continue;  // a blank cell for a force that takes no part
      if (cell.computed != cell.published) cell.cause = likely_cause(cell, contribution, row, ledger.rounding_unit);
      check.cells.push_back(cell);
    }
    if (!row)
      check.row_note = fmt::format("the ledger has no {} row for '{}' in {}", check.kind, prow.unit.value_or(prow.label),
                                   published.year.str());
    else if (prow.published_total && check.published_sum != *prow.published_total)
      check.row_note = fmt::format("the published cells add up to {}, not the published total {}; the computed row adds "
                                   "up to its budget {}",
                                   format_pounds(check.published_sum), format_pounds(*prow.published_total),
                                   format_pounds(row->budget));
    out.rows.push_back(std::move(check));
  }

  for (const PublishedTotalRow& total : published.totals) {
    RowCheck check;
    check.label = total.label;
    check.kind = total.of;
    check.total_row = true;
    check.published_total = total.published_total;
    check.where = total.where;
    for (const PublishedColumn& column : published.columns) {
      CellCheck cell = published_cell(total.amounts, column.force, check);
      for (const ForceTotal& t : ledger.totals)
        if (t.force == column.force)
          cell.computed = total.of == "cash" ? t.cash : total.of == "in_kind" ? t.in_kind : t.all();
      check.computed_total = check.computed_total + cell.computed.value_or(Money{});
      if (cell.computed != cell.published)
        cell.cause = "the sum of this force's rows above (the published total carries the differences of those rows)";
      check.cells.push_back(cell);
    }
    if (total.published_total && check.published_sum != *total.published_total)
      check.row_note = fmt::format("the published cells add up to {}, not the published total {}",
                                   format_pounds(check.published_sum), format_pounds(*total.published_total));
    out.rows.push_back(std::move(check));
  }
  return out;
}

}  // namespace collab::ledger
