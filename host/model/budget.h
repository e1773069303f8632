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

enum class ContributionKind { Cash, InKind };

/// A sum one force pays towards a budget line on top of (or instead of) a share, as an agreement
/// states it: an exit liability's instalment, a flat fee. The ledger takes the charges off the
/// budget and splits the rest among the participants, so the line still adds up to its budget.
/// Only scenarios make charges; the data has none.
struct Charge {
  ForceId force;
  ContributionKind kind = ContributionKind::Cash;
  std::string label;  // "exit liability, instalment 1 of 2"
  /// The amount; with `share_year` or `share`, the base of which the force pays its part.
  Money amount;
  /// The force pays the part of `amount` that its share of the line in that year gives it (split
  /// as the ledger splits a budget: the unit's formula, largest remainder at the rounding unit).
  std::optional<FinancialYear> share_year;
  std::optional<Percent> share;  // or this stated share of `amount`, half up to the rounding unit
  int instalment = 1;   // the part paid here: the whole, split equally into `instalments`
  int instalments = 1;  // parts (largest remainder at the rounding unit), this line paying one
  SourceLocation where;
};

/// A unit's budget for a year: cash, officers in kind, or both. Invariant: neither is negative.
struct BudgetLine {
  UnitId unit;
  std::optional<Money> cash;
  std::optional<Money> in_kind;
  std::string label;
  SourceLocation where;
  std::vector<Charge> charges = {};
};

struct BudgetTable {
  FinancialYear year;
  Source source;
  std::vector<BudgetLine> lines;
  SourceLocation where;
};

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
