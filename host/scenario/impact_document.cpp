// Laying out an input's reach: per year, the figures it moves and each force's total.

#include "scenario/impact_document.h"

#include <fmt/format.h>

#include "ledger/ledger_diff.h"
#include "report/document_build.h"
#include "scenario/step_params.h"
#include "scenario/whatif_document.h"

namespace collab::scenario {

namespace {

using report::Cell;
using report::Column;
using report::ColumnType;
using report::Row;
using report::RowKind;
using report::Table;

using report::build::cell;
using report::build::column;
using report::build::text;

std::string year_key(FinancialYear y) { return fmt::format("{}-{:02}", y.start_year(), (y.start_year() + 1) % 100); }

std::string force_label(const Model& data, const ForceId& id) {
  const Force* f = data.force(id);
  return f ? f->short_name : id;
}

// Before, after, the change (computed by the host: a formula in XLSX) and the change in per cent.
std::vector<Column> amount_columns() {
  std::vector<Column> cols{column("before", "Before", ColumnType::Money), column("after", "After", ColumnType::Money)};
  Column diff = column("change", "Change £", ColumnType::Money);
  diff.difference = std::make_pair(std::string("after"), std::string("before"));
  cols.push_back(diff);
  Column pct = column("change_pct", "Change %", ColumnType::Percent);
  pct.decimals = 1;
  pct.sum = false;
  cols.push_back(pct);
  return cols;
}

void add_amounts(std::vector<Cell>& cells, Money before, Money after) {
  cells.push_back(cell(before));
  cells.push_back(cell(after));
  cells.push_back(Cell{});
  auto pct = change_percent(after, before);
  cells.push_back(pct ? cell(*pct) : Cell{});
}

Table moved_table(const std::vector<ledger::FigureChange>& moved, FinancialYear y, const Model& data) {
  Table t;
  t.id = "moved-" + year_key(y);
  t.title = fmt::format("Figures moved, {}", y.str());
  t.columns = {column("unit", "Unit", ColumnType::Text), column("kind", "Kind", ColumnType::Text),
               column("force", "Force", ColumnType::Text)};
  for (auto& c : amount_columns()) t.columns.push_back(c);
  for (const auto& f : moved) {
    Row row;
    row.cells = {cell(f.label), cell(std::string(ledger::kind_text(f.kind))),
                 cell(f.force ? force_label(data, *f.force) : std::string("budget"))};
    add_amounts(row.cells, f.before, f.after);
    t.rows.push_back(std::move(row));
  }
  t.caption = text("Every force's part of every budget line that moves (and the line's budget, \"budget\", when it "
                   "moves), apportioned to the pound by largest remainder: a change smaller than a pound can move "
                   "nothing, or move a pound between forces.");
  return t;
}

Table forces_table(const ledger::Ledger& before, const ledger::Ledger& after, FinancialYear y, const Model& data) {
  Table t;
  t.id = "forces-" + year_key(y);
  t.title = fmt::format("Each force's total, {}", y.str());
  t.columns = {column("force", "Force", ColumnType::Text)};
  for (auto& c : amount_columns()) t.columns.push_back(c);
  Money sum_before, sum_after;
  auto total = [](const ledger::Ledger& l, const ForceId& f) {
    for (const auto& each : l.totals)
      if (each.force == f) return each.all();
    return Money{};
  };
  for (const Force& f : data.forces) {
    Row row;
    row.cells = {cell(f.short_name)};
    add_amounts(row.cells, total(before, f.id), total(after, f.id));
    sum_before += total(before, f.id);
    sum_after += total(after, f.id);
    t.rows.push_back(std::move(row));
  }
  Row sum{RowKind::Total, {cell(std::string("Total"))}, {}};
  add_amounts(sum.cells, sum_before, sum_after);
  sum.cells[1] = Cell{};  // the host adds the totals up (a SUM formula in XLSX)
  sum.cells[2] = Cell{};
  t.rows.push_back(std::move(sum));
  return t;
}

}  // namespace

report::Document impact_document(const Impact& impact, const Model& data) {
  report::Document doc;
  doc.id = "impact";
  const std::string by = percent_text(impact.by);
  doc.title = fmt::format("Impact: {} {}{}", impact.input.text, impact.by.units() >= 0 ? "+" : "", by);
  std::string years;
  for (FinancialYear y : impact.years) years += (years.empty() ? "" : ", ") + y.str();
  doc.subtitle = fmt::format("Every figure it moves, {}{}", years,
                             impact.within.empty() ? "" : ", in the scenario " + impact.within);
  doc.params = {{"input", impact.input.text}, {"by", by}, {"years", years}};
  if (!impact.within.empty()) doc.params.push_back({"scenario", impact.within});
  for (FinancialYear y : impact.years) {
    const auto& before = impact.before.at(y.start_year());
    const auto& after = impact.after.at(y.start_year());
    doc.blocks.push_back(report::Heading{2, y.str()});
    const auto moved = ledger::changed_figures(before, after);
    std::size_t forces_moved = 0;
    for (const auto& f : moved) forces_moved += f.force ? 1 : 0;
    report::Block summary{std::in_place_type<report::Paragraph>};
    std::get<report::Paragraph>(summary).spans =
        text(moved.empty() ? fmt::format("Nothing moves in {}: the change is too small to move a pound, or {} weighs "
                                         "nothing that year.",
                                         y.str(), impact.input.text)
                           : fmt::format("{} figure{} move{} in {}.", forces_moved, forces_moved == 1 ? "" : "s",
                                         forces_moved == 1 ? "s" : "", y.str()));
    doc.blocks.push_back(std::move(summary));
    if (!moved.empty()) doc.blocks.push_back(moved_table(moved, y, data));
    doc.blocks.push_back(forces_table(before, after, y, data));
  }
  return doc;
}

}  // namespace collab::scenario
