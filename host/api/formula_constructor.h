#pragma once
// collab.formula{...}: the constructor a formula script returns through. It checks the table
// when the script loads (so a typo in a field is an error at the script's line, not a wrong
// figure later) and marks the table it returns, so the host knows a formula when it sees one.

#include <lua.hpp>

#include <optional>
#include <string>
#include <vector>

#include "api/api.h"
#include "calc/decimal.h"
#include "core/result.h"

namespace collab::api {

/// A parameter a formula accepts from the data ("params": {...} next to its id).
struct ParamSpec {
  std::string name;
  std::string type;  // "number", "string", "boolean", "table"
  bool required = false;
  bool has_default = false;
  std::string doc;
};

/// A formula as its script declared it. The weights function and defaults stay in Lua.
struct FormulaDefinition {
  std::string id;
  std::string title;
  std::string description;
  std::vector<std::string> inputs;
  std::vector<ParamSpec> params;
  std::optional<Decimal> round_shares;  // percentage points
  /// scope = "region": weights is called once per year with every force, and the host keeps the
  /// participants' weights (the published grant convention). The default, "participants": once
  /// per year and distinct set of participants, with those forces (a true blend among them).
  bool region_scope = false;
};

/// The parameters a script's constructor declares (`params = { name = { type=, required=,
/// default=, doc= } }`), checked, in name order. Throws std::runtime_error naming the fault.
std::vector<ParamSpec> read_param_specs(lua_State* L, int params);

void install_formula_constructor(lua::Sandbox& sandbox, ApiContext& context);

/// Reads the formula at `index` (a table collab.formula returned), raw. Errors: not made by
/// collab.formula, or changed since into something malformed.
Result<FormulaDefinition> read_formula(lua_State* L, int index);

}  // namespace collab::api
