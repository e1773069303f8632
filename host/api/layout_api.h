#pragma once
// collab.layout.*: the constructors a report's build function makes its document with
// (document, heading, paragraph, note, list, table, chart, total, subtotal, cell, em, strong,
// footnote_ref). Each checks its argument's shape at the script's line and returns a copy marked
// with its kind and the line that made it, so the host's reader (document_reader.h) can tell a
// total row from a body row and name that line in any later error.

#include <lua.hpp>

#include <optional>
#include <string>

#include "api/api.h"

namespace collab::api {

void install_layout_api(lua::Sandbox& sandbox, ApiContext& context);

/// What a collab.layout constructor made: its kind ("table", "total", "cell"...) and where
/// ("scripts/reports/contributions.lua:42").
struct Made {
  std::string kind;
  std::string where;
};

/// The mark of the value at `index`, or nullopt for a plain value. Raw reads only.
std::optional<Made> layout_mark(lua_State* L, int index);

}  // namespace collab::api
