#pragma once
// Reconciliation: the ledger against a published contributions table, cell by cell, with each
// variance and its likely cause, as data (a kind and the amounts that show it); the command
// words it. The published tables came from spreadsheets that rounded each cell on their own, so
// their rows do not always add up; the ledger's always do.

#include <optional>
#include <string>
#include <vector>

#include "ledger/ledger.h"

namespace collab::ledger {

/// Why a published cell differs from the computed one, most specific explanation first.
enum class CauseKind {
  NotPublished,     // the table prints no figure for a force the register lists
  NotInRegister,    // the table charges a force the register does not list that year
  RowNotComputed,   // the ledger could not compute the row (its diagnostics say why)
  CellRounding,     // the exact share rounds to the published figure: the source rounded each cell alone
  UnroundedShares,  // the source split by the unrounded shares, not the shares rounded to a step
  BudgetPence,      // within one rounding unit of the exact share: a budget with pence the table hides
  NotRounding,      // further off than rounding: other shares, another formula or another budget
  SumOfRows,        // a total row's cell: the sum of the force's rows above
};

/// "cell-rounding", "unrounded-shares"...: the stable name used in JSON.
const char* cause_name(CauseKind kind);

struct Cause {
  CauseKind kind = CauseKind::CellRounding;
  std::optional<Money> exact_share;          // the exact share to the penny (rows)
  std::optional<Decimal> unrounded_percent;  // UnroundedShares: the share before rounding, 4 places
  std::optional<Decimal> step;               // UnroundedShares: the step the formula rounds to
  Money gap;                                 // NotRounding: published - exact share
};

/// One force's figure in one published row (or total row) against the ledger's.
struct CellCheck {
  ForceId force;
  std::optional<Money> computed;     // absent: the ledger has no contribution from the force
  std::optional<Money> published;    // absent: the published cell is blank
  std::optional<Money> exact_share;  // the ledger's exact share to the penny, before rounding (rows only)
  std::optional<Cause> cause;        // absent when they agree

  Money variance() const;  // computed - published (a missing side counts as 0)
  bool matches() const { return !cause.has_value(); }
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
  RowNote note = RowNote::None;
  SourceLocation where;
};

struct Reconciliation {
  FinancialYear year = FinancialYear::starting(2000);
  Source source;
  Money rounding_unit;
  std::vector<RowCheck> rows;

  int cells() const;
  int matching() const;
  Money largest_variance() const;  // in magnitude
};

/// Checks `ledger` against `published` (the same year).
Reconciliation reconcile(const Ledger& ledger, const PublishedContributions& published);

/// The published table for the ledger's year, if the data has one.
const PublishedContributions* published_for(const Model& model, FinancialYear year);

}  // namespace collab::ledger
