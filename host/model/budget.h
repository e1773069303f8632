#pragma once
// What each unit costs by year, and the contribution tables as published.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/provenance.h"
#include "money/calendar.h"
#include "money/money.h"
#include "money/percent.h"

namespace collab {

/// A unit's budget for a year: cash, officers in kind, or both. Invariant: neither is negative.
struct BudgetLine {
  UnitId unit;
  std::optional<Money> cash;
  std::optional<Money> in_kind;
  std::string label;
  SourceLocation where;
};

struct BudgetTable {
  FinancialYear year;
  Source source;
  std::vector<BudgetLine> lines;
  SourceLocation where;
};

enum class ContributionKind { Cash, InKind };

/// One row of a published contributions table: a unit's budget split by force, as printed.
struct PublishedRow {
  std::optional<UnitId> unit;
  std::string label;
  ContributionKind kind = ContributionKind::Cash;
  std::map<ForceId, Money> amounts;  // a blank cell (non-participant) is absent
  std::optional<Money> published_total;
  SourceLocation where;
};

/// What a printed total row adds up: the cash rows, the in-kind rows, or all of them.
enum class TotalOf { Cash, InKind, All };

/// A printed total row ("Total Cash Contributions"), covering cash, in-kind or all rows.
struct PublishedTotalRow {
  std::string label;
  TotalOf of = TotalOf::All;
  std::map<ForceId, Money> amounts;
  std::optional<Money> published_total;
  SourceLocation where;
};

struct PublishedColumn {
  ForceId force;
  std::string label;
  std::optional<Percent> percent;
};

/// A force contributions table as a document printed it, slips included.
struct PublishedContributions {
  FinancialYear year;
  Source source;
  std::vector<PublishedColumn> columns;
  std::vector<PublishedRow> rows;
  std::vector<PublishedTotalRow> totals;
  SourceLocation where;
};

}  // namespace collab
