#pragma once
// Facts the documents state in their text rather than in a unit's table: cost comparisons with
// the national average, budgets stated for a whole year or programme, the 2006-11 funding
// table, and the governance (portfolio leads, boards and how often they meet).

#include <optional>
#include <string>
#include <vector>

#include "model/provenance.h"
#include "money/calendar.h"
#include "money/money.h"
#include "money/percent.h"

namespace collab {

/// A function's cost against the England and Wales average, as a signed percentage (+54%).
struct CostComparison {
  std::string function;
  std::vector<UnitId> units;  // the region's units doing that function, where one is clear
  Percent difference;         // above (+) or below (-) the average
  std::string quote;
  SourceLocation where;
};

struct CostComparisons {
  Source source;
  FinancialYear year = FinancialYear::starting(2012);  // always set by the loader (a year has no empty value)
  std::string measure;  // what is compared ("net revenue expenditure per head of population")
  std::string average;  // what it is compared with
  std::optional<Money> net_revenue_expenditure;  // the figures behind the comparison, where given
  std::optional<int64_t> population;
  std::string note;
  std::vector<CostComparison> rows;
  SourceLocation where;
};

/// A budget a text states for a year, for one unit or for the whole region, never split by unit.
struct StatedBudget {
  std::string id;
  std::optional<FinancialYear> year;  // nullopt: the text gives none
  std::optional<UnitId> unit;         // nullopt: a region-wide figure
  std::string what;
  Money amount;
  std::string bound;  // "" (as stated), "about", "over"
  std::optional<Money> saving;  // the saving the text gives beside it
  std::string quote;
  Source source;
  std::string note;
  SourceLocation where;
};

/// A cell of a table whose figures are partly missing: the text printed, and the amount if any.
struct PrintedCell {
  std::optional<Money> amount;
  std::string printed;  // "" when the cell is a plain figure or blank
  bool blank() const { return !amount && printed.empty(); }
};

struct FundingRow {
  std::string label;
  std::vector<PrintedCell> cells;  // one per year
  std::string note;
  SourceLocation where;
};

/// plan-2009's "Increased funding or saving" table, 2006/07 to 2010/11, with its TOTAL row as printed.
struct FundingTable {
  Source source;
  std::vector<FinancialYear> years;
  std::vector<FundingRow> rows;
  std::vector<PrintedCell> total;  // the TOTAL row, one cell per year
  SourceLocation where;
};

/// A portfolio and who leads it: a PCC (2017) or a chief constable (HMIC 2013).
struct PortfolioLead {
  std::string portfolio;
  std::optional<ForceId> force;  // the lead's force, where the document names it
  std::string lead;              // the lead as printed ("Derbyshire PCC", "CC Mick Creedon")
  std::vector<UnitId> units;
  std::string note;
  SourceLocation where;
};

struct PortfolioLeads {
  std::string id;  // "pcc-2017", "chief-constables-2013"
  std::string role;
  std::optional<FinancialYear> year;
  Source source;
  std::vector<PortfolioLead> leads;
  SourceLocation where;
};

/// A governance board: what it does and how often it meets, as the document says.
struct Board {
  std::string id;
  std::string name;
  std::string role;
  std::string meets;                  // as printed: "bi-monthly", "five times a year"; "" if not said
  std::optional<int> times_per_year;  // what `meets` comes to, where it says
  std::string since;
  std::string quote;
  Source source;
  SourceLocation where;
};

struct Governance {
  std::vector<PortfolioLeads> portfolios;
  std::vector<Board> boards;
};

}  // namespace collab
