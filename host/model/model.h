#pragma once
// The whole data set, immutable once loaded: the loader builds it, everything
// else reads it through `std::shared_ptr<const Model>`. Scenarios copy it.

#include <optional>
#include <string_view>
#include <vector>

#include "model/budget.h"
#include "model/collaboration.h"
#include "model/force.h"
#include "model/plans.h"
#include "model/provenance.h"
#include "model/record.h"
#include "model/savings.h"
#include "model/workforce.h"

namespace collab {

struct Model {
  Region region;
  std::vector<Document> documents;
  std::vector<Slip> slips;  // slips in the documents, each with its evidence
  std::vector<StatedDisagreement> disagreements;  // facts two documents state differently
  std::vector<Force> forces;
  std::vector<GrantTable> central_grants;
  std::vector<FormulaShareTable> published_formula;
  std::vector<Collaboration> collaborations;
  std::vector<BudgetTable> budgets;
  std::vector<PublishedContributions> published_contributions;
  std::optional<SavingsAgainstBaseline> savings_against_baseline;
  std::optional<SavingsByYear> savings_by_year;
  std::vector<HeadlineSaving> headline_savings;
  std::optional<Workforce> workforce;
  std::optional<BusinessCases> business_cases;
  std::optional<RetainedResources> retained_resources;
  std::vector<InnovationRound> innovation_fund;
  std::optional<Forecast> forecast;
  std::optional<Programme> programme;
  std::optional<CostComparisons> cost_comparisons;
  std::vector<StatedBudget> stated_budgets;
  std::optional<FundingTable> increased_funding;
  Governance governance;

  const Force* force(std::string_view id) const;
  const Collaboration* collaboration(std::string_view id) const;
  /// A force or unit by its id, name, short name or an alias, ignoring case ("Notts", "EMSOU SOC"):
  /// for what people type; data files refer by id.
  const Force* find_force(std::string_view name) const;
  const Collaboration* find_collaboration(std::string_view name) const;
  const Document* document(std::string_view id) const;
  std::optional<Money> central_grant(std::string_view force, FinancialYear year) const;
  /// Every financial year any table or period mentions, in order.
  std::vector<FinancialYear> years() const;
};

}  // namespace collab
