#pragma once
// collab impact's input: one figure of the data (a force's central grant in a year, a unit's
// budget in a year, a numeric parameter of a unit's formula) and a copy of the model with that
// figure changed by a percentage. The ledgers of the two models, compared, are its reach.

#include <optional>
#include <string>

#include "core/result.h"
#include "model/model.h"
#include "money/percent.h"

namespace collab::scenario {

/// What `collab impact` changes. Invariant: the ids name a force or unit of the model.
struct ImpactInput {
  enum class Kind { Grant, Budget, Param };
  Kind kind = Kind::Grant;
  std::string id;                      // the force (grant) or unit (budget, param; "region": the default formula)
  std::optional<FinancialYear> year;   // grant, budget
  std::optional<ContributionKind> of;  // budget: only cash or only in kind (default both)
  std::string param;                   // param: the parameter's path, "mix.grant"
  std::string text;                    // as a reader would say it: "Derbyshire's central grant 2015/16"
};

/// "grant:<force>:<year>", "budget:<unit>:<year>[:cash|:in_kind]", "param:<unit or region>:<path>";
/// forces and units by id, name or alias. Errors say what is wrong and what the forms are.
Result<ImpactInput> parse_impact_input(const std::string& text, const Model& model);

/// A copy of `model` with the input changed by `by`: money exactly, half up to the penny; a
/// formula parameter (a number, not money) as a double. Errors: no such figure in the data.
Result<Model> changed_model(const Model& model, const ImpactInput& input, Percent by);

}  // namespace collab::scenario
