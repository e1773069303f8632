#pragma once
// Reading the document a report's build function returned into the host's document model, raw
// (no metamethod runs) and deep: every block, column, row and cell, each fault a message that
// names the line that made the block, the block, the row and the column
// ("scripts/reports/contributions.lua:42: table 'contributions' (block 3), row 4, column
// 'notts': money expected (integer pence), got string"). What is copied out is bounded by
// DocumentLimits, apart from the sandbox's memory.

#include <lua.hpp>

#include <optional>
#include <string>
#include <vector>

#include "money/calendar.h"
#include "report/document.h"

namespace collab::api {

/// What a cell's `explain` asks for. The host turns each into a report::Explanation with the
/// cell's `explain` id.
struct ExplainRequest {
  enum class Kind {
    Share,  // {unit=, force=, year=, kind="cash"|"in_kind"}: a force's part of a unit's budget
    Total,  // {force=, year=, of="cash"|"in_kind"|"all"}: a force's total
    Text,   // {title=, lines={...}}: the layout's own words (a figure the ledger does not hold)
  };
  std::string id;
  Kind kind = Kind::Text;
  std::string unit, force, of;
  std::optional<FinancialYear> year;
  std::string title;
  std::vector<std::string> lines;
  std::string where;  // the line that made the cell's block, for errors resolving it
};

struct ReadDocument {
  report::Document document;
  std::vector<ExplainRequest> explains;  // one per distinct id
};

/// Reads the document at `index` (made by collab.layout.document). Throws std::runtime_error
/// with the first fault. The host's own checks and sums (complete_document) come after.
ReadDocument read_document(lua_State* L, int index, const report::DocumentLimits& limits);

}  // namespace collab::api
