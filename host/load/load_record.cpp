// data/cost-comparisons.json and data/governance.json: facts the documents give in their text.

#include <fmt/format.h>

#include "load/context.h"

namespace collab::load {

void load_cost_comparisons(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"cost_comparisons"});
  auto node = cx.read.object(root, "cost_comparisons");
  if (!node) return;
  cx.read.known_fields(*node, {"source", "year", "measure", "average", "net_revenue_expenditure", "population", "note",
                               "rows"});
  auto source = cx.source(*node);
  auto year = cx.read.year(*node, "year");
  if (!source || !year) return;
  CostComparisons t;
  t.source = *source;
  t.year = *year;
  t.where = node->where();
  t.measure = cx.read.text(*node, "measure").value_or("");
  t.average = cx.read.text(*node, "average").value_or("");
  t.net_revenue_expenditure = cx.read.money(*node, "net_revenue_expenditure", MoneyUnit::Pounds, Need::Optional);
  if (node->has("population") && !node->child("population").json().is_null())
    if (auto people = cx.read.count(*node, "population")) t.population = *people;
  t.note = cx.read.text(*node, "note", Need::Optional).value_or("");
  if (auto rows = cx.read.array(*node, "rows"))
    for (const Node& r : rows->items()) {
      cx.read.known_fields(r, {"function", "units", "difference", "quote"});
      auto function = cx.read.text(r, "function");
      auto difference = cx.read.percent(r, "difference");
      auto quote = cx.read.text(r, "quote");
      auto units = read_unit_list(r, cx);
      // A cost 100% or more below the average would be no cost at all.
      if (difference && *difference <= Percent::from_units(-100 * Percent::kUnitsPerPercent)) {
        cx.read.error(r.child("difference"), fmt::format("{} below the average is not a cost", format_percent(*difference, 0)),
                      "write the difference from the average, as \"+54%\" or \"-8%\"");
        continue;
      }
      if (function && difference && quote) t.rows.push_back({*function, std::move(units), *difference, *quote, r.where()});
    }
  cx.model.cost_comparisons = std::move(t);
}

namespace {

void read_portfolios(const Node& item, Context& cx) {
  cx.read.known_fields(item, {"id", "role", "year", "source", "leads"});
  auto id = cx.read.id(item, "id");
  auto source = cx.source(item);
  if (!id || !source) return;
  PortfolioLeads p{*id, cx.read.text(item, "role").value_or(""), cx.read.year(item, "year", Need::Optional), *source, {},
                   item.where()};
  if (auto leads = cx.read.array(item, "leads"))
    for (const Node& l : leads->items()) {
      cx.read.known_fields(l, {"portfolio", "force", "lead", "units", "note"});
      p.leads.push_back({cx.read.text(l, "portfolio").value_or(""), cx.force_field(l, "force", Need::Optional),
                         cx.read.text(l, "lead").value_or(""), read_unit_list(l, cx),
                         cx.read.text(l, "note", Need::Optional).value_or(""), l.where()});
    }
  cx.model.governance.portfolios.push_back(std::move(p));
}

void read_board(const Node& b, Context& cx) {
  cx.read.known_fields(b, {"id", "name", "role", "meets", "times_per_year", "since", "quote", "source"});
  auto id = cx.read.id(b, "id");
  auto name = cx.read.text(b, "name");
  auto quote = cx.read.text(b, "quote");
  auto source = cx.source(b);
  Board board;
  board.role = cx.read.text(b, "role", Need::Optional).value_or("");
  board.meets = cx.read.text(b, "meets", Need::Optional).value_or("");
  board.times_per_year = cx.read.count(b, "times_per_year", Need::Optional);
  board.since = cx.read.text(b, "since", Need::Optional).value_or("");
  if (board.times_per_year && board.meets.empty())
    cx.read.error(b.child("times_per_year"), "'times_per_year' without 'meets'", "quote how often the document says it meets");
  if (!id || !name || !quote || !source) return;
  board.id = *id;
  board.name = *name;
  board.quote = *quote;
  board.source = *source;
  board.where = b.where();
  for (const auto& other : cx.model.governance.boards)
    if (other.id == board.id) cx.read.error(b.child("id"), fmt::format("duplicate board id '{}'", board.id));
  cx.model.governance.boards.push_back(std::move(board));
}

}  // namespace

void load_governance(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"portfolios", "boards"});
  if (auto list = cx.read.array(root, "portfolios", Need::Optional))
    for (const Node& item : list->items()) read_portfolios(item, cx);
  if (auto list = cx.read.array(root, "boards", Need::Optional))
    for (const Node& b : list->items()) read_board(b, cx);
}

}  // namespace collab::load
