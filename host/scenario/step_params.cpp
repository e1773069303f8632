// Checking and normalising a step's parameters, one declared type at a time.

#include "scenario/step_params.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "scenario/scenario_loader.h"

namespace collab::scenario {

namespace {

using Type = ParamValue::Type;

ParamValue text_value(std::string text, const SourceLocation& where) {
  ParamValue v;
  v.type = Type::String;
  v.text = std::move(text);
  v.where = where;
  return v;
}

// A JSON number as the text it was written as (the shortest form that reads back the same).
std::optional<std::string> number_text(const ParamValue& v) {
  if (v.type == Type::Integer) return std::to_string(v.integer);
  if (v.type == Type::Number) return fmt::format("{}", v.number);
  if (v.type == Type::String) return v.text;
  return std::nullopt;
}

std::optional<ParamValue> force_value(const ParamValue& v, const Model& model, std::string& error) {
  if (v.type == Type::String && model.force(v.text) != nullptr) return text_value(v.text, v.where);
  std::vector<std::string> ids;
  for (const Force& f : model.forces) ids.push_back(f.id);
  const Force* named = v.type == Type::String ? model.find_force(v.text) : nullptr;
  const std::string near = named ? named->id : v.type == Type::String ? nearest_name(v.text, ids) : "";
  error = v.type != Type::String ? "a force id (a string) expected"
          : near.empty()         ? fmt::format("unknown force '{}' (forces of the region: {})", v.text, fmt::join(ids, ", "))
                                 : fmt::format("unknown force '{}': did you mean '{}'?", v.text, near);
  return std::nullopt;
}

std::optional<ParamValue> forces_value(const ParamValue& v, const Model& model, std::string& error) {
  ParamValue list;
  list.type = Type::Array;
  list.where = v.where;
  if (v.type == Type::String && v.text == "all") {
    for (const Force& f : model.forces) list.items.push_back(text_value(f.id, v.where));
    return list;
  }
  std::vector<const ParamValue*> given;
  if (v.type == Type::Array) for (const auto& item : v.items) given.push_back(&item);
  else given.push_back(&v);
  for (const ParamValue* item : given) {
    auto f = force_value(*item, model, error);
    if (!f) return std::nullopt;
    list.items.push_back(std::move(*f));
  }
  if (list.items.empty()) error = "no forces given: a force id, a list of them, or \"all\"";
  return list.items.empty() ? std::nullopt : std::optional<ParamValue>(list);
}

std::optional<ParamValue> unit_value(const ParamValue& v, const Model& model, std::string& error) {
  if (v.type == Type::String && model.collaboration(v.text) != nullptr) return text_value(v.text, v.where);
  std::vector<std::string> ids;
  for (const Collaboration& c : model.collaborations) ids.push_back(c.id);
  const Collaboration* named = v.type == Type::String ? model.find_collaboration(v.text) : nullptr;
  const std::string near = named ? named->id : v.type == Type::String ? nearest_name(v.text, ids) : "";
  error = v.type != Type::String ? "a unit id (a string) expected"
          : near.empty() ? fmt::format("unknown unit '{}' (units are the ids in data/collaborations.json)", v.text)
                         : fmt::format("unknown unit '{}': did you mean '{}'?", v.text, near);
  return std::nullopt;
}

std::optional<ParamValue> year_value(const ParamValue& v, std::string& error) {
  auto y = v.type == Type::String ? FinancialYear::parse(v.text) : Result<FinancialYear>(fail("a year such as \"2017/18\" expected"));
  if (!y) {
    error = y.error();
    return std::nullopt;
  }
  return text_value(y.value().str(), v.where);
}

std::optional<ParamValue> percent_value(const ParamValue& v, std::string& error) {
  auto text = number_text(v);
  auto p = text ? parse_percent(*text) : Result<Percent>(fail("a percentage such as \"-5%\" or -5 expected"));
  if (!p) {
    error = p.error();
    return std::nullopt;
  }
  if (p.value() <= Percent::from_units(-100 * Percent::kUnitsPerPercent)) {
    error = fmt::format("{} would leave nothing or less than nothing: a change must be above -100%", percent_text(p.value()));
    return std::nullopt;
  }
  return text_value(percent_text(p.value()), v.where);
}

std::optional<ParamValue> money_value(const ParamValue& v, std::string& error) {
  auto text = number_text(v);
  auto m = text ? parse_money(*text) : Result<Money>(fail("an amount in pounds such as 1234.56 or \"£1,234.56\" expected"));
  if (!m) {
    error = m.error();
    return std::nullopt;
  }
  if (m.value().pence() < 0) {
    error = fmt::format("{} is negative: an amount must be 0 or more", format_money(m.value()));
    return std::nullopt;
  }
  ParamValue out;
  out.type = Type::Integer;
  out.integer = m.value().pence();
  out.where = v.where;
  return out;
}

std::optional<ParamValue> checked(const RuleParam& spec, const ParamValue& v, const Model& model, std::string& error) {
  if (spec.type == "force") return force_value(v, model, error);
  if (spec.type == "forces") return forces_value(v, model, error);
  if (spec.type == "unit") return unit_value(v, model, error);
  if (spec.type == "year") return year_value(v, error);
  if (spec.type == "percent") return percent_value(v, error);
  if (spec.type == "money") return money_value(v, error);
  if (spec.type != v.lua_type()) {
    error = fmt::format("a {} expected, not a {}", spec.type, v.lua_type());
    return std::nullopt;
  }
  return v;
}

std::string params_summary(const RuleDefinition& rule) {
  if (rule.params.empty()) return fmt::format("rule '{}' takes no parameters", rule.id);
  std::string out;
  for (const auto& p : rule.params)
    out += fmt::format("{}{} ({}{})", out.empty() ? "" : ", ", p.name, p.type, p.required ? ", required" : "");
  return fmt::format("parameters of '{}': {}", rule.id, out);
}

}  // namespace

std::string percent_text(Percent p) {
  const int64_t units = p.units();
  const uint64_t magnitude = units < 0 ? static_cast<uint64_t>(-(units + 1)) + 1 : static_cast<uint64_t>(units);
  std::string text = std::to_string(magnitude / Percent::kUnitsPerPercent);
  std::string fraction = fmt::format("{:04}", magnitude % Percent::kUnitsPerPercent);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) text += "." + fraction;
  return (units < 0 ? "-" : "") + text + "%";
}

std::optional<ParamValue> check_params(const RuleDefinition& rule, const Step& step, const Model& model,
                                       Diagnostics& diagnostics) {
  ParamValue out;
  out.where = step.params.where;
  bool ok = true;
  for (const auto& member : step.params.members) {
    const std::string& name = member.key;  // not a structured binding: clang 14 cannot capture one
    const ParamValue& value = member.value;
    auto spec = std::find_if(rule.params.begin(), rule.params.end(), [&](const RuleParam& p) { return p.name == name; });
    if (spec == rule.params.end()) {
      std::vector<std::string> names;
      for (const auto& p : rule.params) names.push_back(p.name);
      const std::string near = nearest_name(name, names);
      diagnostics.error(value.where, fmt::format("rule '{}' has no parameter '{}'{}", rule.id, name,
                                                 near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)),
                        params_summary(rule));
      ok = false;
      continue;
    }
    if (value.type == Type::Null) continue;
    std::string error;
    auto normal = checked(*spec, value, model, error);
    if (!normal) {
      diagnostics.error(value.where, fmt::format("parameter '{}' of rule '{}': {}", name, rule.id, error), spec->doc);
      ok = false;
      continue;
    }
    out.members.push_back({name, std::move(*normal)});
  }
  for (const auto& spec : rule.params)
    if (spec.required && !step.params.contains(spec.name)) {
      diagnostics.error(step.where, fmt::format("rule '{}' needs parameter '{}' ({})", rule.id, spec.name, spec.type),
                        spec.doc.empty() ? params_summary(rule) : spec.doc);
      ok = false;
    }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace collab::scenario
