#include "ledger/reconcile.h"

#include <fmt/format.h>

#include <cstdlib>

namespace collab::ledger {

namespace {

// Why the published cell differs from the computed one, most specific explanation first.
Cause likely_cause(const CellCheck& cell, const Contribution* contribution, const LedgerRow* row, Money unit) {
  if (row != nullptr && row->failed()) return {CauseKind::RowNotComputed, {}, {}, {}, {}};
  if (!cell.published) return {CauseKind::NotPublished, {}, {}, {}, {}};
  if (!cell.computed || contribution == nullptr || row == nullptr) return {CauseKind::NotInRegister, {}, {}, {}, {}};
  const Part& part = contribution->part;
  Cause cause{CauseKind::CellRounding, exact_share_pence(part), {}, {}, {}};
  if (exact_share_rounded(part, unit) == *cell.published) return cause;
  // Split by the formula's own weights, without the rounding of shares.
  if (contribution->share.rounded && row->weights->formula.round_shares &&
      split_by_exact_share(row->budget, contribution->share, unit) == *cell.published) {
    cause.kind = CauseKind::UnroundedShares;
    cause.unrounded_percent =
        round_fraction(contribution->share.percent_numerator, contribution->share.percent_denominator, Decimal{1, 4});
    cause.step = *row->weights->formula.round_shares;
    return cause;
  }
  const Money variance = *cell.computed - *cell.published;
  if (std::llabs(variance.pence()) <= unit.pence()) {
    cause.kind = CauseKind::BudgetPence;
    return cause;
  }
  cause.kind = CauseKind::NotRounding;
  cause.gap = *cell.published - exact_share_pence(part);
  return cause;
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

RowKind row_kind(TotalOf of) {
  switch (of) {
    case TotalOf::Cash: return RowKind::Cash;
    case TotalOf::InKind: return RowKind::InKind;
    case TotalOf::All: return RowKind::All;
  }
  return RowKind::All;
}

Money total_of(const ForceTotal& t, TotalOf of) {
  switch (of) {
    case TotalOf::Cash: return t.cash;
    case TotalOf::InKind: return t.in_kind;
    case TotalOf::All: return t.all();
  }
  return t.all();
}

}  // namespace

const char* cause_name(CauseKind kind) {
  switch (kind) {
    case CauseKind::NotPublished: return "not-published";
    case CauseKind::NotInRegister: return "not-in-register";
    case CauseKind::RowNotComputed: return "row-not-computed";
    case CauseKind::CellRounding: return "cell-rounding";
    case CauseKind::UnroundedShares: return "unrounded-shares";
    case CauseKind::BudgetPence: return "budget-pence";
    case CauseKind::NotRounding: return "not-rounding";
    case CauseKind::SumOfRows: return "sum-of-rows";
  }
  return "unknown";
}

const char* row_kind_name(RowKind kind) {
  switch (kind) {
    case RowKind::Cash: return "cash";
    case RowKind::InKind: return "in_kind";
    case RowKind::All: return "all";
  }
  return "all";
}

Money CellCheck::variance() const { return computed.value_or(Money{}) - published.value_or(Money{}); }

int Reconciliation::cells() const {
  int n = 0;
  for (const auto& r : rows) n += static_cast<int>(r.cells.size());
  return n;
}

int Reconciliation::matching() const {
  int n = 0;
  for (const auto& r : rows)
    for (const auto& c : r.cells) n += c.matches() ? 1 : 0;
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
  out.rounding_unit = ledger.rounding_unit;

  for (const PublishedRow& prow : published.rows) {
    RowCheck check;
    check.label = prow.label;
    check.unit = prow.unit;
    check.kind = prow.kind == ContributionKind::Cash ? RowKind::Cash : RowKind::InKind;
    check.published_total = prow.published_total;
    check.where = prow.where;
    const LedgerRow* row = prow.unit ? ledger.find(*prow.unit, prow.kind) : nullptr;
    if (row) {
      check.computed_total = row->total();
      check.budget = row->budget;
    }
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
      check.note = RowNote::NoLedgerRow;
    else if (row->failed())
      check.note = RowNote::RowFailed;
    else if (prow.published_total && check.published_sum != *prow.published_total)
      check.note = RowNote::CellsDoNotAddUp;
    out.rows.push_back(std::move(check));
  }

  for (const PublishedTotalRow& total : published.totals) {
    const RowKind kind = row_kind(total.of);  // before `check` exists: GCC 12 -O2 otherwise warns -Wmaybe-uninitialized
    RowCheck check;
    check.label = total.label;
    check.kind = kind;
    check.total_row = true;
    check.published_total = total.published_total;
    check.where = total.where;
    for (const PublishedColumn& column : published.columns) {
      CellCheck cell = published_cell(total.amounts, column.force, check);
      for (const ForceTotal& t : ledger.totals)
        if (t.force == column.force) cell.computed = total_of(t, total.of);
      check.computed_total = check.computed_total + cell.computed.value_or(Money{});
      if (cell.computed != cell.published) cell.cause = Cause{CauseKind::SumOfRows, {}, {}, {}, {}};
      check.cells.push_back(cell);
    }
    if (total.published_total && check.published_sum != *total.published_total) check.note = RowNote::CellsDoNotAddUp;
    out.rows.push_back(std::move(check));
  }
  return out;
}

}  // namespace collab::ledger
