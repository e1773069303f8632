#pragma once
// The planning record: business cases, innovation fund bids, the regional
// financial forecast and the 2009 programme's projects.

#include <optional>
#include <string>
#include <vector>

#include "model/provenance.h"
#include "money/calendar.h"
#include "money/money.h"
#include "money/percent.h"

namespace collab {

/// A business case's budget without collaboration and the saving it promised.
struct BusinessCase {
  std::string function;
  std::vector<UnitId> units;
  Money budget_without_collaboration;
  Money saving;
  Percent percent;
  SourceLocation where;
};

struct BusinessCases {
  Source source;
  std::vector<BusinessCase> rows;
  SourceLocation where;
};

/// A Police Innovation Fund bid. Most forces named are outside the region: text, with ids where known.
struct InnovationBid {
  std::optional<std::string> lead;
  std::optional<ForceId> lead_force;
  std::vector<std::string> others;
  std::vector<ForceId> other_forces;
  std::string description;
  Money value;
  std::string printed;         // the value as published ("£920,244")
  std::vector<UnitId> units;   // the region's units the bid went to, where the record shows it
  std::string note;
  SourceLocation where;
};

struct InnovationRound {
  std::string round;
  FinancialYear year;
  Source source;
  std::vector<InnovationBid> bids;
  SourceLocation where;
};

/// One line of the regional forecast: a value per year, as published.
struct ForecastRow {
  std::string label;
  std::vector<Money> values;
  std::optional<Money> published_total;
  std::vector<std::string> sum_of;  // labels of rows this row is the sum of
  SourceLocation where;
};

struct ForecastAssumption {
  std::string text;
  std::string kind;
  std::optional<Percent> percent;
};

struct Forecast {
  Source source;
  std::vector<FinancialYear> years;
  std::vector<ForecastRow> rows;
  std::vector<ForecastAssumption> assumptions;
  SourceLocation where;
};

/// A project of the 2009-2012 collaboration programme.
struct ProgrammeProject {
  std::string name;
  std::string area;    // "protective services", "productivity", "business support"
  std::string status;  // "current", "proposed"
  std::optional<std::string> period;
  std::vector<std::string> apacs;
  std::vector<int> psa;
  std::vector<UnitId> units;  // the units the project became, where the record shows it
  std::string unit_note;      // why
  SourceLocation where;
};

struct Programme {
  Source source;
  std::optional<Money> team_cost_per_year;
  std::optional<FinancialYear> team_year;
  std::string team_funding;
  std::vector<ProgrammeProject> projects;
  SourceLocation where;
};

}  // namespace collab
