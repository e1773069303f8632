// data/sweeps/*.json -> Spec, through JsonDocument and FieldReader: every fault an error at its
// line:column, unknown fields with the nearest known one.

#include "sweep/spec.h"

#include <fmt/format.h>

#include <algorithm>
#include <variant>

#include "ledger/ledger.h"
#include "load/context.h"
#include "load/field_reader.h"
#include "load/json_document.h"
#include "load/read_file.h"
#include "scenario/scenario_loader.h"

namespace collab::sweep {

namespace {

using load::FieldReader;
using load::Need;
using load::Node;

const std::vector<std::string_view> kSpecFields = {"title", "year",  "baseline", "steps", "method",
                                                   "resolution", "points", "runs", "seed", "vary", "note"};
const std::vector<std::string_view> kStepFields = {"rule", "from", "params", "note"};
const std::vector<std::string_view> kVaryFields = {"grants", "budgets", "step", "param", "by", "range", "each", "note"};

using scenario::known_fields_only;

// The names `text` may be among, for a hint: "did you mean 'x'?" or the first few.
std::string name_hint(const std::string& text, const std::vector<std::string>& names, const char* what) {
  const std::string near = scenario::nearest_name(text, names);
  if (!near.empty()) return fmt::format("did you mean '{}'?", near);
  std::string some;
  for (std::size_t i = 0; i < names.size() && i < 6; ++i) some += (i ? ", " : "") + names[i];
  return fmt::format("{} are: {}{}", what, some, names.size() > 6 ? ", ..." : "");
}

class SpecReader {
 public:
  SpecReader(const Model& model, Diagnostics& diagnostics) : model_(model), read_(diagnostics) {
    for (const auto& f : model.forces) force_ids_.push_back(f.id);
    for (const auto& u : model.collaborations) unit_ids_.push_back(u.id);
  }

  std::optional<Spec> read(const Node& root) {
    Spec spec;
    spec.where = root.where();
    spec.file = spec.where.file;
    known_fields_only(read_, root, kSpecFields, "a sweep");
    spec.title = read_.text(root, "title", Need::Optional).value_or("");
    if (auto y = read_.year(root, "year")) spec.year = *y;
    if (auto b = read_.text(root, "baseline", Need::Optional)) {
      spec.baseline = *b;
      spec.baseline_where = root.child("baseline").where();
    }
    if (auto steps = read_.array(root, "steps", Need::Optional)) {
      for (const Node& item : steps->items()) {
        if (auto step = read_step(item)) spec.steps.push_back(std::move(*step));
        else steps_ok_ = false;
      }
    }
    read_method(root, spec);
    if (root.has("resolution")) {
      const Node at = root.child("resolution");
      auto r = read_.percent_value(at);
      if (r && r->units() <= 0) {
        read_.error(at, "the resolution must be above 0", "e.g. \"0.01%\": every drawn value is a multiple of it");
      } else if (r) {
        spec.resolution = r->units();
      }
    }
    if (auto seed = read_.count(root, "seed", Need::Optional)) spec.seed = static_cast<std::uint64_t>(*seed);
    if (auto vary = read_.array(root, "vary")) {
      if (vary->items().empty()) read_.error(*vary, "'vary' is empty: nothing would vary", "add {\"grants\": \"all\", \"by\": [\"-10%\", \"10%\"]}");
      for (const Node& item : vary->items()) read_vary(item, spec);
    }
    if (spec.method == Method::Grid && read_.errors() == 0 && !spec.grid_size())
      read_.error(root, "the grid has more than 10^9 points",
                  "use fewer points, \"each\": false to move a list together, or \"method\": \"monte-carlo\"");
    if (read_.errors() > 0 || !steps_ok_) return std::nullopt;
    return spec;
  }

 private:
  void read_method(const Node& root, Spec& spec) {
    const std::string method = read_.text(root, "method", Need::Optional).value_or("monte-carlo");
    if (method == "grid") {
      spec.method = Method::Grid;
      auto points = read_.count(root, "points");
      if (points && (*points < 2 || *points > 1000))
        read_.error(root.child("points"), "'points' must be from 2 to 1000", "each range gets this many values, both ends included");
      else if (points)
        spec.grid_points = *points;
      if (root.has("runs")) read_.error(root.child("runs"), "a grid has no 'runs': its size is its points", "remove 'runs'");
    } else if (method == "monte-carlo") {
      spec.method = Method::MonteCarlo;
      if (root.has("points")) read_.error(root.child("points"), "'points' is for a grid", "remove it, or say \"method\": \"grid\"");
      if (auto runs = read_.count(root, "runs", Need::Optional)) {
        if (*runs < 1) read_.error(root.child("runs"), "'runs' must be at least 1");
        spec.runs = static_cast<std::uint64_t>(*runs);
      }
    } else {
      read_.error(root.child("method"), fmt::format("unknown method '{}'", method), "\"monte-carlo\" (the default) or \"grid\"");
    }
  }

  std::optional<scenario::Step> read_step(const Node& node) {
    if (!node.json().is_object()) {
      read_.error(node, "a step must be an object", "{\"rule\": \"limit_change\", \"from\": \"2017/18\", \"params\": {...}}");
      return std::nullopt;
    }
    const bool fields_ok = known_fields_only(read_, node, kStepFields, "a step");
    auto rule = read_.text(node, "rule");
    auto from = read_.year(node, "from");
    std::optional<Node> params = read_.object(node, "params", Need::Optional);
    if (!fields_ok || !rule || !from || (node.has("params") && !params)) return std::nullopt;
    const auto years = ledger::budget_years(model_);
    if (!years.empty() && *from < years.front()) {
      read_.error(node.child("from"), fmt::format("the step's year {} is before the data's first budgeted year, {}",
                                                  from->str(), years.front().str()));
      return std::nullopt;
    }
    scenario::Step step;
    step.rule = *rule;
    step.from = *from;
    step.where = node.where();
    step.rule_where = node.child("rule").where();
    step.from_where = node.child("from").where();
    if (params) step.params = load::read_param_value(*params);
    else step.params.where = step.where;
    return step;
  }

  // A bound: "-10%" (a percentage) or a JSON number (a plain number, or with `percent` a number
  // of percent); in 0.0001 units.
  std::optional<std::int64_t> bound(const Node& at, bool& percent) {
    if (at.json().is_string()) {
      percent = true;
      auto p = read_.percent_value(at);
      if (!p) return std::nullopt;
      return p->units();
    }
    if (at.json().is_number()) {
      percent = false;
      auto p = parse_percent_json_number(at.doc().number_text(at.pointer()));
      if (!p) {
        read_.error(at, p.error(), "at most 4 decimal places");
        return std::nullopt;
      }
      return p.value().units();
    }
    read_.error(at, "a bound must be a percentage (\"-10%\") or a number", "e.g. [\"-10%\", \"10%\"] or [0, 100]");
    return std::nullopt;
  }

  // "by" / "range": [lo, hi] with lo <= hi.
  bool range(const Node& item, const char* key, Dimension& d, bool must_be_percent) {
    auto node = read_.array(item, key);
    if (!node) return false;
    if (node->items().size() != 2) {
      read_.error(*node, fmt::format("'{}' must be [lowest, highest]", key), "e.g. [\"-10%\", \"10%\"]");
      return false;
    }
    bool p0 = true, p1 = true;
    auto lo = bound(node->at(0), p0);
    auto hi = bound(node->at(1), p1);
    if (!lo || !hi) return false;
    if (p0 != p1) {
      read_.error(*node, "both bounds must be percentages or both numbers", "e.g. [\"1%\", \"5%\"] or [0, 100]");
      return false;
    }
    if (must_be_percent && !p0) {
      read_.error(*node, fmt::format("'{}' takes percentages", key), "write them as text: [\"-10%\", \"10%\"]");
      return false;
    }
    if (*lo > *hi) {
      read_.error(*node, fmt::format("the range is empty: {} is above {}", value_text_of(p0, *lo), value_text_of(p0, *hi)),
                  "give the lowest value first");
      return false;
    }
    if (must_be_percent && *lo <= -100 * Percent::kUnitsPerPercent) {
      read_.error(node->at(0), fmt::format("{} would leave nothing or less than nothing", value_text_of(true, *lo)),
                  "a change must be above -100%");
      return false;
    }
    d.lo = *lo;
    d.hi = *hi;
    d.percent = p0;
    d.where = node->where();
    return true;
  }

  static std::string value_text_of(bool percent, std::int64_t v) {
    Dimension d;
    d.percent = percent;
    return value_text(d, v);
  }

  std::vector<std::string> names_of(const Node& item, const char* key, const std::vector<std::string>& known,
                                    const char* what) {
    const Node node = item.child(key);
    std::vector<std::string> out;
    std::vector<Node> values;
    if (node.json().is_string() && node.json().get<std::string>() == "all") return known;
    if (node.json().is_string()) values.push_back(node);
    else if (node.json().is_array() && !node.json().empty()) values = node.items();
    else read_.error(node, fmt::format("'{}' must be \"all\", an id or a list of ids", key));
    for (const Node& v : values) {
      if (!v.json().is_string()) {
        read_.error(v, "an id must be text");
        continue;
      }
      const auto id = v.json().get<std::string>();
      if (std::find(known.begin(), known.end(), id) == known.end()) {
        read_.error(v, fmt::format("unknown {} '{}'", what, id), name_hint(id, known, what == std::string("force") ? "forces" : "units"));
      } else if (std::find(out.begin(), out.end(), id) != out.end()) {
        read_.error(v, fmt::format("'{}' is listed twice", id));
      } else {
        out.push_back(id);
      }
    }
    return out;
  }

  void read_vary(const Node& item, Spec& spec) {
    if (!item.json().is_object()) {
      read_.error(item, "each 'vary' entry must be an object", "{\"grants\": \"all\", \"by\": [\"-10%\", \"10%\"]}");
      return;
    }
    if (!known_fields_only(read_, item, kVaryFields, "a 'vary' entry")) return;
    const int kinds = int(item.has("grants")) + int(item.has("budgets")) + int(item.has("step"));
    if (kinds != 1) {
      read_.error(item, "a 'vary' entry moves one thing: give one of 'grants', 'budgets' or 'step'");
      return;
    }
    const bool each = read_.boolean(item, "each", Need::Optional).value_or(true);
    Dimension d;
    if (item.has("grants") || item.has("budgets")) {
      const bool grants = item.has("grants");
      if (item.has("range") || item.has("param")) {
        read_.error(item, "grants and budgets change 'by' a range of percentages", "{\"grants\": \"all\", \"by\": [\"-10%\", \"10%\"]}");
        return;
      }
      const auto ids = grants ? names_of(item, "grants", force_ids_, "force") : names_of(item, "budgets", unit_ids_, "unit");
      if (!range(item, "by", d, true) || ids.empty()) return;
      d.target = grants ? Target::Grant : Target::Budget;
      const char* kind = grants ? "grant" : "budget";
      auto add = [&](const std::vector<std::string>& group, std::string name) {
        Dimension one = d;
        one.name = std::move(name);
        for (const auto& id : group) {
          if (grants) one.forces.push_back(static_cast<std::size_t>(std::find(force_ids_.begin(), force_ids_.end(), id) - force_ids_.begin()));
          else one.units.push_back(id);
        }
        spec.dimensions.push_back(std::move(one));
      };
      if (each) {
        for (const auto& id : ids) add({id}, fmt::format("{}:{}", kind, id));
      } else {
        const bool all = item.child(grants ? "grants" : "budgets").json().is_string() &&
                         item.child(grants ? "grants" : "budgets").json().get<std::string>() == "all";
        add(ids, ids.size() == 1 ? fmt::format("{}:{}", kind, ids[0]) : all ? fmt::format("{}s:all", kind)
                                                                           : fmt::format("{}s:{}+{}", kind, ids[0], ids.size() - 1));
      }
      return;
    }
    // A step's parameter.
    if (item.has("by") || item.has("each")) {
      read_.error(item, "a step's parameter varies over a 'range'", "{\"step\": 1, \"param\": \"cap\", \"range\": [\"1%\", \"5%\"]}");
      return;
    }
    auto step = read_.count(item, "step");
    auto param = read_.text(item, "param");
    if (!step || !param) return;
    if (*step < 1 || static_cast<std::size_t>(*step) > spec.steps.size()) {
      read_.error(item.child("step"), fmt::format("there is no step {}: the sweep has {} step{}", *step, spec.steps.size(),
                                                  spec.steps.size() == 1 ? "" : "s"),
                  "steps are numbered from 1 in the order of 'steps'");
      return;
    }
    d.target = Target::StepParam;
    d.step = static_cast<std::size_t>(*step - 1);
    for (std::size_t start = 0;;) {
      const auto dot = param->find('.', start);
      d.path.push_back(param->substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    // The parameter must be written in the step, so its type (and the baseline's value) is known.
    const ParamValue* at = &spec.steps[d.step].params;
    for (const auto& key : d.path) at = at && at->is_object() ? at->member(key) : nullptr;
    if (at == nullptr) {
      read_.error(item.child("param"), fmt::format("step {} ({}) has no parameter '{}'", *step, spec.steps[d.step].rule, *param),
                  "write the parameter in the step's params with a value of its type, then vary it here");
      return;
    }
    if (!range(item, "range", d, false)) return;
    const bool written_percent = at->type == ParamValue::Type::String;
    if (written_percent != d.percent || !(written_percent || at->type == ParamValue::Type::Integer ||
                                          at->type == ParamValue::Type::Number)) {
      read_.error(item.child("range"), fmt::format("the step's '{}' is {}, so the range must be {}", *param,
                                                   written_percent ? "a percentage" : "a number",
                                                   written_percent ? "percentages" : "numbers"));
      return;
    }
    d.name = fmt::format("step{}:{}", *step, *param);
    spec.dimensions.push_back(std::move(d));
  }

  const Model& model_;
  FieldReader read_;
  std::vector<std::string> force_ids_, unit_ids_;
  bool steps_ok_ = true;
};

}  // namespace

std::optional<std::uint64_t> Spec::grid_size() const {
  std::uint64_t n = 1;
  for (std::size_t i = 0; i < dimensions.size(); ++i) {
    if (n > 1'000'000'000ULL / static_cast<std::uint64_t>(grid_points)) return std::nullopt;
    n *= static_cast<std::uint64_t>(grid_points);
  }
  return n;
}

std::string value_text(const Dimension& dimension, std::int64_t value) {
  const std::uint64_t magnitude = value < 0 ? static_cast<std::uint64_t>(-(value + 1)) + 1 : static_cast<std::uint64_t>(value);
  std::string text = std::to_string(magnitude / Percent::kUnitsPerPercent);
  std::string fraction = fmt::format("{:04}", magnitude % Percent::kUnitsPerPercent);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) text += "." + fraction;
  return (value < 0 ? "-" : "") + text + (dimension.percent ? "%" : "");
}

std::optional<Spec> parse_spec(const std::string& display, std::string text, const Model& model, Diagnostics& diagnostics) {
  auto doc = load::JsonDocument::parse(display, std::move(text), diagnostics);
  if (!doc) return std::nullopt;
  for (const auto& dup : doc->duplicate_keys())
    diagnostics.add({Severity::Error, {display, dup.line, dup.column}, "duplicate key: only the last would be kept",
                     "remove or rename one of them", doc->line_text(dup.line), {}});
  if (!doc->duplicate_keys().empty()) return std::nullopt;
  FieldReader read(diagnostics);
  Node root(*doc, doc->root(), "");
  if (!root.json().is_object()) {
    read.error(root, "a sweep file must hold a JSON object", "see docs/sweep.md");
    return std::nullopt;
  }
  auto spec = SpecReader(model, diagnostics).read(root);
  if (!spec) return std::nullopt;
  // Each value must be a multiple of the resolution, so every drawn value is exact.
  bool ok = true;
  for (const auto& d : spec->dimensions)
    if (d.lo % spec->resolution != 0 || d.hi % spec->resolution != 0) {
      Dimension r;
      r.percent = true;
      diagnostics.error(d.where, fmt::format("{}: the bounds {} and {} are not multiples of the resolution {}", d.name,
                                             value_text(d, d.lo), value_text(d, d.hi), value_text(r, spec->resolution)),
                        "round the bounds, or set a finer \"resolution\"");
      ok = false;
    }
  if (!ok) return std::nullopt;
  return spec;
}

std::optional<Spec> read_spec(const std::filesystem::path& path, const std::string& display, const Model& model,
                              Diagnostics& diagnostics) {
  auto text = load::read_bounded(path, load::kMaxDataFileBytes);
  if (auto* failure = std::get_if<load::ReadFailure>(&text)) {
    diagnostics.error({display}, failure->message, failure->hint);
    return std::nullopt;
  }
  return parse_spec(display, std::move(std::get<std::string>(text)), model, diagnostics);
}

}  // namespace collab::sweep
