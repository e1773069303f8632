#pragma once
// collab.rule{...}: the constructor a what-if rule script returns through. It checks the table
// when the script loads (id, title, description, params, apply) and marks it, so the host knows
// a rule when it sees one. Parameters are typed in the scenario's terms (a force, a unit, a
// year, a percentage, an amount), so the host checks a step's values before the rule runs.

#include <lua.hpp>

#include <string>
#include <vector>

#include "core/result.h"
#include "lua/sandbox.h"

namespace collab::scenario {

/// A parameter a rule accepts from a scenario step. Types: "force" (a force id), "forces" (a
/// force id, a list of them, or "all"), "unit" (a unit id), "year" ("2017/18"), "percent"
/// ("-5%" or -5: exact), "money" (pounds: 1234.56 or "£1,234.56"), "string", "number",
/// "boolean", "table".
struct RuleParam {
  std::string name;
  std::string type;
  bool required = false;
  std::string doc;
};

/// A rule as its script declared it; the apply function stays in Lua.
struct RuleDefinition {
  std::string id;  // lower case letters, digits and '_': "grant_change"
  std::string title;
  std::string description;
  std::vector<RuleParam> params;  // in name order
};

/// The parameter types a rule may declare, in the order docs list them.
const std::vector<std::string>& rule_param_types();

void install_rule_constructor(lua::Sandbox& sandbox);

/// Reads the rule at `index` (a table collab.rule returned), raw.
Result<RuleDefinition> read_rule(lua_State* L, int index);

}  // namespace collab::scenario
