#pragma once
// A what-if scenario as data/scenarios/<id>.json gives it: a baseline (the data or another
// scenario), the years to show, and the ordered rule steps that change a copy of the model.

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "model/param_value.h"
#include "money/calendar.h"

namespace collab::scenario {

/// The baseline id that means "the data as loaded" (projected to the years shown).
inline constexpr const char* kDataBaseline = "data";

/// One step: a rule applied with parameters from a year on. Invariant: `rule` is non-empty;
/// every location points into the scenario file.
struct Step {
  std::string rule;
  FinancialYear from = FinancialYear::starting(2000);
  ParamValue params;  // an object; each value keeps its line:column
  SourceLocation where;       // the step object
  SourceLocation rule_where;  // its "rule" value
  SourceLocation from_where;  // its "from" value
};

/// A scenario. Invariant: years are distinct and in order; id is a valid id equal to the
/// file's stem.
struct Scenario {
  std::string id;
  std::string title;
  std::string description;
  std::string baseline = kDataBaseline;
  SourceLocation baseline_where;
  std::vector<FinancialYear> years;
  std::vector<Step> steps;
  std::string file;  // "data/scenarios/lincs-joins-ld.json"
  SourceLocation where;

  /// The earliest year any step changes, or nullopt for a scenario without steps.
  std::optional<FinancialYear> first_change() const;
};

}  // namespace collab::scenario
