// One input of the data, named and changed by a percentage on a copy of the model.

#include "scenario/impact.h"

#include <fmt/format.h>

#include "scenario/draft_api.h"

namespace collab::scenario {

namespace {

constexpr const char* kForms =
    "give grant:<force>:<year>, budget:<unit>:<year>[:cash|:in_kind] or param:<unit or region>:<parameter>";

std::vector<std::string> split_colons(const std::string& text) {
  std::vector<std::string> out{""};
  for (char c : text) {
    if (c == ':') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

// The number at `path` ("mix.grant") inside `params`, or null.
ParamValue* number_at(ParamValue& params, const std::string& path) {
  ParamValue* at = &params;
  std::string rest = path;
  while (true) {
    const auto dot = rest.find('.');
    const std::string key = rest.substr(0, dot);
    ParamValue* next = nullptr;
    for (auto& member : at->members)
      if (member.key == key) next = &member.value;
    if (next == nullptr) return nullptr;
    at = next;
    if (dot == std::string::npos) break;
    rest = rest.substr(dot + 1);
  }
  return at->type == ParamValue::Type::Integer || at->type == ParamValue::Type::Number ? at : nullptr;
}

}  // namespace

Result<ImpactInput> parse_impact_input(const std::string& text, const Model& model) {
  const auto parts = split_colons(text);
  ImpactInput in;
  if (parts.size() < 3) return fail(fmt::format("'{}' is not an input: {}", text, kForms));
  auto year = [&](const std::string& y) -> Result<FinancialYear> { return FinancialYear::parse(y); };
  if (parts[0] == "grant" && parts.size() == 3) {
    const Force* f = model.find_force(parts[1]);
    if (f == nullptr) return fail(fmt::format("unknown force '{}' ('collab forces' lists them)", parts[1]));
    auto y = year(parts[2]);
    if (!y) return fail(y.error());
    if (!model.central_grant(f->id, y.value()))
      return fail(fmt::format("the data gives no central grant for {} in {}", f->id, y.value().str()));
    in.kind = ImpactInput::Kind::Grant;
    in.id = f->id;
    in.year = y.value();
    in.text = fmt::format("{}'s central grant {}", f->name, y.value().str());
    return in;
  }
  if (parts[0] == "budget" && (parts.size() == 3 || parts.size() == 4)) {
    const Collaboration* u = model.find_collaboration(parts[1]);
    if (u == nullptr) return fail(fmt::format("unknown unit '{}' ('collab units' lists them)", parts[1]));
    auto y = year(parts[2]);
    if (!y) return fail(y.error());
    in.kind = ImpactInput::Kind::Budget;
    in.id = u->id;
    in.year = y.value();
    if (parts.size() == 4) {
      if (parts[3] != "cash" && parts[3] != "in_kind") return fail(fmt::format("'{}': the kind is cash or in_kind", parts[3]));
      in.of = parts[3] == "cash" ? ContributionKind::Cash : ContributionKind::InKind;
    }
    in.text = fmt::format("the {}budget of {} {}", in.of ? (parts[3] == "cash" ? "cash " : "in-kind ") : "", u->name,
                          y.value().str());
    return in;
  }
  if (parts[0] == "param" && parts.size() == 3) {
    in.kind = ImpactInput::Kind::Param;
    in.param = parts[2];
    if (parts[1] == "region") {
      in.id = "region";
      in.text = fmt::format("parameter '{}' of the region's formula", in.param);
    } else {
      const Collaboration* u = model.find_collaboration(parts[1]);
      if (u == nullptr) return fail(fmt::format("unknown unit '{}' ('collab units' lists them)", parts[1]));
      in.id = u->id;
      in.text = fmt::format("parameter '{}' of {}'s formula", in.param, u->name);
    }
    return in;
  }
  return fail(fmt::format("'{}' is not an input: {}", text, kForms));
}

Result<Model> changed_model(const Model& model, const ImpactInput& input, Percent by) {
  Model copy = model;
  switch (input.kind) {
    case ImpactInput::Kind::Grant:
      for (GrantTable& t : copy.central_grants)
        if (t.year == *input.year && t.amounts.count(input.id) > 0) {
          t.amounts[input.id] = change_by_percent(t.amounts[input.id], by);
          t.published_total.reset();
          return copy;
        }
      return fail(fmt::format("the data gives no central grant for {} in {}", input.id, input.year->str()));
    case ImpactInput::Kind::Budget:
      for (BudgetTable& t : copy.budgets)
        if (t.year == *input.year)
          for (BudgetLine& line : t.lines)
            if (line.unit == input.id) {
              if (line.cash && input.of != ContributionKind::InKind) line.cash = change_by_percent(*line.cash, by);
              if (line.in_kind && input.of != ContributionKind::Cash) line.in_kind = change_by_percent(*line.in_kind, by);
              return copy;
            }
      return fail(fmt::format("'{}' has no budget in {} (data/budgets.json)", input.id, input.year->str()));
    case ImpactInput::Kind::Param: {
      const double factor = 1.0 + static_cast<double>(by.units()) / (100.0 * Percent::kUnitsPerPercent);
      int changed = 0;
      auto change = [&](FormulaChoice& choice) {
        if (ParamValue* v = number_at(choice.params, input.param)) {
          const double was = v->type == ParamValue::Type::Integer ? static_cast<double>(v->integer) : v->number;
          v->type = ParamValue::Type::Number;
          v->number = was * factor;
          ++changed;
        }
      };
      if (input.id == "region") change(copy.region.default_formula);
      else
        for (Collaboration& c : copy.collaborations)
          if (c.id == input.id)
            for (FormulaChoice& choice : c.formula) change(choice);
      if (changed == 0)
        return fail(fmt::format("{} names no numeric parameter '{}' in the data", input.id == "region" ? "the region's formula" : "'" + input.id + "'",
                                input.param));
      return copy;
    }
  }
  return fail("unknown input");
}

}  // namespace collab::scenario
