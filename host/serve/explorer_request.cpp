#include "serve/explorer_request.h"

#include <fmt/format.h>

#include "serve/request_checks.h"

namespace collab::serve {

namespace {

using nlohmann::json;

// The string member `key` of `object` into `out`; absent leaves `out`. False (with `error` set)
// when present but not a string, or longer than `max` bytes.
bool read_string(const json& object, const char* key, std::string& out, std::string& error, std::size_t max = 200) {
  const auto it = object.find(key);
  if (it == object.end()) return true;
  if (!it->is_string()) {
    error = fmt::format("'{}' must be a string", key);
    return false;
  }
  out = it->get<std::string>();
  if (out.size() > max) {
    error = fmt::format("'{}' is longer than {} bytes", key, max);
    return false;
  }
  return true;
}

Result<json> read_steps(const json& body) {
  const auto it = body.find("steps");
  if (it == body.end()) return json::array();
  if (!it->is_array()) return fail("'steps' must be a list of steps");
  if (it->size() > kMaxSteps) return fail(fmt::format("at most {} steps are accepted, not {}", kMaxSteps, it->size()));
  json steps = json::array();
  std::size_t n = 0;
  for (const json& step : *it) {
    ++n;
    if (!step.is_object()) return fail(fmt::format("step {} must be an object", n));
    json out = json::object();
    for (const auto& [key, value] : step.items()) {
      if (key != "rule" && key != "from" && key != "params" && key != "note")
        return fail(fmt::format("step {}: unknown field '{}' (a step has rule, from, params and note)", n, key));
      out[key] = value;
    }
    if (!out.contains("rule") || !out["rule"].is_string()) return fail(fmt::format("step {}: 'rule' must be a string", n));
    if (!out.contains("from") || !out["from"].is_string()) return fail(fmt::format("step {}: 'from' must be a year", n));
    if (!out.contains("params")) out["params"] = json::object();
    if (!out["params"].is_object()) return fail(fmt::format("step {}: 'params' must be an object", n));
    steps.push_back(std::move(out));
  }
  return steps;
}

}  // namespace

Result<ExplorerRequest> parse_explorer_request(std::string_view body, bool save) {
  // Deeper nesting than any step needs is refused while parsing: printing the file back
  // (dump) recurses once per level.
  bool too_deep = false;
  const json::parser_callback_t depth_guard = [&too_deep](int depth, json::parse_event_t, json&) {
    if (depth > kMaxDepth) too_deep = true;
    return !too_deep;
  };
  json parsed = json::parse(body.begin(), body.end(), depth_guard, false);
  if (too_deep) return fail(fmt::format("the request is nested deeper than {} levels", kMaxDepth));
  if (parsed.is_discarded() || !parsed.is_object()) return fail("the request body must be a JSON object");
  ExplorerRequest out;
  std::string error;
  if (!read_string(parsed, "year", out.year, error) || !read_string(parsed, "baseline", out.baseline, error) ||
      !read_string(parsed, "id", out.id, error) || !read_string(parsed, "title", out.title, error) ||
      !read_string(parsed, "description", out.description, error, 4000))
    return fail(error);
  if (out.year.empty()) return fail("'year' is required, e.g. \"2017/18\"");
  if (out.baseline != "data" && !valid_id(out.baseline)) return fail("'baseline' must be \"data\" or a scenario's id");
  if (const auto it = parsed.find("overwrite"); it != parsed.end()) {
    if (!it->is_boolean()) return fail("'overwrite' must be true or false");
    out.overwrite = it->get<bool>();
  }
  if (save && !valid_id(out.id))
    return fail("'id' must be 1 to 64 of a-z, 0-9, '-' and '_', starting with a letter or digit (it names "
                "data/scenarios/<id>.json)");
  if (!save && !out.id.empty()) return fail("'id' is given only to save");
  auto steps = read_steps(parsed);
  if (!steps) return fail(steps.error());
  out.steps = std::move(steps).value();
  return out;
}

std::string scenario_text(const ExplorerRequest& request, const std::string& id) {
  // ordered_json keeps the fields in the order a person reads them.
  nlohmann::ordered_json doc;
  doc["id"] = id;
  doc["title"] = request.title.empty() ? fmt::format("Explorer changes, {}", request.year) : request.title;
  doc["description"] = request.description.empty()
                           ? std::string("Saved from the scenario explorer (collab serve).")
                           : request.description;
  doc["baseline"] = request.baseline;
  doc["years"] = nlohmann::ordered_json::array({request.year});
  doc["steps"] = nlohmann::ordered_json::array();
  for (const auto& step : request.steps) {
    nlohmann::ordered_json s;
    s["rule"] = step.at("rule");
    s["from"] = step.at("from");
    s["params"] = nlohmann::ordered_json::parse(step.at("params").dump());
    if (step.contains("note")) s["note"] = step.at("note");
    doc["steps"].push_back(std::move(s));
  }
  return doc.dump(2) + "\n";
}

}  // namespace collab::serve
