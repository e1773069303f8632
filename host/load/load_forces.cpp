// data/sources.json and data/forces.json: the documents, the region, its forces,
// their central grants and the formula shares as published.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "load/context.h"

namespace collab::load {

namespace {

// A slip in a document and its evidence; both sources must name listed documents.
void read_slips(const Node& list, Context& cx) {
  for (const Node& item : list.items()) {
    cx.read.known_fields(item, {"id", "source", "printed", "reading", "evidence"});
    auto id = cx.read.id(item, "id");
    auto printed_in = cx.source(item);
    auto printed = cx.read.text(item, "printed");
    auto reading = cx.read.text(item, "reading");
    auto evidence = cx.source(item, Need::Required, "evidence");
    if (id && printed_in && printed && reading && evidence)
      cx.model.slips.push_back({*id, *printed_in, *printed, *reading, *evidence, item.where()});
  }
}

// A fact two documents state differently: each statement with its source, and the model's choice.
void read_disagreements(const Node& list, Context& cx) {
  for (const Node& item : list.items()) {
    cx.read.known_fields(item, {"id", "fact", "first", "second", "model_uses"});
    auto id = cx.read.id(item, "id");
    auto fact = cx.read.text(item, "fact");
    auto model_uses = cx.read.text(item, "model_uses");
    auto statement = [&](std::string_view key) -> std::optional<std::pair<Source, std::string>> {
      auto node = cx.read.object(item, key);
      if (!node) return std::nullopt;
      cx.read.known_fields(*node, {"source", "says"});
      auto source = cx.source(*node);
      auto says = cx.read.text(*node, "says");
      if (!source || !says) return std::nullopt;
      return std::pair{*source, *says};
    };
    auto first = statement("first");
    auto second = statement("second");
    if (id && fact && model_uses && first && second)
      cx.model.disagreements.push_back(
          {*id, *fact, first->first, first->second, second->first, second->second, *model_uses, item.where()});
  }
}

}  // namespace

void load_sources(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"documents", "slips", "disagreements"});
  auto list = cx.read.array(root, "documents");
  if (!list) return;
  for (const Node& item : list->items()) {
    cx.read.known_fields(item, {"id", "file", "title", "date"});
    auto id = cx.read.id(item, "id");
    auto file = cx.read.text(item, "file");
    auto title = cx.read.text(item, "title");
    auto date = cx.read.text(item, "date", Need::Optional);
    if (!id || !file || !title) continue;
    if (cx.model.document(*id)) {
      cx.read.error(item.child("id"), fmt::format("duplicate document id '{}'", *id));
      continue;
    }
    cx.model.documents.push_back({*id, *file, *title, date.value_or("")});
  }
  if (auto slips = cx.read.array(root, "slips", Need::Optional)) read_slips(*slips, cx);
  if (auto found = cx.read.array(root, "disagreements", Need::Optional)) read_disagreements(*found, cx);
}

namespace {

// A parameter value with its place, for errors that point at the parameter itself.
ParamValue read_param(const Node& node) {
  ParamValue v;
  v.where = node.where();
  const nlohmann::json& j = node.json();
  switch (j.type()) {
    case nlohmann::json::value_t::object:
      v.type = ParamValue::Type::Object;
      for (const auto& [key, child] : node.members()) v.members.push_back({key, read_param(child)});  // sorted by key
      break;
    case nlohmann::json::value_t::array:
      v.type = ParamValue::Type::Array;
      for (const Node& item : node.items()) v.items.push_back(read_param(item));
      break;
    case nlohmann::json::value_t::string:
      v.type = ParamValue::Type::String;
      v.text = j.get<std::string>();
      break;
    case nlohmann::json::value_t::boolean:
      v.type = ParamValue::Type::Boolean;
      v.boolean = j.get<bool>();
      break;
    case nlohmann::json::value_t::number_integer:
      v.type = ParamValue::Type::Integer;
      v.integer = j.get<std::int64_t>();
      break;
    case nlohmann::json::value_t::number_unsigned:  // nlohmann reads 50 as unsigned
      if (j.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)) {
        v.type = ParamValue::Type::Integer;
        v.integer = static_cast<std::int64_t>(j.get<std::uint64_t>());
      } else {
        v.type = ParamValue::Type::Number;
        v.number = j.get<double>();
      }
      break;
    case nlohmann::json::value_t::number_float:
      v.type = ParamValue::Type::Number;
      v.number = j.get<double>();
      break;
    default:
      v.type = ParamValue::Type::Null;
  }
  return v;
}

FormulaChoice read_formula(const Node& node, Context& cx) {
  FormulaChoice choice;
  choice.where = node.where();
  cx.read.known_fields(node, {"from", "id", "params"});
  choice.from = cx.read.year(node, "from", Need::Optional);
  choice.id = cx.read.text(node, "id").value_or("");
  bool script_name = !choice.id.empty() && std::all_of(choice.id.begin(), choice.id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (node.has("id") && !script_name)
    cx.read.error(node.child("id"), fmt::format("'{}' is not a formula name", choice.id),
                  "a formula is named by its script in scripts/formulae/, like \"grant_share\"");
  if (auto params = cx.read.object(node, "params", Need::Optional)) choice.params = read_param(*params);
  return choice;
}

void read_force(const Node& item, Context& cx, std::set<std::string>& names_seen) {
  cx.read.known_fields(item, {"id", "name", "short_name", "aliases", "population", "net_revenue_expenditure"});
  auto id = cx.read.id(item, "id");
  auto name = cx.read.text(item, "name");
  if (!id || !name) return;
  if (cx.model.force(*id)) {
    cx.read.error(item.child("id"), fmt::format("duplicate force id '{}'", *id));
    return;
  }
  Force force{*id, *name, cx.read.text(item, "short_name", Need::Optional).value_or(*name),
              cx.read.texts(item, "aliases"), {}, {}, item.where()};
  // Case variants of one force's own names ("Derbys", "DERBYS") are fine; a name two forces share is not.
  std::set<std::string> own;
  for (const auto& alias : force.aliases) {
    std::string key;
    for (char c : alias) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    own.insert(key);
  }
  for (const auto& key : own)
    if (!names_seen.insert(key).second)
      cx.read.error(item.child("aliases"), fmt::format("alias '{}' names more than one force", key),
                    "an alias must identify one force");
  if (auto population = cx.read.object(item, "population", Need::Optional))
    for (const auto& [year_text, value] : population->members()) {
      auto year = FinancialYear::parse(year_text);
      if (!year) cx.read.error(value, year.error());
      else if (!value.json().is_number_integer() || value.json().get<int64_t>() <= 0)
        cx.read.error(value, "a population must be a whole number above 0");
      else force.population[year.value()] = value.json().get<int64_t>();
    }
  if (auto nre = cx.read.object(item, "net_revenue_expenditure", Need::Optional))
    for (const auto& [year_text, value] : nre->members()) {
      auto year = FinancialYear::parse(year_text);
      if (!year) cx.read.error(value, year.error());
      else if (auto m = cx.read.money_value(value, MoneyUnit::Pounds)) force.net_revenue_expenditure[year.value()] = *m;
    }
  cx.model.forces.push_back(std::move(force));
}

void read_grants(const Node& list, Context& cx) {
  for (const Node& item : list.items()) {
    cx.read.known_fields(item, {"year", "source", "amounts", "published_total", "money_unit"});
    MoneyUnit unit = cx.read.money_unit(item);
    auto year = cx.read.year(item, "year");
    auto source = cx.source(item);
    auto amounts = cx.read.object(item, "amounts");
    if (!year || !source || !amounts) continue;
    GrantTable table{*year, *source, cx.force_amounts(*amounts, unit),
                     cx.read.money(item, "published_total", unit, Need::Optional), item.where()};
    for (const auto& [force, amount] : table.amounts)
      if (amount < Money{})
        cx.read.error(amounts->child(force), fmt::format("negative grant for '{}'", force));
    cx.model.central_grants.push_back(std::move(table));
  }
}

void read_published_formula(const Node& list, Context& cx) {
  for (const Node& item : list.items()) {
    cx.read.known_fields(item, {"year", "label", "source", "shares", "published_total"});
    auto year = cx.read.year(item, "year");
    auto source = cx.source(item);
    auto shares = cx.read.object(item, "shares");
    if (!year || !source || !shares) continue;
    FormulaShareTable table{*year, cx.read.text(item, "label", Need::Optional).value_or(""), *source, {},
                            cx.read.percent(item, "published_total", Need::Optional), item.where()};
    for (const auto& [force, value] : shares->members()) {
      if (!cx.model.force(force)) {
        cx.read.error(value, fmt::format("unknown force '{}': not a force of the region", force));
        continue;
      }
      if (auto p = cx.read.percent_value(value)) table.shares[force] = *p;
    }
    cx.model.published_formula.push_back(std::move(table));
  }
}

}  // namespace

ParamValue read_param_value(const Node& node) { return read_param(node); }

void load_forces(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"region", "forces", "central_grants", "published_formula"});
  if (auto region = cx.read.object(root, "region")) {
    cx.read.known_fields(*region, {"id", "name", "formula"});
    cx.model.region.id = cx.read.id(*region, "id").value_or("");
    cx.model.region.name = cx.read.text(*region, "name").value_or("");
    if (auto formula = cx.read.object(*region, "formula")) cx.model.region.default_formula = read_formula(*formula, cx);
  }
  std::set<std::string> names_seen;
  if (auto list = cx.read.array(root, "forces")) {
    for (const Node& item : list->items()) read_force(item, cx, names_seen);
    if (cx.model.forces.empty()) cx.read.error(*list, "the region has no forces");
  }
  if (auto list = cx.read.array(root, "central_grants", Need::Optional)) read_grants(*list, cx);
  if (auto list = cx.read.array(root, "published_formula", Need::Optional)) read_published_formula(*list, cx);
}

// Shared with load_collaborations.cpp.
FormulaChoice read_formula_choice(const Node& node, Context& cx) { return read_formula(node, cx); }

}  // namespace collab::load
