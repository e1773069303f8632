#pragma once
// collab.report{...}: the constructor a report layout script returns through. It checks the
// table when the script loads (id, title, description, params, build) and marks it, so the host
// knows a report when it sees one. The build function and the parameters' defaults stay in Lua.

#include <lua.hpp>

#include <string>
#include <vector>

#include "api/api.h"
#include "api/formula_constructor.h"
#include "core/result.h"

namespace collab::api {

/// A report as its script declared it.
struct ReportDefinition {
  std::string id;  // lower case letters, digits and '-': "formula-and-grant"
  std::string title;
  std::string description;
  std::vector<ParamSpec> params;
};

void install_report_constructor(lua::Sandbox& sandbox, ApiContext& context);

/// Reads the report at `index` (a table collab.report returned), raw.
Result<ReportDefinition> read_report(lua_State* L, int index);

}  // namespace collab::api
