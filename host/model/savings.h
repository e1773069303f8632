#pragma once
// What collaboration saves: against each unit's pre-collaboration baseline, and
// against the region's yearly targets.

#include <optional>
#include <string>
#include <vector>

#include "model/provenance.h"
#include "money/calendar.h"
#include "money/money.h"
#include "money/percent.h"

namespace collab {

/// A unit's annual saving against its baseline. The baseline is saving / percentage.
struct BaselineSaving {
  std::optional<UnitId> unit;
  std::string label;
  std::optional<PartialDate> established;
  Money annual_saving;
  Percent percent_of_baseline;
  std::optional<bool> cashable;  // nullopt: the document does not say
  std::string comment;
  SourceLocation where;
};

struct SavingsAgainstBaseline {
  Source source;
  std::vector<BaselineSaving> rows;
  std::optional<Money> published_total;
  std::optional<Percent> published_percent;
  SourceLocation where;
};

/// A year's savings target and what was achieved (or projected).
struct YearSaving {
  FinancialYear year;
  Money target;
  Money actual;
  bool projected = false;
  SourceLocation where;
};

struct SavingsByYear {
  Source source;
  std::vector<YearSaving> rows;
  std::optional<Money> published_target;
  std::optional<Money> published_actual;
  SourceLocation where;
};

/// A headline figure quoted in a text ("£70m from 2010 to 2018"), for the region or for some of
/// its forces, as money or as a share of the savings each force must make.
struct HeadlineSaving {
  std::string id;
  std::string text;
  std::optional<Money> amount;
  std::optional<Money> per_year;
  Source source;
  std::string scope = "region";  // "region", "forces" (those in `forces`), "england-and-wales"
  std::vector<ForceId> forces;
  std::optional<int> from_year;  // calendar years: "since 2010", "from 2010 to 2018"
  std::optional<int> to_year;
  std::optional<Percent> share_of_requirement;  // of the savings requirement met by collaboration
  bool share_above = false;                     // "more than" that share
  SourceLocation where;
};

}  // namespace collab
