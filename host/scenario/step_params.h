#pragma once
// A scenario step's parameters checked against what its rule declares: unknown or missing
// parameters, wrong types, unknown forces and units, malformed years, percentages and amounts,
// each an error at the value's line:column in the scenario file.

#include <optional>

#include "core/diagnostic.h"
#include "model/model.h"
#include "scenario/rule_constructor.h"
#include "scenario/scenario.h"

namespace collab::scenario {

/// The step's parameters as the rule's apply receives them: force and unit ids, a list of force
/// ids ("all" expanded), years as "2017/18", percentages as exact text ("-5%"), amounts as
/// integer pence. Nothing, with errors added, when any is wrong.
std::optional<ParamValue> check_params(const RuleDefinition& rule, const Step& step, const Model& model,
                                       Diagnostics& diagnostics);

/// "-5%", "2.5%", "0.0001%": exact, trailing zeros dropped.
std::string percent_text(Percent p);

}  // namespace collab::scenario
