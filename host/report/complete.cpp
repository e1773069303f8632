// complete_document: every check of a document a layout built, then the host's own figures in it
// (subtotal and total sums, difference columns), exact and overflow-checked. Problems are data.
//
// Decisions (DESIGN.md and document.h leave them open):
// - A row with fewer or more cells than columns is a problem, never padded: padding would let a
//   layout that lost a figure render an empty cell without a word.
// - Sums cover money and integer columns (unless a column says sum = false). Percent columns are left as given: shares rounded to
//   0.1% do not add up to their published total, and an average is not a sum.
// - An empty body cell adds nothing. When no cell a total sums holds a figure, the total is left
//   as the layout gave it (empty stays empty, a figure is not checked: nothing to check against).
// - A cell marked `computed` belongs to the host and is recomputed, so completing twice changes
//   nothing; a figure the layout gave itself is checked, never overwritten.
// - A difference column may take another difference column as an operand only if it is to its
//   left: differences are computed left to right.
// - A table with a structural problem (cell count, cell type, a bad difference) is not computed.

#include "report/complete.h"

#include <fmt/format.h>

#include <set>
#include <stdexcept>

namespace collab::report {

namespace {

using Problems = std::vector<std::string>;

struct Ids {
  std::set<std::string, std::less<>> footnotes;
  std::set<std::string, std::less<>> explanations;
};

bool is_key(std::string_view s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

bool is_numeric(ColumnType type) {
  return type == ColumnType::Money || type == ColumnType::Integer || type == ColumnType::Percent;
}

const char* value_type_name(const CellValue& v) {
  constexpr const char* kNames[] = {"empty", "text", "money", "percent", "integer", "date", "year"};
  return kNames[v.index()];
}

bool fits(ColumnType type, const CellValue& v) {
  switch (type) {
    case ColumnType::Text: return std::holds_alternative<std::string>(v);
    case ColumnType::Money: return std::holds_alternative<Money>(v);
    case ColumnType::Percent: return std::holds_alternative<Percent>(v);
    case ColumnType::Integer: return std::holds_alternative<int64_t>(v);
    case ColumnType::Date: return std::holds_alternative<PartialDate>(v);
    case ColumnType::Year: return std::holds_alternative<FinancialYear>(v);
  }
  return false;
}

/// "a money", "an integer": the type name with its article.
std::string with_article(std::string_view name) { return fmt::format("{} {}", name.front() == 'i' ? "an" : "a", name); }

bool is_empty(const CellValue& v) { return std::holds_alternative<std::monostate>(v); }

std::string value_text(const CellValue& v) {
  if (const auto* m = std::get_if<Money>(&v)) return format_money(*m);
  if (const auto* p = std::get_if<Percent>(&v)) return format_percent(*p, 4);
  if (const auto* n = std::get_if<int64_t>(&v)) return fmt::format("{}", *n);
  return "";
}

/// a + b (or a - b) of two numeric values of the same type; nullopt when out of range.
std::optional<CellValue> combine(const CellValue& a, const CellValue& b, bool minus) {
  try {
    if (const auto* m = std::get_if<Money>(&a)) return CellValue{minus ? *m - std::get<Money>(b) : *m + std::get<Money>(b)};
    if (const auto* p = std::get_if<Percent>(&a))
      return CellValue{minus ? *p - std::get<Percent>(b) : *p + std::get<Percent>(b)};
    if (const auto* n = std::get_if<int64_t>(&a)) {
      int64_t r = 0;
      const int64_t other = std::get<int64_t>(b);
      if (minus ? __builtin_sub_overflow(*n, other, &r) : __builtin_add_overflow(*n, other, &r)) return std::nullopt;
      return CellValue{r};
    }
  } catch (const std::overflow_error&) {  // MoneyOverflow is one; Percent throws the base
  }
  return std::nullopt;
}

std::string table_name(const Table& t, std::size_t block) {
  return t.id.empty() ? fmt::format("table (block {})", block + 1) : fmt::format("table '{}'", t.id);
}

std::string row_name(const Row& r, std::size_t i) { return fmt::format("row {} ({})", i + 1, row_kind_name(r.kind)); }

std::string column_name(const Column& c, std::size_t i) {
  return c.key.empty() ? fmt::format("column {}", i + 1) : fmt::format("column '{}'", c.key);
}

// ---- References ------------------------------------------------------------------------------

void check_footnote(std::string_view id, const std::string& where, const Ids& ids, Problems& p) {
  if (!id.empty() && !ids.footnotes.contains(id)) p.push_back(fmt::format("{}: footnote '{}' does not exist", where, id));
}

void check_spans(const Spans& spans, const std::string& where, const Ids& ids, Problems& p) {
  for (const Span& span : spans) check_footnote(span.footnote, where, ids, p);
}

/// The ids footnotes and explanations define; an empty or repeated one is a problem.
Ids collect_ids(const Document& doc, Problems& p) {
  Ids ids;
  for (std::size_t i = 0; i < doc.footnotes.size(); ++i) {
    const std::string& id = doc.footnotes[i].id;
    if (id.empty()) p.push_back(fmt::format("footnote {}: the id is empty", i + 1));
    else if (!ids.footnotes.insert(id).second) p.push_back(fmt::format("footnote '{}' is defined twice", id));
  }
  for (std::size_t i = 0; i < doc.explanations.size(); ++i) {
    const std::string& id = doc.explanations[i].id;
    if (id.empty()) p.push_back(fmt::format("explanation {}: the id is empty", i + 1));
    else if (!ids.explanations.insert(id).second) p.push_back(fmt::format("explanation '{}' is defined twice", id));
  }
  return ids;
}

void check_document_fields(const Document& doc, const Ids& ids, Problems& p) {
  if (doc.id.empty()) p.push_back("document: the id is empty");
  if (doc.title.empty()) p.push_back("document: the title is empty");
  std::set<std::string, std::less<>> names;
  for (const DocumentParam& param : doc.params)
    if (!names.insert(param.name).second) p.push_back(fmt::format("document: param '{}' is given twice", param.name));
  for (const Footnote& f : doc.footnotes) check_spans(f.text, fmt::format("footnote '{}'", f.id), ids, p);
}

// ---- Columns ---------------------------------------------------------------------------------

void check_decimals(const Column& c, const std::string& where, Problems& p) {
  if (c.type == ColumnType::Percent && (c.decimals < -1 || c.decimals > 4))
    p.push_back(fmt::format("{}: percent decimals {} is not 0 to 4 (or -1 for the default)", where, c.decimals));
  if (c.type == ColumnType::Money && c.decimals != -1 && c.decimals != 0 && c.decimals != 2)
    p.push_back(fmt::format("{}: money decimals {} is not -1, 0 or 2", where, c.decimals));
}

/// One operand of difference column `self`: an existing column of the same numeric type, and if
/// a difference itself, one to the left (computed first).
bool check_operand(const Table& t, std::size_t self, const std::string& key, const std::string& where, Problems& p) {
  const Column& c = t.columns[self];
  const auto at = column_index(t, key);
  if (!at) {
    p.push_back(fmt::format("{}: the difference's operand '{}' is not a column of the table", where, key));
    return false;
  }
  const Column& operand = t.columns[*at];
  if (*at == self) p.push_back(fmt::format("{}: the difference's operand '{}' is the column itself", where, key));
  else if (operand.type != c.type)
    p.push_back(fmt::format("{}: the difference's operand '{}' is {} column, not {} like the difference", where, key,
                            with_article(column_type_name(operand.type)), column_type_name(c.type)));
  else if (operand.difference && *at > self)
    p.push_back(fmt::format("{}: the difference's operand '{}' is a difference column to its right", where, key));
  else return true;
  return false;
}

bool check_difference(const Table& t, std::size_t i, const std::string& where, Problems& p) {
  const Column& c = t.columns[i];
  if (!is_numeric(c.type)) {
    p.push_back(fmt::format("{}: a difference column must be money, integer or percent, not {}", where,
                            column_type_name(c.type)));
    return false;
  }
  const bool first = check_operand(t, i, c.difference->first, where, p);
  const bool second = check_operand(t, i, c.difference->second, where, p);
  return first && second;
}

/// Keys, decimals, footnotes and differences of every column; false if the table cannot be computed.
bool check_columns(const Table& t, const std::string& name, const Ids& ids, Problems& p) {
  bool ok = true;
  std::set<std::string, std::less<>> keys;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const Column& c = t.columns[i];
    const std::string where = fmt::format("{}, {}", name, column_name(c, i));
    if (c.key.empty()) p.push_back(fmt::format("{}: the key is empty", where));
    else if (!is_key(c.key)) p.push_back(fmt::format("{}: the key is not a lower-case identifier ([a-z][a-z0-9_-]*)", where));
    else if (!keys.insert(c.key).second) p.push_back(fmt::format("{}: the key is used twice", where));
    else if (c.difference && !check_difference(t, i, where, p)) ok = false;
    check_decimals(c, where, p);
    check_footnote(c.footnote, where, ids, p);
  }
  return ok && keys.size() == t.columns.size();
}

// ---- Rows ------------------------------------------------------------------------------------

/// One cell's type and references.
bool check_cell(const Cell& cell, const Column& c, const std::string& where, const Ids& ids, Problems& p) {
  check_footnote(cell.footnote, where, ids, p);
  if (!cell.explain.empty() && !ids.explanations.contains(cell.explain))
    p.push_back(fmt::format("{}: explanation '{}' does not exist", where, cell.explain));
  if (is_empty(cell.value) || fits(c.type, cell.value)) return true;
  p.push_back(fmt::format("{}: {} value in {} column", where, with_article(value_type_name(cell.value)),
                          with_article(column_type_name(c.type))));
  return false;
}

bool check_rows(const Table& t, const std::string& name, const Ids& ids, Problems& p) {
  bool ok = true;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const Row& row = t.rows[r];
    const std::string where = fmt::format("{}, {}", name, row_name(row, r));
    if (row.cells.size() != t.columns.size()) {
      p.push_back(fmt::format("{}: {} cells for {} columns", where, row.cells.size(), t.columns.size()));
      ok = false;
      continue;
    }
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      ok = check_cell(row.cells[c], t.columns[c], fmt::format("{}, {}", where, column_name(t.columns[c], c)), ids, p) && ok;
  }
  return ok;
}

// ---- Sums ------------------------------------------------------------------------------------

/// Each subtotal sums the body rows since the previous subtotal; each total every body row.
void assign_sums(Table& t) {
  std::vector<std::size_t> all, since;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    Row& row = t.rows[r];
    if (row.kind == RowKind::Body) {
      all.push_back(r);
      since.push_back(r);
    } else if (row.kind == RowKind::Subtotal) {
      row.sums = since;
      since.clear();
    }
  }
  for (Row& row : t.rows)
    if (row.kind == RowKind::Total) row.sums = all;
}

/// The sum of column `c` over `rows`: empty when no cell holds a figure; nullopt on overflow.
std::optional<CellValue> sum_column(const Table& t, std::size_t c, const std::vector<std::size_t>& rows) {
  CellValue sum;
  for (std::size_t r : rows) {
    const CellValue& v = t.rows[r].cells[c].value;
    if (is_empty(v)) continue;
    if (is_empty(sum)) {
      sum = v;
      continue;
    }
    auto next = combine(sum, v, false);
    if (!next) return std::nullopt;
    sum = std::move(*next);
  }
  return sum;
}

void fill_total(Cell& cell, const CellValue& sum, const std::string& where, Problems& p) {
  if (cell.computed || is_empty(cell.value)) {
    cell.value = sum;
    cell.computed = !is_empty(sum);
  } else if (!is_empty(sum) && cell.value != sum) {
    p.push_back(fmt::format("{}: the layout gives {} but the rows above sum to {}", where, value_text(cell.value),
                            value_text(sum)));
  }
}

void fill_totals(Table& t, const std::string& name, Problems& p) {
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const Column& col = t.columns[c];
    if (col.difference || !col.sum || (col.type != ColumnType::Money && col.type != ColumnType::Integer)) continue;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      Row& row = t.rows[r];
      if (row.kind == RowKind::Body) continue;
      const std::string where = fmt::format("{}, {}, column '{}'", name, row_name(row, r), col.key);
      if (auto sum = sum_column(t, c, row.sums)) fill_total(row.cells[c], *sum, where, p);
      else p.push_back(fmt::format("{}: the sum of the rows above is out of range", where));
    }
  }
}

// ---- Differences -----------------------------------------------------------------------------

void fill_difference(Table& t, std::size_t c, std::size_t r, const std::string& name, Problems& p) {
  const Column& col = t.columns[c];
  Row& row = t.rows[r];
  Cell& cell = row.cells[c];
  const std::string where = fmt::format("{}, {}, column '{}'", name, row_name(row, r), col.key);
  if (!cell.computed && !is_empty(cell.value)) {
    p.push_back(fmt::format("{}: the layout fills a difference cell; the host computes it (leave it empty)", where));
    return;
  }
  const CellValue& a = row.cells[*column_index(t, col.difference->first)].value;
  const CellValue& b = row.cells[*column_index(t, col.difference->second)].value;
  cell.computed = false;
  cell.value = CellValue{};
  if (is_empty(a) || is_empty(b)) return;
  if (auto d = combine(a, b, true)) {
    cell.value = std::move(*d);
    cell.computed = true;
  } else {
    p.push_back(fmt::format("{}: {} - {} is out of range", where, col.difference->first, col.difference->second));
  }
}

void fill_differences(Table& t, const std::string& name, Problems& p) {
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    if (t.columns[c].difference)
      for (std::size_t r = 0; r < t.rows.size(); ++r) fill_difference(t, c, r, name, p);
}

// ---- Blocks ----------------------------------------------------------------------------------

void check_table(Table& t, std::size_t block, const Ids& ids, std::set<std::string, std::less<>>& table_ids,
                 Problems& p) {
  const std::string name = table_name(t, block);
  if (t.id.empty()) p.push_back(fmt::format("{}: the id is empty", name));
  else if (!is_key(t.id)) p.push_back(fmt::format("{}: the id is not a lower-case identifier ([a-z][a-z0-9_-]*)", name));
  else if (!table_ids.insert(t.id).second) p.push_back(fmt::format("{}: the id is used by another table", name));
  check_spans(t.caption, name + ", caption", ids, p);
  const bool columns_ok = check_columns(t, name, ids, p);
  if (!check_rows(t, name, ids, p) || !columns_ok) return;  // nothing computed on a broken shape
  assign_sums(t);
  fill_totals(t, name, p);
  fill_differences(t, name, p);
}

void check_series(const Table& t, const std::string& key, const std::string& where, Problems& p) {
  const auto at = column_index(t, key);
  if (!at) p.push_back(fmt::format("{}: series '{}' is not a column of table '{}'", where, key, t.id));
  else if (!is_numeric(t.columns[*at].type))
    p.push_back(fmt::format("{}: series '{}' is {} column, not money, integer or percent", where, key,
                            with_article(column_type_name(t.columns[*at].type))));
}

void check_chart(const Document& doc, const Chart& chart, std::size_t block, Problems& p) {
  const std::string where = fmt::format("block {} (chart '{}')", block + 1, chart.title);
  if (chart.series.empty()) p.push_back(fmt::format("{}: no series", where));
  const Table* t = find_table(doc, chart.table);
  if (!t) {
    p.push_back(fmt::format("{}: table '{}' does not exist", where, chart.table));
    return;
  }
  if (!column_index(*t, chart.category))
    p.push_back(fmt::format("{}: category '{}' is not a column of table '{}'", where, chart.category, t->id));
  for (const std::string& key : chart.series) check_series(*t, key, where, p);
}

void check_text_block(const Block& block, std::size_t i, const Ids& ids, Problems& p) {
  if (const auto* h = std::get_if<Heading>(&block)) {
    if (h->level < 1 || h->level > 3)
      p.push_back(fmt::format("block {} (heading): level {} is not 1 to 3", i + 1, h->level));
  } else if (const auto* para = std::get_if<Paragraph>(&block)) {
    check_spans(para->spans, fmt::format("block {} (paragraph)", i + 1), ids, p);
  } else if (const auto* note = std::get_if<Note>(&block)) {
    check_spans(note->spans, fmt::format("block {} (note)", i + 1), ids, p);
  } else if (const auto* list = std::get_if<List>(&block)) {
    for (std::size_t k = 0; k < list->items.size(); ++k)
      check_spans(list->items[k], fmt::format("block {} (list), item {}", i + 1, k + 1), ids, p);
  }
}

}  // namespace

std::vector<std::string> complete_document(Document& doc) {
  Problems problems;
  const Ids ids = collect_ids(doc, problems);
  check_document_fields(doc, ids, problems);
  std::set<std::string, std::less<>> table_ids;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    if (auto* table = std::get_if<Table>(&doc.blocks[i])) check_table(*table, i, ids, table_ids, problems);
    else if (const auto* chart = std::get_if<Chart>(&doc.blocks[i])) check_chart(doc, *chart, i, problems);
    else check_text_block(doc.blocks[i], i, ids, problems);
  }
  return problems;
}

}  // namespace collab::report
