// data/budgets.json and data/contributions.json: what each unit costs by year,
// and the contribution tables as the documents printed them.

#include <fmt/format.h>

#include "load/context.h"

namespace collab::load {
namespace {

std::optional<Money> non_negative(const Node& parent, std::string_view key, MoneyUnit unit, Context& cx) {
  auto amount = cx.read.money(parent, key, unit, Need::Optional);
  if (amount && *amount < Money{}) {
    cx.read.error(parent.child(key), fmt::format("negative budget: {}", format_money(*amount)),
                  "a budget is what a unit costs; record savings or refunds elsewhere");
    return std::nullopt;
  }
  return amount;
}

void read_budget_line(const Node& item, MoneyUnit unit, BudgetTable& table, Context& cx) {
  cx.read.known_fields(item, {"unit", "cash", "in_kind", "label"});
  auto id = cx.unit_field(item, "unit");
  BudgetLine line{id.value_or(""), non_negative(item, "cash", unit, cx), non_negative(item, "in_kind", unit, cx),
                  cx.read.text(item, "label", Need::Optional).value_or(""), item.where()};
  if (!item.has("cash") && !item.has("in_kind"))
    cx.read.error(item, "a budget line needs 'cash', 'in_kind' or both");
  if (!id) return;
  for (const auto& other : table.lines)
    if (other.unit == line.unit)
      cx.read.error(item.child("unit"), fmt::format("'{}' has two budget lines for {}", line.unit, table.year.str()),
                    "put cash and in-kind amounts on one line");
  table.lines.push_back(std::move(line));
}

}  // namespace

namespace {

// A budget a text states: for a unit or the region, for a year or none, never split among forces.
void read_stated_budget(const Node& item, Context& cx) {
  cx.read.known_fields(item, {"id", "year", "unit", "what", "amount", "bound", "saving", "quote", "source", "note"});
  auto id = cx.read.id(item, "id");
  auto amount = non_negative(item, "amount", MoneyUnit::Pounds, cx);
  auto source = cx.source(item);
  auto quote = cx.read.text(item, "quote");
  if (!item.has("amount")) cx.read.error(item, "missing field 'amount'", "add \"amount\": \"£42m\" as the text gives it");
  StatedBudget b;
  b.year = cx.read.year(item, "year", Need::Optional);
  b.unit = cx.unit_field(item, "unit", Need::Optional);
  b.what = cx.read.text(item, "what").value_or("");
  b.bound = cx.read.text(item, "bound", Need::Optional).value_or("");
  if (b.bound != "" && b.bound != "about" && b.bound != "over")
    cx.read.error(item.child("bound"), fmt::format("unknown bound '{}'", b.bound), "bound: \"about\" or \"over\"");
  b.saving = cx.read.money(item, "saving", MoneyUnit::Pounds, Need::Optional);
  b.note = cx.read.text(item, "note", Need::Optional).value_or("");
  b.where = item.where();
  if (!id || !amount || !source || !quote) return;
  b.id = *id;
  b.amount = *amount;
  b.source = *source;
  b.quote = *quote;
  cx.model.stated_budgets.push_back(std::move(b));
}

}  // namespace

void load_budgets(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"budgets", "stated"});
  if (auto stated = cx.read.array(root, "stated", Need::Optional))
    for (const Node& item : stated->items()) read_stated_budget(item, cx);
  auto list = cx.read.array(root, "budgets");
  if (!list) return;
  for (const Node& item : list->items()) {
    cx.read.known_fields(item, {"year", "source", "lines", "money_unit"});
    MoneyUnit unit = cx.read.money_unit(item);
    auto year = cx.read.year(item, "year");
    auto source = cx.source(item);
    auto lines = cx.read.array(item, "lines");
    if (!year || !source || !lines) continue;
    BudgetTable table{*year, *source, {}, item.where()};
    for (const Node& line : lines->items()) read_budget_line(line, unit, table, cx);
    cx.model.budgets.push_back(std::move(table));
  }
}

namespace {

void read_contribution_row(const Node& item, MoneyUnit unit, PublishedContributions& table, Context& cx) {
  cx.read.known_fields(item, {"unit", "label", "kind", "amounts", "published_total"});
  PublishedRow row;
  row.where = item.where();
  row.unit = cx.unit_field(item, "unit", Need::Optional);
  row.label = cx.read.text(item, "label").value_or("");
  auto kind = cx.read.text(item, "kind").value_or("cash");
  if (kind == "in_kind") row.kind = ContributionKind::InKind;
  else if (kind != "cash") cx.read.error(item.child("kind"), fmt::format("kind must be \"cash\" or \"in_kind\", not '{}'", kind));
  if (auto amounts = cx.read.object(item, "amounts")) row.amounts = cx.force_amounts(*amounts, unit);
  row.published_total = cx.read.money(item, "published_total", unit, Need::Optional);
  table.rows.push_back(std::move(row));
}

void read_total_row(const Node& item, MoneyUnit unit, PublishedContributions& table, Context& cx) {
  cx.read.known_fields(item, {"label", "of", "amounts", "published_total"});
  PublishedTotalRow row;
  row.where = item.where();
  row.label = cx.read.text(item, "label").value_or("");
  const std::string of = cx.read.text(item, "of").value_or("all");
  if (of == "cash")
    row.of = TotalOf::Cash;
  else if (of == "in_kind")
    row.of = TotalOf::InKind;
  else if (of == "all")
    row.of = TotalOf::All;
  else
    cx.read.error(item.child("of"), fmt::format("'of' must be \"cash\", \"in_kind\" or \"all\", not '{}'", of));
  if (auto amounts = cx.read.object(item, "amounts")) row.amounts = cx.force_amounts(*amounts, unit);
  row.published_total = cx.read.money(item, "published_total", unit, Need::Optional);
  table.totals.push_back(std::move(row));
}

}  // namespace

void load_contributions(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"published_contributions"});
  auto list = cx.read.array(root, "published_contributions");
  if (!list) return;
  for (const Node& item : list->items()) {
    cx.read.known_fields(item, {"year", "source", "columns", "rows", "totals", "money_unit"});
    MoneyUnit unit = cx.read.money_unit(item);
    auto year = cx.read.year(item, "year");
    auto source = cx.source(item);
    if (!year || !source) continue;
    PublishedContributions table{*year, *source, {}, {}, {}, item.where()};
    if (auto columns = cx.read.array(item, "columns"))
      for (const Node& c : columns->items()) {
        cx.read.known_fields(c, {"force", "label", "percent"});
        auto force = cx.force_field(c, "force");
        if (force)
          table.columns.push_back({*force, cx.read.text(c, "label", Need::Optional).value_or(""),
                                   cx.read.percent(c, "percent", Need::Optional)});
      }
    if (auto rows = cx.read.array(item, "rows"))
      for (const Node& r : rows->items()) read_contribution_row(r, unit, table, cx);
    if (auto totals = cx.read.array(item, "totals", Need::Optional))
      for (const Node& t : totals->items()) read_total_row(t, unit, table, cx);
    cx.model.published_contributions.push_back(std::move(table));
  }
}

}  // namespace collab::load
