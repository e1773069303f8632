// data/savings.json, data/workforce.json and data/retained-resources.json.

#include <fmt/format.h>

#include "load/context.h"

namespace collab::load {
namespace {

std::optional<bool> tri_state(const Node& parent, std::string_view key, Context& cx) {
  if (!parent.has(key) || parent.child(key).json().is_null()) return std::nullopt;
  return cx.read.boolean(parent, key);
}

void read_against_baseline(const Node& node, Context& cx) {
  cx.read.known_fields(node, {"source", "rows", "published_total", "money_unit"});
  MoneyUnit unit = cx.read.money_unit(node);
  auto source = cx.source(node);
  if (!source) return;
  SavingsAgainstBaseline table{*source, {}, std::nullopt, std::nullopt, node.where()};
  if (auto rows = cx.read.array(node, "rows"))
    for (const Node& r : rows->items()) {
      cx.read.known_fields(r, {"unit", "label", "established", "annual_saving", "percent_of_baseline", "cashable", "comment"});
      auto saving = cx.read.money(r, "annual_saving", unit);
      auto percent = cx.read.percent(r, "percent_of_baseline");
      BaselineSaving row{cx.unit_field(r, "unit", Need::Optional), cx.read.text(r, "label").value_or(""),
                         cx.read.date(r, "established", Need::Optional), saving.value_or(Money{}),
                         percent.value_or(Percent{}), tri_state(r, "cashable", cx),
                         cx.read.text(r, "comment", Need::Optional).value_or(""), r.where()};
      if (percent && *percent <= Percent{})
        cx.read.error(r.child("percent_of_baseline"), "a percentage of baseline must be above 0%");
      if (saving && percent) table.rows.push_back(std::move(row));
    }
  if (auto total = cx.read.object(node, "published_total", Need::Optional)) {
    table.published_total = cx.read.money(*total, "annual_saving", unit, Need::Optional);
    table.published_percent = cx.read.percent(*total, "percent_of_baseline", Need::Optional);
  }
  cx.model.savings_against_baseline = std::move(table);
}

void read_by_year(const Node& node, Context& cx) {
  cx.read.known_fields(node, {"source", "rows", "published_total", "money_unit"});
  MoneyUnit unit = cx.read.money_unit(node);
  auto source = cx.source(node);
  if (!source) return;
  SavingsByYear table{*source, {}, std::nullopt, std::nullopt, node.where()};
  if (auto rows = cx.read.array(node, "rows"))
    for (const Node& r : rows->items()) {
      cx.read.known_fields(r, {"year", "target", "actual", "projected"});
      auto year = cx.read.year(r, "year");
      auto target = cx.read.money(r, "target", unit);
      auto actual = cx.read.money(r, "actual", unit);
      if (year && target && actual)
        table.rows.push_back({*year, *target, *actual, cx.read.boolean(r, "projected", Need::Optional).value_or(false), r.where()});
    }
  if (auto total = cx.read.object(node, "published_total", Need::Optional)) {
    table.published_target = cx.read.money(*total, "target", unit, Need::Optional);
    table.published_actual = cx.read.money(*total, "actual", unit, Need::Optional);
  }
  cx.model.savings_by_year = std::move(table);
}

// A calendar year such as 2010: four digits, no more.
std::optional<int> calendar_year(const Node& parent, std::string_view key, Context& cx) {
  auto year = cx.read.count(parent, key, Need::Optional);
  if (year && (*year < 1900 || *year > 2100)) {
    cx.read.error(parent.child(key), fmt::format("{} is not a calendar year", *year), "write the year, as 2010");
    return std::nullopt;
  }
  return year;
}

void read_headline_scope(const Node& h, HeadlineSaving& headline, Context& cx) {
  headline.scope = cx.read.text(h, "scope", Need::Optional).value_or("region");
  if (auto list = cx.read.array(h, "forces", Need::Optional))
    for (const Node& f : list->items())
      if (auto id = cx.force_ref(f)) headline.forces.push_back(*id);
  if (headline.scope != "region" && headline.scope != "forces" && headline.scope != "england-and-wales")
    cx.read.error(h.child("scope"), fmt::format("unknown scope '{}'", headline.scope),
                  "scope: \"region\", \"forces\" (with a 'forces' list) or \"england-and-wales\"");
  else if ((headline.scope == "forces") == !h.has("forces"))
    cx.read.error(h, "a headline names its 'forces' exactly when its scope is \"forces\"",
                  "add \"scope\": \"forces\" and the list, or remove the list");
}

void read_headlines(const Node& list, Context& cx) {
  for (const Node& h : list.items()) {
    cx.read.known_fields(h, {"id", "text", "amount", "per_year", "source", "scope", "forces", "from_year", "to_year",
                             "share_of_requirement", "share_above"});
    auto id = cx.read.id(h, "id");
    auto text = cx.read.text(h, "text");
    auto source = cx.source(h);
    if (!id || !text || !source) continue;
    HeadlineSaving headline;
    headline.id = *id;
    headline.text = *text;
    headline.amount = cx.read.money(h, "amount", MoneyUnit::Pounds, Need::Optional);
    headline.per_year = cx.read.money(h, "per_year", MoneyUnit::Pounds, Need::Optional);
    headline.source = *source;
    read_headline_scope(h, headline, cx);
    headline.from_year = calendar_year(h, "from_year", cx);
    headline.to_year = calendar_year(h, "to_year", cx);
    headline.share_of_requirement = cx.read.percent(h, "share_of_requirement", Need::Optional);
    headline.share_above = cx.read.boolean(h, "share_above", Need::Optional).value_or(false);
    headline.where = h.where();
    cx.model.headline_savings.push_back(std::move(headline));
  }
}

std::optional<Headcount> read_headcount(const Node& parent, std::string_view key, Context& cx) {
  auto node = cx.read.object(parent, key, Need::Optional);
  if (!node) return std::nullopt;
  cx.read.known_fields(*node, {"officers", "staff", "total", "note"});
  return Headcount{cx.read.count(*node, "officers").value_or(0), cx.read.count(*node, "staff").value_or(0),
                   cx.read.count(*node, "total").value_or(0)};
}

std::vector<UnitId> unit_list(const Node& parent, Context& cx) {
  std::vector<UnitId> out;
  if (auto list = cx.read.array(parent, "units", Need::Optional))
    for (const Node& u : list->items())
      if (auto id = cx.unit_ref(u)) out.push_back(*id);
  return out;
}

}  // namespace

void load_savings(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"against_baseline", "by_year", "headlines"});
  if (auto node = cx.read.object(root, "against_baseline", Need::Optional)) read_against_baseline(*node, cx);
  if (auto node = cx.read.object(root, "by_year", Need::Optional)) read_by_year(*node, cx);
  if (auto list = cx.read.array(root, "headlines", Need::Optional)) read_headlines(*list, cx);
}

void load_workforce(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"workforce"});
  auto node = cx.read.object(root, "workforce");
  if (!node) return;
  cx.read.known_fields(*node, {"as_at", "source", "rows", "published_total", "region_total", "published_proportion"});
  auto as_at = cx.read.date(*node, "as_at");
  auto source = cx.source(*node);
  if (!as_at || !source) return;
  Workforce w;
  w.as_at = *as_at;
  w.source = *source;
  w.where = node->where();
  if (auto rows = cx.read.array(*node, "rows"))
    for (const Node& r : rows->items()) {
      cx.read.known_fields(r, {"function", "units", "officers", "staff", "published_total"});
      w.rows.push_back({cx.read.text(r, "function").value_or(""), unit_list(r, cx), cx.read.count(r, "officers").value_or(0),
                        cx.read.count(r, "staff").value_or(0), cx.read.count(r, "published_total", Need::Optional),
                        r.where()});
    }
  w.published_total = read_headcount(*node, "published_total", cx);
  w.region_total = read_headcount(*node, "region_total", cx);
  if (auto region = cx.read.object(*node, "region_total", Need::Optional))
    w.region_note = cx.read.text(*region, "note", Need::Optional).value_or("");
  if (auto shares = cx.read.object(*node, "published_proportion", Need::Optional)) {
    cx.read.known_fields(*shares, {"officers", "staff", "total"});
    w.published_officer_share = cx.read.percent(*shares, "officers", Need::Optional);
    w.published_staff_share = cx.read.percent(*shares, "staff", Need::Optional);
    w.published_total_share = cx.read.percent(*shares, "total", Need::Optional);
  }
  cx.model.workforce = std::move(w);
}

void load_retained_resources(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"retained_resources"});
  auto node = cx.read.object(root, "retained_resources");
  if (!node) return;
  cx.read.known_fields(*node, {"money_unit", "source", "rows", "published_total"});
  MoneyUnit unit = cx.read.money_unit(*node);
  auto source = cx.source(*node);
  if (!source) return;
  RetainedResources table{*source, {}, std::nullopt, node->where()};
  if (auto rows = cx.read.array(*node, "rows"))
    for (const Node& r : rows->items()) {
      cx.read.known_fields(r, {"force", "officers", "staff", "approximate_cost"});
      auto force = cx.force_field(r, "force");
      if (force)
        table.rows.push_back({*force, cx.read.count(r, "officers").value_or(0), cx.read.count(r, "staff").value_or(0),
                              cx.read.money(r, "approximate_cost", unit, Need::Optional), r.where()});
    }
  if (auto total = cx.read.object(*node, "published_total", Need::Optional))
    table.published_total = cx.read.money(*total, "approximate_cost", unit, Need::Optional);
  cx.model.retained_resources = std::move(table);
}

// Shared with load_plans.cpp.
std::vector<UnitId> read_unit_list(const Node& parent, Context& cx) { return unit_list(parent, cx); }

}  // namespace collab::load
