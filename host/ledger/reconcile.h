#pragma once
// Reconciliation: the ledger against a published contributions table, cell by cell, with each
// variance and its likely cause. The published tables came from spreadsheets that rounded
// each cell on their own, so their rows do not always add up; the ledger's always do.

#include <optional>
#include <string>
#include <vector>

#include "ledger/ledger.h"

namespace collab::ledger {

/// One force's figure in one published row (or total row) against the ledger's.
struct CellCheck {
  ForceId force;
  std::optional<Money> computed;   // absent: the ledger has no contribution from the force
  std::optional<Money> published;  // absent: the published cell is blank
  std::optional<Money> exact_share;  // the ledger's exact share to the penny, before rounding (rows only)
  Money variance() const;  // computed - published (a missing side counts as 0)
  std::string cause;       // empty when they agree
};

struct RowCheck {
  std::string label;  // as published: "EMSOU SOC", "Total Cash Contributions"
  std::optional<UnitId> unit;
  std::string kind;  // "cash", "in kind", "all" (a total row)
  bool total_row = false;
  std::optional<Money> published_total;
  Money published_sum;  // the published cells added up
  Money computed_total;
  std::vector<CellCheck> cells;  // in the published table's column order
  std::string row_note;          // e.g. "the published cells add up to £943,449, not the total £943,448"
  SourceLocation where;
};

struct Reconciliation {
  FinancialYear year = FinancialYear::starting(2000);
  Source source;
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
