#pragma once
// Reconciliation: the ledger against a published contributions table, cell by cell, with each
// variance and its likely cause, as data (a kind and the amounts that show it); the command
// words it. The published tables came from spreadsheets that rounded each cell on their own, so
// their rows do not always add up; the ledger's always do.

#include <optional>
#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "ledger/publisher_process.h"

namespace collab::ledger {

/// Why a published cell differs from the computed one, most specific explanation first.
enum class CauseKind {
  NotPublished,     // the table prints no figure for a force the register lists
  NotInRegister,    // the table charges a force the register does not list that year
  RowNotComputed,   // the ledger could not compute the row (its diagnostics say why)
  CellRounding,     // the exact share rounds to the published figure: the source rounded each cell alone
  HalfToEven,       // the exact share is a half, and rounding it to even (not up) gives the published figure
  UnroundedShares,  // the source split by the unrounded shares, not the shares rounded to a step
  BudgetPence,      // not the exact share rounded on its own, but within a unit of it: a budget with pence
  NotRounding,      // further off than rounding: other shares, another formula or another budget
  SumOfRows,        // a total: the sum of the published figures it totals
  TotalRoundedAlone,  // a total: the unrounded sum of the exact shares (or budgets), rounded on its own
};

/// "cell-rounding", "unrounded-shares"...: the stable name used in JSON.
const char* cause_name(CauseKind kind);

struct Cause {
  CauseKind kind = CauseKind::CellRounding;
  std::optional<Money> exact_share;          // the exact share to the penny (rows)
  std::optional<Decimal> unrounded_percent;  // UnroundedShares: the share before rounding, 4 places
  std::optional<Decimal> step;               // UnroundedShares: the step the formula rounds to
  Money gap;                                 // NotRounding: published - exact share
  std::optional<Money> exact_sum;            // totals: the unrounded sum of the exact shares, to the penny
  std::optional<Money> published_sum;        // totals: the published figures it totals, added up
  std::optional<Money> half_up;              // BudgetPence: the exact share (or sum) rounded on its own, halves up
  std::optional<Money> half_even;            //   and halves to even
  std::vector<PenceRange> budget;            // BudgetPence on a row: the budgets (pence) the best explanation allows
};

/// One force's figure in one published row (or total row) against the ledger's, or the row's
/// TOTAL (force empty). A cause is given when they differ, and also when they agree but the
/// published figure is not the exact figure rounded on its own.
struct CellCheck {
  ForceId force;  // empty: the TOTAL column
  std::optional<Money> computed;     // absent: the ledger has no contribution from the force
  std::optional<Money> published;    // absent: the published cell is blank
  std::optional<Money> exact_share;  // the ledger's exact share to the penny, before rounding (rows only)
  std::optional<Cause> cause;        // absent when they agree

  Money variance() const;  // computed - published (a missing side counts as 0)
  bool matches() const { return computed == published; }
};

/// What kind of rows a RowCheck covers.
enum class RowKind { Cash, InKind, All };
const char* row_kind_name(RowKind kind);  // "cash", "in_kind", "all"

/// A remark on a whole row.
enum class RowNote {
  None,
  NoLedgerRow,       // the ledger has no such row that year
  RowFailed,         // the ledger's row could not be computed
  CellsDoNotAddUp,   // the published cells do not add up to the published total
};

struct RowCheck {
  std::string label;  // as published: "EMSOU SOC", "Total Cash Contributions"
  std::optional<UnitId> unit;
  RowKind kind = RowKind::Cash;
  bool total_row = false;
  std::optional<Money> published_total;
  Money published_sum;  // the published cells added up
  Money computed_total;
  std::optional<Money> budget;  // the computed row's budget (unit rows)
  std::vector<CellCheck> cells;  // in the published table's column order
  std::optional<CellCheck> total;  // the TOTAL column: the budget (or the total row's sum) against the printed one
  RowNote note = RowNote::None;
  SourceLocation where;
};

struct Reconciliation {
  FinancialYear year = FinancialYear::starting(2000);
  Source source;
  Money rounding_unit;
  std::vector<RowCheck> rows;

  std::optional<ProcessReconciliation> process;  // how the table was made; absent if it could not be computed
  std::string process_error;                     // why it could not

  int cells() const;     // force cells
  int matching() const;  // force cells equal to the ledger's
  int totals() const;    // the TOTAL column's figures
  int totals_matching() const;
  int noted() const;     // figures that agree but are not the exact figure rounded on its own
  Money largest_variance() const;  // in magnitude, over cells and totals
};

/// Checks `ledger` against `published` (the same year).
Reconciliation reconcile(const Ledger& ledger, const PublishedContributions& published);

/// The published table for the ledger's year, if the data has one.
const PublishedContributions* published_for(const Model& model, FinancialYear year);

}  // namespace collab::ledger
