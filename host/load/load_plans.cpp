// data/business-cases.json, innovation-fund.json, forecast.json, programme-2009.json.

#include <fmt/format.h>

#include "load/context.h"

namespace collab::load {

void load_business_cases(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"business_cases"});
  auto node = cx.read.object(root, "business_cases");
  if (!node) return;
  cx.read.known_fields(*node, {"money_unit", "source", "rows", "note"});
  MoneyUnit unit = cx.read.money_unit(*node);
  auto source = cx.source(*node);
  if (!source) return;
  BusinessCases table{*source, {}, node->where()};
  if (auto rows = cx.read.array(*node, "rows"))
    for (const Node& r : rows->items()) {
      cx.read.known_fields(r, {"function", "units", "budget_without_collaboration", "saving", "percent", "note"});
      auto function = cx.read.text(r, "function");
      auto budget = cx.read.money(r, "budget_without_collaboration", unit);
      auto saving = cx.read.money(r, "saving", unit);
      auto percent = cx.read.percent(r, "percent");
      auto units = read_unit_list(r, cx);
      if (function && budget && saving && percent)
        table.rows.push_back({*function, std::move(units), *budget, *saving, *percent, r.where()});
    }
  cx.model.business_cases = std::move(table);
}

namespace {

InnovationBid read_bid(const Node& b, Context& cx) {
  cx.read.known_fields(b, {"lead", "lead_force", "others", "other_forces", "description", "value", "printed", "units",
                           "note"});
  InnovationBid bid;
  bid.where = b.where();
  bid.lead = cx.read.text(b, "lead", Need::Optional);
  bid.lead_force = cx.force_field(b, "lead_force", Need::Optional);
  bid.others = cx.read.texts(b, "others");
  if (auto list = cx.read.array(b, "other_forces", Need::Optional))
    for (const Node& f : list->items())
      if (auto id = cx.force_ref(f)) bid.other_forces.push_back(*id);
  bid.description = cx.read.text(b, "description").value_or("");
  bid.value = cx.read.money(b, "value", MoneyUnit::Pounds).value_or(Money{});
  bid.printed = cx.read.text(b, "printed", Need::Optional).value_or("");
  bid.units = read_unit_list(b, cx);
  // The published text is the value's provenance: the two must say the same amount.
  if (!bid.printed.empty() && b.has("value")) {
    Result<Money> printed = parse_money(bid.printed, MoneyUnit::Pounds);
    if (!printed.ok())
      cx.read.error(b.child("printed"), fmt::format("'{}' is not an amount: {}", bid.printed, printed.error()),
                    "copy the value as the document prints it, as \"£920,244\"");
    else if (printed.value() != bid.value)
      cx.read.error(b.child("value"), fmt::format("value {} but the document prints '{}'", format_money(bid.value), bid.printed),
                    "the value is the printed amount in pounds");
  }
  bid.note = cx.read.text(b, "note", Need::Optional).value_or("");
  return bid;
}

}  // namespace

void load_innovation_fund(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"innovation_fund"});
  auto list = cx.read.array(root, "innovation_fund");
  if (!list) return;
  for (const Node& item : list->items()) {
    cx.read.known_fields(item, {"round", "year", "source", "bids", "note"});
    auto round = cx.read.text(item, "round");
    auto year = cx.read.year(item, "year");
    auto source = cx.source(item);
    if (!round || !year || !source) continue;
    InnovationRound r{*round, *year, *source, {}, item.where()};
    if (auto bids = cx.read.array(item, "bids"))
      for (const Node& b : bids->items()) r.bids.push_back(read_bid(b, cx));
    cx.model.innovation_fund.push_back(std::move(r));
  }
}

namespace {

// A cell: a figure, null for a blank, or {"printed", "amount"?} for text that is not a plain figure.
PrintedCell read_cell(const Node& value, MoneyUnit unit, Context& cx) {
  if (value.json().is_null()) return {};
  if (!value.json().is_object()) return {cx.read.money_value(value, unit), ""};
  cx.read.known_fields(value, {"printed", "amount"});
  return {cx.read.money(value, "amount", unit, Need::Optional), cx.read.text(value, "printed").value_or("")};
}

std::vector<PrintedCell> read_cells(const Node& parent, std::string_view key, MoneyUnit unit, size_t years, Context& cx) {
  std::vector<PrintedCell> cells;
  auto list = cx.read.array(parent, key);
  if (!list) return cells;
  for (const Node& v : list->items()) cells.push_back(read_cell(v, unit, cx));
  if (cells.size() != years) cx.read.error(*list, fmt::format("{} cells for {} years", cells.size(), years));
  return cells;
}

void read_increased_funding(const Node& node, Context& cx) {
  cx.read.known_fields(node, {"money_unit", "source", "years", "rows", "total", "note"});
  MoneyUnit unit = cx.read.money_unit(node);
  auto source = cx.source(node);
  if (!source) return;
  FundingTable t;
  t.source = *source;
  t.where = node.where();
  if (auto years = cx.read.array(node, "years"))
    for (const Node& y : years->items())
      if (auto year = cx.read.year_value(y)) t.years.push_back(*year);
  if (auto rows = cx.read.array(node, "rows"))
    for (const Node& r : rows->items()) {
      cx.read.known_fields(r, {"label", "cells", "note"});
      t.rows.push_back({cx.read.text(r, "label").value_or(""), read_cells(r, "cells", unit, t.years.size(), cx),
                        cx.read.text(r, "note", Need::Optional).value_or(""), r.where()});
    }
  t.total = read_cells(node, "total", unit, t.years.size(), cx);
  cx.model.increased_funding = std::move(t);
}

}  // namespace

void load_forecast(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"forecast", "increased_funding"});
  auto funding = cx.read.object(root, "increased_funding", Need::Optional);
  if (funding) read_increased_funding(*funding, cx);
  auto node = cx.read.object(root, "forecast", funding ? Need::Optional : Need::Required);
  if (!node) return;
  cx.read.known_fields(*node, {"money_unit", "source", "years", "rows", "assumptions", "note"});
  MoneyUnit unit = cx.read.money_unit(*node);
  auto source = cx.source(*node);
  if (!source) return;
  Forecast f;
  f.source = *source;
  f.where = node->where();
  if (auto years = cx.read.array(*node, "years"))
    for (const Node& y : years->items())
      if (auto year = cx.read.year_value(y)) f.years.push_back(*year);
  if (auto rows = cx.read.array(*node, "rows"))
    for (const Node& r : rows->items()) {
      cx.read.known_fields(r, {"label", "values", "published_total", "sum_of", "note"});
      ForecastRow row{cx.read.text(r, "label").value_or(""), {}, cx.read.money(r, "published_total", unit, Need::Optional),
                      cx.read.texts(r, "sum_of"), r.where()};
      if (auto values = cx.read.array(r, "values")) {
        for (const Node& v : values->items())
          if (auto m = cx.read.money_value(v, unit)) row.values.push_back(*m);
        if (values->json().size() != f.years.size())
          cx.read.error(*values, fmt::format("{} values for {} years", values->json().size(), f.years.size()));
      }
      f.rows.push_back(std::move(row));
    }
  for (const auto& row : f.rows)
    for (const auto& label : row.sum_of) {
      bool known = std::any_of(f.rows.begin(), f.rows.end(), [&](const ForecastRow& o) { return o.label == label; });
      if (!known) cx.read.error(*node, fmt::format("row '{}' is the sum of '{}', which is not a row", row.label, label));
    }
  if (auto list = cx.read.array(*node, "assumptions", Need::Optional))
    for (const Node& a : list->items()) {
      cx.read.known_fields(a, {"text", "kind", "percent"});
      f.assumptions.push_back({cx.read.text(a, "text").value_or(""), cx.read.text(a, "kind", Need::Optional).value_or(""),
                               cx.read.percent(a, "percent", Need::Optional)});
    }
  cx.model.forecast = std::move(f);
}

void load_programme(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"programme"});
  auto node = cx.read.object(root, "programme");
  if (!node) return;
  cx.read.known_fields(*node, {"source", "team", "projects"});
  auto source = cx.source(*node);
  if (!source) return;
  Programme p;
  p.source = *source;
  p.where = node->where();
  if (auto team = cx.read.object(*node, "team", Need::Optional)) {
    cx.read.known_fields(*team, {"cost_per_year", "year", "funding", "source"});
    p.team_cost_per_year = cx.read.money(*team, "cost_per_year", MoneyUnit::Pounds, Need::Optional);
    p.team_year = cx.read.year(*team, "year", Need::Optional);
    p.team_funding = cx.read.text(*team, "funding", Need::Optional).value_or("");
    (void)cx.source(*team, Need::Optional);
  }
  if (auto projects = cx.read.array(*node, "projects"))
    for (const Node& pr : projects->items()) {
      cx.read.known_fields(pr, {"name", "area", "status", "period", "apacs", "psa", "units", "unit_note"});
      ProgrammeProject project{cx.read.text(pr, "name").value_or(""), cx.read.text(pr, "area").value_or(""),
                               cx.read.text(pr, "status").value_or(""), cx.read.text(pr, "period", Need::Optional),
                               cx.read.texts(pr, "apacs"), {}, read_unit_list(pr, cx),
                               cx.read.text(pr, "unit_note", Need::Optional).value_or(""), pr.where()};
      if (!project.units.empty() && project.unit_note.empty())
        cx.read.error(pr, "a project linked to 'units' needs a 'unit_note' saying why", "quote what links them");
      if (project.area != "protective services" && project.area != "productivity" && project.area != "business support")
        cx.read.error(pr, fmt::format("unknown area '{}'", project.area),
                      "areas: protective services, productivity, business support");
      if (project.status != "current" && project.status != "proposed")
        cx.read.error(pr, fmt::format("unknown status '{}'", project.status), "status: current or proposed");
      if (auto psa = cx.read.array(pr, "psa", Need::Optional))
        for (const Node& n : psa->items()) {
          if (n.json().is_number_integer()) project.psa.push_back(n.json().get<int>());
          else cx.read.error(n, "a PSA number must be a whole number");
        }
      p.projects.push_back(std::move(project));
    }
  cx.model.programme = std::move(p);
}

}  // namespace collab::load
