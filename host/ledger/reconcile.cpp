#include "ledger/reconcile.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace collab::ledger {

namespace {

Cause cause_of(CauseKind kind) {
  Cause c;
  c.kind = kind;
  return c;
}

Money magnitude(Money m) { return m < Money{} ? Money{} - m : m; }

/// An exact amount in pence, num / den (den > 0), as a sum of parts' exact shares.
struct ExactPence {
  Int128 num = 0;
  Int128 den = 1;
  void add(Int128 n, Int128 d) {
    num = checked::add(checked::mul(num, d), checked::mul(n, den));
    den = checked::mul(den, d);
    Int128 a = num < 0 ? -num : num, b = den;
    while (b != 0) a = std::exchange(b, a % b);
    if (a > 1) num /= a, den /= a;
  }
  Money to_penny() const { return Money::from_pence(checked::to_int64(checked::divide(num, den))); }
  Money rounded(Halves h) const { return round_pounds(num, checked::mul(den, Int128{100}), h); }
};

/// The budgets the best explanation allows for a row, when that explanation has budgets in pence.
std::vector<PenceRange> budget_pence(const Reconciliation& r, const std::string& label) {
  if (!r.process || r.process->best_fit().process.budgets != Budgets::Pence) return {};
  for (const auto& b : r.process->best_fit().budget_fits)
    if (b.row == label) return b.feasible;
  return {};
}

// Why the published cell differs from the computed one, most specific explanation first.
Cause likely_cause(const CellCheck& cell, const Contribution* contribution, const LedgerRow* row, Money unit) {
  if (row != nullptr && row->failed()) return cause_of(CauseKind::RowNotComputed);
  if (!cell.published) return cause_of(CauseKind::NotPublished);
  if (!cell.computed || contribution == nullptr || row == nullptr) return cause_of(CauseKind::NotInRegister);
  const Part& part = contribution->part;
  Cause cause = cause_of(CauseKind::CellRounding);
  cause.exact_share = exact_share_pence(part);
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
    try {
      ExactPence exact;
      exact.add(part.share_numerator, part.share_denominator);
      cause.half_up = exact.rounded(Halves::HalfUp);
      cause.half_even = exact.rounded(Halves::HalfEven);
      if (unit == Money::from_pounds(1) && cause.half_even == cell.published) cause.kind = CauseKind::HalfToEven;
    } catch (const ArithmeticOverflow&) {
      // too large to round exactly: the cause stands without the roundings
    }
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
    case CauseKind::HalfToEven: return "half-to-even";
    case CauseKind::UnroundedShares: return "unrounded-shares";
    case CauseKind::BudgetPence: return "budget-pence";
    case CauseKind::NotRounding: return "not-rounding";
    case CauseKind::SumOfRows: return "sum-of-rows";
    case CauseKind::TotalRoundedAlone: return "total-rounded-alone";
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

int Reconciliation::totals() const {
  int n = 0;
  for (const auto& r : rows) n += r.total ? 1 : 0;
  return n;
}

int Reconciliation::totals_matching() const {
  int n = 0;
  for (const auto& r : rows) n += r.total && r.total->matches() ? 1 : 0;
  return n;
}

int Reconciliation::noted() const {
  int n = 0;
  for (const auto& r : rows) {
    for (const auto& c : r.cells) n += c.matches() && c.cause ? 1 : 0;
    n += r.total && r.total->matches() && r.total->cause ? 1 : 0;
  }
  return n;
}

Money Reconciliation::largest_variance() const {
  Money largest;
  for (const auto& r : rows) {
    for (const auto& c : r.cells) largest = std::max(largest, magnitude(c.variance()));
    if (r.total) largest = std::max(largest, magnitude(r.total->variance()));
  }
  return largest;
}

const PublishedContributions* published_for(const Model& model, FinancialYear year) {
  for (const auto& table : model.published_contributions)
    if (table.year == year) return &table;
  return nullptr;
}

namespace {

// A unit row's cells against the ledger's, and its TOTAL against the budget.
RowCheck unit_row(const Ledger& ledger, const PublishedContributions& published, const PublishedRow& prow,
                  const Reconciliation& r) {
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
      cell.computed = contribution->amount();
      cell.exact_share = exact_share_pence(contribution->part);
    }
    if (!cell.computed && !cell.published) continue;  // a blank cell for a force that takes no part
    // A cell that agrees with the ledger still gets a cause when the exact share alone rounds elsewhere.
    const bool rounds_alone = contribution && cell.published &&
                              exact_share_rounded(contribution->part, ledger.rounding_unit) == *cell.published;
    if (cell.computed != cell.published || (row && !row->failed() && !rounds_alone))
      cell.cause = likely_cause(cell, contribution, row, ledger.rounding_unit);
    if (cell.cause && cell.cause->kind == CauseKind::BudgetPence) cell.cause->budget = budget_pence(r, prow.label);
    check.cells.push_back(cell);
  }
  if (!row)
    check.note = RowNote::NoLedgerRow;
  else if (row->failed())
    check.note = RowNote::RowFailed;
  else if (prow.published_total && check.published_sum != *prow.published_total)
    check.note = RowNote::CellsDoNotAddUp;
  if (prow.published_total && row && !row->failed()) {
    CellCheck total;
    total.computed = row->budget;
    total.published = prow.published_total;
    if (total.computed != total.published) {
      total.cause = cause_of(*total.published == check.published_sum ? CauseKind::SumOfRows : CauseKind::NotRounding);
      total.cause->published_sum = check.published_sum;
      total.cause->gap = *total.published - row->budget;
    }
    check.total = total;
  }
  return check;
}

bool covers(TotalOf of, ContributionKind kind) {
  return of == TotalOf::All || (of == TotalOf::Cash) == (kind == ContributionKind::Cash);
}

// Why a total differs from (or agrees with) the ledger: the sum of the published figures it
// totals, the exact sum rounded on its own, or neither (budgets with pence).
std::optional<Cause> total_cause(const CellCheck& cell, const std::optional<ExactPence>& exact_or, Money published_sum) {
  if (!cell.published || !cell.computed) return std::nullopt;
  if (!exact_or) {  // too large to sum exactly: say only how far off it is
    if (cell.computed == cell.published) return std::nullopt;
    Cause c = cause_of(CauseKind::NotRounding);
    c.gap = *cell.published - *cell.computed;
    return c;
  }
  const ExactPence& exact = *exact_or;
  const bool rounds_alone = exact.rounded(Halves::HalfUp) == *cell.published;
  const bool is_sum = *cell.published == published_sum;
  if (is_sum && cell.computed == cell.published) return std::nullopt;  // every reading agrees
  Cause cause = cause_of(is_sum ? CauseKind::SumOfRows : CauseKind::TotalRoundedAlone);
  cause.exact_sum = exact.to_penny();
  cause.published_sum = published_sum;
  if (is_sum || rounds_alone) return cause;
  cause.kind = CauseKind::BudgetPence;
  cause.half_up = exact.rounded(Halves::HalfUp);
  cause.half_even = exact.rounded(Halves::HalfEven);
  return cause;
}

std::optional<Cause> guarded_total_cause(const CellCheck& cell, const std::optional<ExactPence>& exact, Money published_sum) {
  try {
    return total_cause(cell, exact, published_sum);
  } catch (const ArithmeticOverflow&) {
    return total_cause(cell, std::nullopt, published_sum);
  }
}

RowCheck total_row(const Ledger& ledger, const PublishedContributions& published, const PublishedTotalRow& total) {
  const RowKind kind = row_kind(total.of);  // before `check` exists: GCC 12 -O2 otherwise warns -Wmaybe-uninitialized
  RowCheck check;
  check.label = total.label;
  check.kind = kind;
  check.total_row = true;
  check.published_total = total.published_total;
  check.where = total.where;
  ExactPence all_budgets;
  Money printed_totals;  // the printed TOTALs of the rows it covers
  for (const PublishedRow& prow : published.rows)
    if (covers(total.of, prow.kind)) printed_totals += prow.published_total.value_or(Money{});
  for (const LedgerRow& row : ledger.rows)
    if (!row.failed() && covers(total.of, row.kind)) all_budgets.add(row.budget.pence(), 1);
  for (const PublishedColumn& column : published.columns) {
    CellCheck cell = published_cell(total.amounts, column.force, check);
    for (const ForceTotal& t : ledger.totals)
      if (t.force == column.force) cell.computed = total_of(t, total.of);
    check.computed_total = check.computed_total + cell.computed.value_or(Money{});
    std::optional<ExactPence> exact = ExactPence{};
    try {
      for (const LedgerRow& row : ledger.rows)
        if (const Contribution* c = row.failed() || !covers(total.of, row.kind) ? nullptr : row.find(column.force))
          exact->add(c->part.share_numerator, c->part.share_denominator);
      (void)exact->to_penny();  // may not fit in pence either
    } catch (const ArithmeticOverflow&) {
      exact.reset();
    }
    Money cells_above;
    for (const PublishedRow& prow : published.rows)
      if (auto it = prow.amounts.find(column.force); covers(total.of, prow.kind) && it != prow.amounts.end())
        cells_above += it->second;
    cell.cause = guarded_total_cause(cell, exact, cells_above);
    check.cells.push_back(cell);
  }
  if (total.published_total && check.published_sum != *total.published_total) check.note = RowNote::CellsDoNotAddUp;
  if (total.published_total) {
    CellCheck grand;
    grand.computed = all_budgets.to_penny();
    grand.published = total.published_total;
    grand.cause = guarded_total_cause(grand, all_budgets, printed_totals);
    check.total = grand;
  }
  return check;
}

}  // namespace

Reconciliation reconcile(const Ledger& ledger, const PublishedContributions& published) {
  Reconciliation out;
  out.year = published.year;
  out.source = published.source;
  out.rounding_unit = ledger.rounding_unit;
  try {
    out.process = test_processes(process_table(ledger, published));
  } catch (const ArithmeticOverflow& e) {
    out.process_error = fmt::format("the figures are too large to test exactly ({})", e.what());
  }
  for (const PublishedRow& prow : published.rows) out.rows.push_back(unit_row(ledger, published, prow, out));
  for (const PublishedTotalRow& total : published.totals) out.rows.push_back(total_row(ledger, published, total));
  return out;
}

}  // namespace collab::ledger
