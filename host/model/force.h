#pragma once
// The region and its forces, with the figures funding formulae weigh them by.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/param_value.h"
#include "model/provenance.h"
#include "money/calendar.h"
#include "money/money.h"
#include "money/percent.h"

namespace collab {

/// A funding formula by name with its parameters, applying from a year on (or always).
struct FormulaChoice {
  std::optional<FinancialYear> from;
  std::string id;
  ParamValue params;  // an object, empty when the data gives none
  SourceLocation where;
};

/// The region: the forces that may take part in its collaborations.
struct Region {
  std::string id;
  std::string name;
  FormulaChoice default_formula;
};

/// A police force of the region. Invariant: id is unique; aliases do not clash between forces.
struct Force {
  ForceId id;
  std::string name;
  std::string short_name;
  std::vector<std::string> aliases;
  std::map<FinancialYear, int64_t> population;
  std::map<FinancialYear, Money> net_revenue_expenditure;
  SourceLocation where;
};

/// Central grant (Police Core Settlement plus formula grant) for one year, as published.
struct GrantTable {
  FinancialYear year;
  Source source;
  std::map<ForceId, Money> amounts;
  std::optional<Money> published_total;
  SourceLocation where;
};

/// Formula shares as a document published them for one year (e.g. 27.6% for Notts).
struct FormulaShareTable {
  FinancialYear year;
  std::string label;
  Source source;
  std::map<ForceId, Percent> shares;
  std::optional<Percent> published_total;
  SourceLocation where;
};

}  // namespace collab
