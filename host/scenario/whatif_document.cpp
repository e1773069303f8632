// Laying out the comparison: one heading per year, a forces table, a who-pays list, a units table.

#include "scenario/whatif_document.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/document_build.h"
#include "scenario/step_params.h"

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

report::Span span(std::string text, report::Span::Style style = report::Span::Style::Plain) {
  report::Span s;
  s.text = std::move(text);
  s.style = style;
  return s;
}

// A list block. (Built in one place: GCC 12 misreads a List copied into the Block variant as
// possibly uninitialised, -Wmaybe-uninitialized.)
report::Block list_block(std::vector<report::Spans> items) {
  report::Block block{std::in_place_type<report::List>};
  std::get<report::List>(block).items = std::move(items);
  return block;
}

struct LineKey {
  UnitId unit;
  ContributionKind kind;
  std::string label;
  bool operator==(const LineKey& o) const { return unit == o.unit && kind == o.kind; }
};

std::vector<const ledger::Ledger*> sides(const Comparison& c, FinancialYear y) {
  std::vector<const ledger::Ledger*> out{&c.reference.ledgers.at(y.start_year())};
  for (const auto& s : c.scenarios) out.push_back(&s.ledgers.at(y.start_year()));
  return out;
}

// Whether the budget line could not be split on some side that year: it is then left out of
// every side's figures (so totals compare like with like) and listed in a note.
bool gap(const Comparison& c, FinancialYear y, const UnitId& unit, ContributionKind kind) {
  for (const ledger::Ledger* l : sides(c, y))
    if (const ledger::LedgerRow* row = l->find(unit, kind); row != nullptr && row->failed()) return true;
  return false;
}

std::string year_key(FinancialYear y) { return fmt::format("{}-{:02}", y.start_year(), (y.start_year() + 1) % 100); }

std::string force_label(const Model& data, const ForceId& id) {
  const Force* f = data.force(id);
  return f ? f->short_name : id;
}

// Column keys for a side: "s1" (the amount), "s1_diff", "s1_pct".
std::string side_key(std::size_t i) { return fmt::format("s{}", i + 1); }

std::vector<Column> money_columns(const Comparison& c, int decimals = 0) {
  std::vector<Column> cols;
  cols.push_back(column("reference", c.reference.title, ColumnType::Money, "", decimals));
  for (std::size_t i = 0; i < c.scenarios.size(); ++i) {
    const std::string k = side_key(i), group = c.scenarios[i].title;
    cols.push_back(column(k, "Amount", ColumnType::Money, group, decimals));
    Column diff = column(k + "_diff", "Change £", ColumnType::Money, group, decimals);
    diff.difference = std::make_pair(k, std::string("reference"));
    cols.push_back(diff);
    Column pct = column(k + "_pct", "Change %", ColumnType::Percent, group, 1);
    pct.sum = false;
    cols.push_back(pct);
  }
  return cols;
}

// The cells after the label cells: the reference, then per scenario the amount, an empty
// difference (the host computes it) and the percentage.
void add_amounts(std::vector<Cell>& cells, Money reference, const std::vector<Money>& amounts) {
  cells.push_back(cell(reference));
  for (Money m : amounts) {
    cells.push_back(cell(m));
    cells.push_back(Cell{});
    auto pct = change_percent(m, reference);
    cells.push_back(pct ? cell(*pct) : Cell{});
  }
}

// Empties a total row's amount cells (from `first`: the reference, then each scenario's amount),
// so the host computes them (and XLSX writes them as SUM formulas); the percentages stay.
void clear_sums(Row& row, std::size_t first, std::size_t scenarios) {
  row.cells[first] = Cell{};
  for (std::size_t i = 0; i < scenarios; ++i) row.cells[first + 1 + 3 * i] = Cell{};
}

// A force's contributions on one side, over the lines every side could split.
Money force_total(const Comparison& c, const ledger::Ledger& l, const ForceId& f) {
  Money sum;
  for (const auto& row : l.rows) {
    if (row.failed() || gap(c, l.year, row.unit, row.kind)) continue;
    if (const ledger::Contribution* part = row.find(f)) sum += part->amount();
  }
  return sum;
}

Table forces_table(const Comparison& c, FinancialYear y, const Model& data) {
  Table t;
  t.id = "forces-" + year_key(y);
  t.title = fmt::format("By force, {}", y.str());
  t.columns.push_back(column("force", "Force", ColumnType::Text));
  for (auto& col : money_columns(c)) t.columns.push_back(col);
  Money ref_sum;
  std::vector<Money> sums(c.scenarios.size());
  for (const Force& f : data.forces) {
    Row row;
    row.cells.push_back(cell(f.short_name));
    std::vector<Money> amounts;
    for (std::size_t i = 0; i < c.scenarios.size(); ++i) {
      amounts.push_back(force_total(c, c.scenarios[i].ledgers.at(y.start_year()), f.id));
      sums[i] += amounts.back();
    }
    const Money ref = force_total(c, c.reference.ledgers.at(y.start_year()), f.id);
    ref_sum += ref;
    add_amounts(row.cells, ref, amounts);
    t.rows.push_back(std::move(row));
  }
  Row total{RowKind::Total, {cell(std::string("Total"))}, {}};
  add_amounts(total.cells, ref_sum, sums);
  clear_sums(total, 1, c.scenarios.size());
  t.rows.push_back(std::move(total));
  t.caption = {span("Cash and officers in kind together; each force's figures are its contributions to every "
                            "unit's budget lines, apportioned to the pound by largest remainder.")};
  return t;
}

// The central grants a year's shares weigh (the year before's), side by side: where a scenario
// moves grants, this is the cause of what the forces table shows.
Table grants_table(const Comparison& c, FinancialYear y, const Model& data) {
  Table t;
  t.id = "grants-" + year_key(y);
  t.title = fmt::format("Grants weighed, {}", y.str());
  t.columns.push_back(column("force", "Force", ColumnType::Text));
  for (auto& col : money_columns(c, -1)) t.columns.push_back(col);  // pence, where a change made them
  auto grant = [&](const Side& s, const ForceId& f) {
    auto g = s.model ? s.model->central_grant(f, y.prev()) : std::nullopt;
    return g.value_or(Money{});
  };
  Money ref_sum;
  std::vector<Money> sums(c.scenarios.size());
  for (const Force& f : data.forces) {
    Row row;
    row.cells.push_back(cell(f.short_name));
    std::vector<Money> amounts;
    for (std::size_t i = 0; i < c.scenarios.size(); ++i) {
      amounts.push_back(grant(c.scenarios[i], f.id));
      sums[i] += amounts.back();
    }
    ref_sum += grant(c.reference, f.id);
    add_amounts(row.cells, grant(c.reference, f.id), amounts);
    t.rows.push_back(std::move(row));
  }
  Row total{RowKind::Total, {cell(std::string("Total"))}, {}};
  add_amounts(total.cells, ref_sum, sums);
  clear_sums(total, 1, c.scenarios.size());
  t.rows.push_back(std::move(total));
  t.caption = {span(fmt::format("Central grant (Police Core Settlement plus formula grant) of {}, which the grant-share "
                                "formula weighs for {}{}.",
                                y.prev().str(), y.str(),
                                c.projection.last_granted && y.prev() > *c.projection.last_granted
                                    ? fmt::format("; projected flat from {} before the scenarios' steps",
                                                  c.projection.last_granted->str())
                                    : ""))};
  return t;
}

// "Lincs pays £84,212 more (+1.2%)" lines for one scenario and year.
report::Block who_pays(const Comparison& c, std::size_t i, FinancialYear y, const Model& data) {
  std::vector<report::Spans> list;
  std::vector<std::string> same;
  for (const Force& f : data.forces) {
    const Money ref = force_total(c, c.reference.ledgers.at(y.start_year()), f.id);
    const Money now = force_total(c, c.scenarios[i].ledgers.at(y.start_year()), f.id);
    if (ref == now) {
      same.push_back(f.short_name);
      continue;
    }
    const Money diff = now - ref;
    auto pct = change_percent(now, ref);
    const std::string amount = format_pounds(diff.pence() < 0 ? -diff : diff);
    list.push_back({span(fmt::format("{} pays {} {}{}", f.short_name, amount, diff.pence() > 0 ? "more" : "less",
                                                   pct ? fmt::format(" ({}{})", pct->units() > 0 ? "+" : "", format_percent(*pct, 1)) : ""))});
  }
  if (!same.empty()) {
    std::string names;
    for (const auto& n : same) names += (names.empty() ? "" : ", ") + n;
    list.push_back({span(fmt::format("unchanged: {}", names))});
  }
  return list_block(std::move(list));
}


std::vector<LineKey> line_keys(const Comparison& c, FinancialYear y) {
  std::vector<LineKey> keys;
  auto add = [&](const ledger::Ledger& l) {
    for (const auto& row : l.rows) {
      LineKey k{row.unit, row.kind, row.label};
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
  };
  add(c.reference.ledgers.at(y.start_year()));
  for (const auto& s : c.scenarios) add(s.ledgers.at(y.start_year()));
  return keys;
}

Money part_of(const ledger::Ledger& l, const LineKey& k, const ForceId& f, bool& present) {
  const ledger::LedgerRow* row = l.find(k.unit, k.kind);
  const ledger::Contribution* part = row ? row->find(f) : nullptr;
  if (part != nullptr) present = true;
  return part ? part->amount() : Money{};
}

Table units_table(const Comparison& c, FinancialYear y, const Model& data) {
  Table t;
  t.id = "units-" + year_key(y);
  t.title = fmt::format("By unit, {}", y.str());
  t.columns.push_back(column("unit", "Unit", ColumnType::Text));
  t.columns.push_back(column("kind", "Kind", ColumnType::Text));
  t.columns.push_back(column("force", "Force", ColumnType::Text));
  for (auto& col : money_columns(c)) t.columns.push_back(col);
  for (const LineKey& k : line_keys(c, y)) {
    if (gap(c, y, k.unit, k.kind)) continue;
    Money ref_line;
    std::vector<Money> line(c.scenarios.size());
    for (const Force& f : data.forces) {
      bool present = false;
      const Money ref = part_of(c.reference.ledgers.at(y.start_year()), k, f.id, present);
      std::vector<Money> amounts;
      for (std::size_t i = 0; i < c.scenarios.size(); ++i) {
        amounts.push_back(part_of(c.scenarios[i].ledgers.at(y.start_year()), k, f.id, present));
        line[i] += amounts.back();
      }
      ref_line += ref;
      if (!present) continue;  // takes part on neither side
      Row row;
      row.cells = {cell(k.label), cell(std::string(ledger::kind_text(k.kind))), cell(force_label(data, f.id))};
      add_amounts(row.cells, ref, amounts);
      t.rows.push_back(std::move(row));
    }
    Row sub{RowKind::Subtotal, {cell(k.label), cell(std::string(ledger::kind_text(k.kind))), cell(std::string("budget"))}, {}};
    add_amounts(sub.cells, ref_line, line);
    clear_sums(sub, 3, c.scenarios.size());
    t.rows.push_back(std::move(sub));
  }
  return t;
}

// With --explain: each figure a scenario's steps moved in a year, step by step, the figure
// before the step and after it (the first step's "before" is the scenario's baseline).
Table steps_table(const Comparison& c, std::size_t i, FinancialYear y, const Model& data) {
  const Side& side = c.scenarios[i];
  Table t;
  t.id = "steps-" + year_key(y) + (i == 0 ? "" : fmt::format("-{}", side_key(i)));
  t.title = fmt::format("Step by step, {}: {}", y.str(), side.title);
  t.columns = {column("step", "Step", ColumnType::Text), column("unit", "Unit", ColumnType::Text),
               column("kind", "Kind", ColumnType::Text), column("force", "Force", ColumnType::Text),
               column("before", "Before the step", ColumnType::Money), column("after", "After it", ColumnType::Money)};
  Column diff = column("change", "Change £", ColumnType::Money);
  diff.difference = std::make_pair(std::string("after"), std::string("before"));
  t.columns.push_back(diff);
  for (const StepEffect& e : *side.effects) {
    const ledger::FigureChange& f = e.figure;
    if (f.year != y) continue;
    Row row;
    row.cells = {cell(fmt::format("{}. {} from {} ({})", e.step, e.rule, e.from.str(), e.where.str())), cell(f.label),
                 cell(std::string(ledger::kind_text(f.kind))),
                 cell(f.force ? force_label(data, *f.force) : std::string("budget")), cell(f.before), cell(f.after),
                 Cell{}};
    t.rows.push_back(std::move(row));
  }
  t.caption = {span("Every figure each step of the scenario moved, step by step: \"before\" is the figure with the "
                    "steps above applied (for the first, the scenario's baseline), \"after\" with this one too. A "
                    "step not listed changes nothing this year; \"budget\" is the budget line itself.")};
  return t;
}

// The charges and limits behind a year's figures on the scenarios' side: who pays a sum on top
// of (or, having left, instead of) a share, and which lines a limit on year-on-year change held.
void charges_note(const Comparison& c, FinancialYear y, report::Document& doc, const Model& data) {
  std::vector<report::Spans> list;
  for (const Side& s : c.scenarios)
    for (const auto& row : s.ledgers.at(y.start_year()).rows) {
      if (row.failed()) continue;
      for (const auto& part : row.contributions)
        if (part.charge != Money{})
          list.push_back({span(fmt::format("{}: {} pays {} towards {} ({}){}", s.title, force_label(data, part.force),
                                           format_pounds(part.charge), row.label, part.charge_label,
                                           part.participant ? ", besides its share of the rest"
                                                            : "; it takes no part, so pays nothing else"))});
      if (row.limit) {
        std::string held;
        for (const auto& part : row.contributions)
          if (part.limited != Money{})
            held += fmt::format("{}{} {}{}", held.empty() ? "" : ", ", force_label(data, part.force),
                                part.limited.pence() > 0 ? "+" : "-", format_pounds(part.limited.pence() > 0 ? part.limited : -part.limited));
        list.push_back({span(fmt::format("{}: {} is limited to a change of {}{} a year per force{}", s.title, row.label,
                                         row.limit->rise ? "+" + percent_text(*row.limit->rise) : "",
                                         row.limit->fall ? (row.limit->rise ? " / -" : "-") + percent_text(*row.limit->fall) : "",
                                         held.empty() ? ": no force reaches it" : "; the limit moved " + held))});
      }
    }
  if (list.empty()) return;
  doc.blocks.push_back(report::Note{{span(fmt::format("Charges and limits in {}:", y.str()))}});
  doc.blocks.push_back(list_block(std::move(list)));
}

// The lines left out of a year, with why (the first problem of the first side that failed).
void gaps_note(const Comparison& c, FinancialYear y, report::Document& doc) {
  std::vector<report::Spans> list;
  for (const LineKey& k : line_keys(c, y)) {
    if (!gap(c, y, k.unit, k.kind)) continue;
    std::string why;
    for (const ledger::Ledger* l : sides(c, y))
      if (const ledger::LedgerRow* row = l->find(k.unit, k.kind); row && row->failed() && why.empty())
        why = row->problems.empty() ? "it could not be split" : row->problems.front().message;
    list.push_back({span(fmt::format("{} ({}): {}", k.label, ledger::kind_text(k.kind), why))});
  }
  if (list.empty()) return;
  doc.blocks.push_back(report::Note{{span(fmt::format(
      "Not compared in {}: these budget lines could not be split on every side, so they are left out of every "
      "figure below for that year:", y.str()))}});
  doc.blocks.push_back(list_block(std::move(list)));
}

std::string years_text(const std::vector<FinancialYear>& years) {
  if (years.empty()) return "";
  if (years.size() == 1) return years.front().str();
  return fmt::format("{} to {}", years.front().str(), years.back().str());
}

void projection_note(const Comparison& c, report::Document& doc) {
  std::vector<FinancialYear> shown;
  for (FinancialYear y : c.years)
    if (c.projection.projected(y)) shown.push_back(y);
  if (shown.empty()) return;
  std::string list;
  for (FinancialYear y : shown) list += (list.empty() ? "" : ", ") + y.str();
  doc.blocks.push_back(report::Note{{span(fmt::format(
      "Projected years: {}. The data budgets only up to {} and gives central grants up to {}; later years start from "
      "those figures, flat, and change only by the scenarios' steps (uplift, grant_change, budget_change...). The "
      "reference is projected the same way.",
      list, c.projection.last_budgeted ? c.projection.last_budgeted->str() : "-",
      c.projection.last_granted ? c.projection.last_granted->str() : "-"))}});
}

}  // namespace

std::optional<Percent> change_percent(Money amount, Money reference) {
  if (reference.pence() == 0) return std::nullopt;
  return round_percent(percent_of(amount - reference, reference), 1);
}

report::Document whatif_document(const Comparison& c, const Model& data) {
  report::Document doc;
  doc.id = "whatif";
  std::string titles, ids;
  for (const auto& s : c.scenarios) {
    titles += (titles.empty() ? "" : " / ") + s.title;
    ids += (ids.empty() ? "" : ",") + s.id;
  }
  doc.title = "What-if: " + titles;
  doc.subtitle = fmt::format("Against {}, {}", c.reference.title, years_text(c.years));
  doc.params = {{"scenarios", ids}, {"against", c.reference.id}, {"years", years_text(c.years)}};
  std::vector<report::Spans> about;
  for (const auto& s : c.scenarios)
    about.push_back({span(s.title, report::Span::Style::Strong), span(": " + s.description)});
  doc.blocks.push_back(list_block(std::move(about)));
  projection_note(c, doc);
  for (FinancialYear y : c.years) {
    doc.blocks.push_back(report::Heading{2, y.str() + (c.projection.projected(y) ? " (projected)" : "")});
    gaps_note(c, y, doc);
    doc.blocks.push_back(forces_table(c, y, data));
    for (std::size_t i = 0; i < c.scenarios.size(); ++i) {
      report::Block intro{std::in_place_type<report::Paragraph>};
      std::get<report::Paragraph>(intro).spans = {span(c.scenarios[i].title, report::Span::Style::Strong),
                                                  span(fmt::format(", against {}:", c.reference.title))};
      doc.blocks.push_back(std::move(intro));
      doc.blocks.push_back(who_pays(c, i, y, data));
    }
    doc.blocks.push_back(units_table(c, y, data));
    charges_note(c, y, doc, data);
    doc.blocks.push_back(grants_table(c, y, data));
    for (std::size_t i = 0; i < c.scenarios.size(); ++i) {
      if (!c.scenarios[i].effects) continue;
      Table steps = steps_table(c, i, y, data);
      if (!steps.rows.empty()) {
        doc.blocks.push_back(std::move(steps));
        continue;
      }
      report::Block none{std::in_place_type<report::Paragraph>};
      std::get<report::Paragraph>(none).spans = {
          span(fmt::format("Step by step, {}: ", y.str()), report::Span::Style::Strong),
          span(fmt::format("no step of {} changes a figure this year.", c.scenarios[i].title))};
      doc.blocks.push_back(std::move(none));
    }
  }
  return doc;
}

}  // namespace collab::scenario
