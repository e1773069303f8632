#pragma once
// Building a scenario's model: a copy of the data projected over the years asked for, with the
// steps of its baseline chain applied in order (the baseline's first), then checked again (the
// formulae it names exist and accept their parameters). The data model itself is never touched.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "formula/formula_library.h"
#include "scenario/projection.h"
#include "scenario/rule_library.h"
#include "scenario/scenario.h"

namespace collab::scenario {

/// A built model: "data" or a scenario, projected through a year.
struct Built {
  std::shared_ptr<const Model> model;  // null unless status is Ok
  Applied status = Applied::Ok;
};

/// The loaded scenarios and what builds them. Invariant: every scenario's baseline chain ends
/// at "data" (load_scenarios removed the others).
class ScenarioBuilder {
 public:
  ScenarioBuilder(std::shared_ptr<const Model> data, std::vector<Scenario> scenarios, RuleLibrary& rules,
                  formula::FormulaLibrary& formulae);

  const std::vector<Scenario>& scenarios() const { return scenarios_; }
  const Scenario* find(std::string_view id) const;
  /// Checks every step of every scenario (rules and parameters); false after adding errors.
  bool check(Diagnostics& diagnostics);
  /// What the data's projection to `through` made up.
  Projection projection(FinancialYear through) const;

  /// The model of `id` ("data" or a scenario's id) over the years up to `through`. Built once
  /// per id and year; a refused step is bad input, a failed rule a failed computation.
  Built build(const std::string& id, FinancialYear through, Diagnostics& diagnostics);
  /// The model of scenario `id` with its baselines' steps and only its own first `own_steps`
  /// steps applied (0: its baseline's model): what each step changed, for --explain. Not cached.
  Built build_steps(const std::string& id, std::size_t own_steps, FinancialYear through, Diagnostics& diagnostics);

 private:
  Built build_fresh(const std::string& id, FinancialYear through, std::optional<std::size_t> own_steps,
                    Diagnostics& diagnostics);
  std::vector<const Scenario*> chain(const std::string& id) const;

  std::shared_ptr<const Model> data_;
  std::vector<Scenario> scenarios_;
  RuleLibrary& rules_;
  formula::FormulaLibrary& formulae_;
  std::map<const Step*, ParamValue> checked_;  // each step's parameters as apply receives them
  std::map<std::pair<std::string, int>, Built> built_;
};

}  // namespace collab::scenario
