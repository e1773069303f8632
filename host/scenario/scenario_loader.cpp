// data/scenarios/*.json -> Scenario, through JsonDocument and FieldReader so that every fault
// is an error at its line:column.

#include "scenario/scenario_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <variant>

#include "ledger/ledger.h"
#include "load/context.h"
#include "load/read_file.h"

namespace collab::scenario {

namespace {

using load::FieldReader;
using load::Need;
using load::Node;

const std::vector<std::string_view> kScenarioFields = {"id",    "title", "description", "baseline",
                                                                      "years", "steps"};
const std::vector<std::string_view> kStepFields = {"rule", "from", "params", "note"};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string joined(const std::vector<std::string_view>& names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::optional<FinancialYear> first_budget_year(const Model& model) {
  const auto years = ledger::budget_years(model);
  if (years.empty()) return std::nullopt;
  return years.front();
}

// A year no earlier than the data's first budgeted year (before it there is nothing to split).
bool in_data(FieldReader& read, const Node& at, FinancialYear year, const Model& model, const char* what) {
  const auto first = first_budget_year(model);
  if (!first || year >= *first) return true;
  read.error(at, fmt::format("{} {} is before the data's first budgeted year, {}", what, year.str(), first->str()),
             fmt::format("use {} or later (data/budgets.json starts there)", first->str()));
  return false;
}

// "years": ["2016/17", "2019/20"] or "2016/17..2019/20" (every year from the first to the last).
std::vector<FinancialYear> read_years(FieldReader& read, const Node& parent, const Model& model) {
  std::vector<FinancialYear> years;
  if (!parent.has("years")) {
    read.error(parent, "missing field 'years'", "add \"years\": [\"2016/17\", \"2017/18\"] or \"2016/17..2019/20\"");
    return years;
  }
  const Node node = parent.child("years");
  if (node.json().is_string()) {
    const auto text = node.json().get<std::string>();
    const auto dots = text.find("..");
    auto a = FinancialYear::parse(text.substr(0, dots));
    auto b = dots == std::string::npos ? a : FinancialYear::parse(text.substr(dots + 2));
    if (dots == std::string::npos || !a || !b || b.value() < a.value() ||
        b.value().start_year() - a.value().start_year() > 50) {
      read.error(node, fmt::format("'years' \"{}\" is not a range of years", text),
                 "write \"2016/17..2019/20\" (at most 50 years), or a list [\"2016/17\", \"2019/20\"]");
      return {};
    }
    for (FinancialYear y = a.value(); y <= b.value(); y = y.next()) years.push_back(y);
    return in_data(read, node, years.front(), model, "the year") ? years : std::vector<FinancialYear>{};
  }
  if (!node.json().is_array() || node.json().empty()) {
    read.error(node, "'years' must be a list of financial years or a range", "e.g. \"2016/17..2019/20\"");
    return years;
  }
  bool ok = true;
  for (const Node& item : node.items()) {
    auto y = read.year_value(item);
    if (!y || !in_data(read, item, *y, model, "the year")) {
      ok = false;
    } else if (std::find(years.begin(), years.end(), *y) != years.end()) {
      read.error(item, fmt::format("the year {} is listed twice", y->str()));
      ok = false;
    } else {
      years.push_back(*y);
    }
  }
  std::sort(years.begin(), years.end());
  return ok ? years : std::vector<FinancialYear>{};
}

std::optional<Step> read_step(FieldReader& read, const Node& node, const Model& model) {
  if (!node.json().is_object()) {
    read.error(node, "a step must be an object", "{\"rule\": \"withdraw\", \"from\": \"2017/18\", \"params\": {...}}");
    return std::nullopt;
  }
  const bool fields_ok = known_fields_only(read, node, kStepFields, "a step");
  auto rule = read.text(node, "rule");
  auto from = read.year(node, "from");
  std::optional<Node> params = read.object(node, "params", Need::Optional);
  if (!fields_ok || !rule || !from || (node.has("params") && !params)) return std::nullopt;
  if (!in_data(read, node.child("from"), *from, model, "the step's year")) return std::nullopt;
  Step step;
  step.rule = *rule;
  step.from = *from;
  step.where = node.where();
  step.rule_where = node.child("rule").where();
  step.from_where = node.child("from").where();
  if (params) step.params = load::read_param_value(*params);
  else step.params.where = step.where;
  return step;
}

// The scenario with the steps that could be read (the others have errors), so that one pass also
// checks the good steps' rules and parameters; nothing without a usable id.
std::optional<Scenario> read_scenario(FieldReader& read, const Node& root, const std::string& stem, const Model& model) {
  known_fields_only(read, root, kScenarioFields, "a scenario");
  Scenario s;
  s.where = root.where();
  s.file = s.where.file;
  if (auto id = read.id(root, "id")) {
    s.id = *id;
    if (*id != stem)
      read.error(root.child("id"), fmt::format("the scenario's id is '{}' but its file is {}.json", *id, stem),
                 fmt::format("name the file {}.json, or change the id to '{}'", *id, stem));
  }
  s.title = read.text(root, "title").value_or("");
  s.description = read.text(root, "description", Need::Optional).value_or("");
  if (auto baseline = read.text(root, "baseline", Need::Optional)) {
    s.baseline = *baseline;
    s.baseline_where = root.child("baseline").where();
  }
  s.years = read_years(read, root, model);
  if (auto steps = read.array(root, "steps"))
    for (const Node& item : steps->items())
      if (auto step = read_step(read, item, model)) s.steps.push_back(std::move(*step));
  if (s.id.empty()) return std::nullopt;
  return s;
}

}  // namespace

bool known_fields_only(FieldReader& read, const Node& object, const std::vector<std::string_view>& known,
                       const char* what) {
  bool ok = true;
  for (const auto& [key, value] : object.members()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const std::string near = nearest_name(key, std::vector<std::string>(known.begin(), known.end()));
    read.error(value, fmt::format("unknown field '{}' in {}", key, what),
               near.empty() ? fmt::format("fields of {}: {}", what, joined(known))
                            : fmt::format("did you mean '{}'? (fields of {}: {})", near, what, joined(known)));
    ok = false;
  }
  return ok;
}

std::string nearest_name(std::string_view typed, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 3;  // at most 2 edits
  for (const auto& c : candidates) {
    const std::size_t d = c.starts_with(typed) && !typed.empty() ? 1 : edit_distance(typed, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::optional<Scenario> parse_scenario(const std::string& display, const std::string& stem, std::string text,
                                       const Model& model, Diagnostics& diagnostics) {
  auto doc = load::JsonDocument::parse(display, std::move(text), diagnostics);
  if (!doc) return std::nullopt;
  for (const auto& dup : doc->duplicate_keys())
    diagnostics.add({Severity::Error, {display, dup.line, dup.column}, "duplicate key: only the last would be kept",
                     "remove or rename one of them", doc->line_text(dup.line), {}});
  if (!doc->duplicate_keys().empty()) return std::nullopt;
  FieldReader read(diagnostics);
  Node root(*doc, doc->root(), "");
  if (!root.json().is_object()) {
    read.error(root, "a scenario file must hold a JSON object", "see docs/whatif.md");
    return std::nullopt;
  }
  return read_scenario(read, root, stem, model);
}

std::vector<Scenario> load_scenarios(const std::filesystem::path& root, const Model& model, Diagnostics& diagnostics) {
  std::vector<Scenario> out;
  const auto folder = root / "data" / "scenarios";
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) return out;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string display = "data/scenarios/" + file.filename().string();
    auto text = load::read_bounded(file, load::kMaxDataFileBytes);
    if (auto* failure = std::get_if<load::ReadFailure>(&text)) {
      diagnostics.error({display}, failure->message, failure->hint);
      continue;
    }
    if (auto s = parse_scenario(display, file.stem().string(), std::move(std::get<std::string>(text)), model, diagnostics))
      out.push_back(std::move(*s));
  }
  check_baselines(out, diagnostics);
  return out;
}

Diagnostics with_scenario_excerpts(const std::filesystem::path& root, const Diagnostics& diagnostics) {
  std::map<std::string, std::vector<std::string>> files;  // read once each
  Diagnostics out;
  for (Diagnostic d : diagnostics.items()) {
    if (d.excerpt.empty() && d.where.line > 0 && d.where.file.starts_with("data/scenarios/")) {
      auto [it, fresh] = files.try_emplace(d.where.file);
      if (fresh) {
        auto text = load::read_bounded(root / d.where.file, load::kMaxDataFileBytes);
        if (auto* body = std::get_if<std::string>(&text))
          for (std::size_t start = 0; start <= body->size();) {
            const std::size_t end = std::min(body->find('\n', start), body->size());
            it->second.push_back(body->substr(start, end - start));
            start = end + 1;
          }
      }
      if (static_cast<std::size_t>(d.where.line) <= it->second.size()) d.excerpt = it->second[static_cast<std::size_t>(d.where.line) - 1];
    }
    out.add(std::move(d));
  }
  return out;
}

void check_baselines(std::vector<Scenario>& scenarios, Diagnostics& diagnostics) {
  std::map<std::string, const Scenario*> by_id;
  std::vector<std::string> ids{kDataBaseline};
  for (const auto& s : scenarios) {
    by_id[s.id] = &s;
    ids.push_back(s.id);
  }
  std::set<std::string> bad;
  for (const auto& s : scenarios) {
    std::vector<std::string> chain{s.id};
    for (const Scenario* at = &s; at->baseline != kDataBaseline;) {
      auto next = by_id.find(at->baseline);
      if (next == by_id.end()) {
        if (at == &s) {
          const std::string near = nearest_name(s.baseline, ids);
          diagnostics.error(s.baseline_where, fmt::format("unknown baseline '{}'", s.baseline),
                            near.empty() ? "use \"data\" or the id of a scenario in data/scenarios/"
                                         : fmt::format("did you mean '{}'? (\"data\" or a scenario's id)", near));
        }
        bad.insert(s.id);
        break;
      }
      if (std::find(chain.begin(), chain.end(), next->first) != chain.end()) {
        std::string path;
        for (const auto& c : chain) path += c + " -> ";
        diagnostics.error(s.baseline_where,
                          fmt::format("a cycle of baselines: {}{}", path, next->first),
                          "a scenario's baseline chain must end at \"data\"");
        bad.insert(s.id);
        break;
      }
      chain.push_back(next->first);
      at = next->second;
    }
  }
  std::erase_if(scenarios, [&](const Scenario& s) { return bad.count(s.id) > 0; });
}

}  // namespace collab::scenario
