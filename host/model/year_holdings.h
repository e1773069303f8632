#pragma once
// What the data holds for each financial year: which tables and which stated figures, so a
// command or report can say plainly what a year can be worked on with (a year whose only budget
// is one figure for the region cannot be split among forces).

#include <string>
#include <vector>

#include "model/model.h"

namespace collab {

/// One thing the data holds for a year: its kind and a line saying what it is.
struct YearHolding {
  std::string kind;  // "budgets", "contributions", "grants", "formula-shares", "savings", "stated-budget",
                     // "funding", "forecast", "innovation-fund", "programme-team"
  std::string what;  // "9 unit budgets (cash £22,569,981, in kind £7,760,487), split by formula"
};

struct YearHoldings {
  FinancialYear year;
  std::vector<YearHolding> items;
  /// True if the year has budgets by unit, which a formula can split among forces.
  bool has_unit_budgets() const;
};

/// Every year the data holds something for, in order; stated figures with no year are left out
/// (see `undated_holdings`).
std::vector<YearHoldings> holdings_by_year(const Model& model);
/// Stated figures the documents give no year for.
std::vector<YearHolding> undated_holdings(const Model& model);

/// A business case (HMIC 2013) and the later savings against baseline (2017) of the same units.
struct SavingsLink {
  const BusinessCase* business_case;
  std::vector<const BaselineSaving*> baseline;
};

std::vector<SavingsLink> savings_links(const Model& model);

}  // namespace collab
