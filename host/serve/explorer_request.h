#pragma once
// The explorer's changes as the page sends them, and the scenario file they make: one year, a
// baseline, and the ordered rule steps (join, withdraw, grant_change, budget_change,
// switch_formula...). The server parses that file with the scenario loader and runs it through
// the same code as `collab whatif`, so the page's figures are the command's by construction, and
// "save as scenario" writes the very text it computed.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace collab::serve {

/// At most this many steps in one request (the page makes one per control moved).
inline constexpr std::size_t kMaxSteps = 200;
/// At most this depth of nested objects and lists in a request.
inline constexpr int kMaxDepth = 32;

/// {"year": "2017/18", "baseline": "data", "steps": [{"rule", "from", "params"}...]}, with for
/// a save also "id", "title", "description" and "overwrite". Shapes checked here; what the
/// values mean (a rule, a force, a percentage) is the scenario loader's and the rules' to check.
struct ExplorerRequest {
  std::string year;
  std::string baseline = "data";
  nlohmann::json steps = nlohmann::json::array();
  std::string id;  // a save's scenario id (valid_id), else empty
  std::string title;
  std::string description;
  bool overwrite = false;
};

/// Parses a request body; an error says which field is wrong. `save` requires a valid "id".
Result<ExplorerRequest> parse_explorer_request(std::string_view body, bool save);

/// The scenario file for `request`, with id `id` (data/scenarios/<id>.json): pretty-printed JSON
/// with the steps in order, each with "rule", "from" and "params".
std::string scenario_text(const ExplorerRequest& request, const std::string& id);

}  // namespace collab::serve
