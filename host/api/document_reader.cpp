// The reader of a returned document: one small function per block kind, all reads raw, every
// message prefixed by the path to the value at fault.

#include "api/document_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <stdexcept>

#include "api/arguments.h"
#include "api/layout_api.h"
#include "calc/decimal.h"
#include "core/text.h"

namespace collab::api {

namespace {

using namespace collab::report;

constexpr std::size_t kMaxTextBytes = 64 * 1024;  // one title, cell or span

class Reader {
 public:
  Reader(lua_State* L, const DocumentLimits& limits) : L_(L), limits_(limits) {}

  ReadDocument read(int index);

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(where_.empty() ? fmt::format("{}{}", path_, what) : fmt::format("{}: {}{}", where_, path_, what));
  }
  int raw(int table, const char* key) {
    lua_pushstring(L_, key);
    return lua_rawget(L_, table);
  }
  std::string text_value(int index, const char* what);
  std::string optional_text(int table, const char* key);
  std::string required_text(int table, const char* key);
  void count_text(std::size_t bytes);
  Spans read_spans(int index, const char* what);
  Span read_span(int index);
  Block read_block(int index, std::size_t number);
  Table read_table(int index, std::size_t number);
  Column read_column(int index, std::size_t number);
  Row read_row(int index, const Table& table, std::size_t number);
  Cell read_cell(int index, const Column& column);
  CellValue read_value(int index, const Column& column);
  Chart read_chart(int index);
  List read_list(int index);
  std::string read_explain(int index);
  void read_footnotes(int index, report::Document& doc);

  lua_State* L_;
  const DocumentLimits& limits_;
  std::string where_;  // the line that made the block being read
  std::string path_;   // "table 'x' (block 3), row 4, column 'notts': "
  std::size_t text_bytes_ = 0, cells_ = 0;
  std::map<std::string, ExplainRequest> explains_;
  std::vector<std::string> explain_order_;
};

void Reader::count_text(std::size_t bytes) {
  text_bytes_ += bytes;
  if (text_bytes_ > limits_.max_text_bytes)
    fail(fmt::format("the document holds more than {} MiB of text", limits_.max_text_bytes >> 20));
}

std::string Reader::text_value(int index, const char* what) {
  if (lua_type(L_, index) != LUA_TSTRING) fail(fmt::format("{} must be a string, got {}", what, luaL_typename(L_, index)));
  std::string s = capped_text(view_at(L_, index), kMaxTextBytes);
  count_text(s.size());
  return s;
}

std::string Reader::optional_text(int table, const char* key) {
  const int type = raw(table, key);
  std::string s = type == LUA_TNIL ? "" : text_value(-1, key);
  lua_pop(L_, 1);
  return s;
}

std::string Reader::required_text(int table, const char* key) {
  std::string s = optional_text(table, key);
  if (s.empty()) fail(fmt::format("'{}' must be a non-empty string", key));
  return s;
}

Span Reader::read_span(int index) {
  if (lua_type(L_, index) == LUA_TSTRING) return Span{text_value(index, "a span"), Span::Style::Plain, ""};
  const auto made = layout_mark(L_, index);
  if (!made || made->kind != "span") fail(fmt::format("a span must be a string or collab.layout.em/strong/footnote_ref, got {}", luaL_typename(L_, index)));
  index = lua_absindex(L_, index);
  Span span;
  span.footnote = optional_text(index, "footnote");
  if (!span.footnote.empty()) return span;
  span.text = optional_text(index, "text");
  const std::string style = optional_text(index, "style");
  span.style = style == "strong" ? Span::Style::Strong : Span::Style::Emphasis;
  return span;
}

// A string, one span, or a list of strings and spans.
Spans Reader::read_spans(int index, const char* what) {
  index = lua_absindex(L_, index);
  if (lua_type(L_, index) == LUA_TSTRING || layout_mark(L_, index)) return {read_span(index)};
  if (!lua_istable(L_, index)) fail(fmt::format("{} must be text: a string or a list of strings and spans, got {}", what, luaL_typename(L_, index)));
  Spans spans;
  const auto n = static_cast<lua_Integer>(lua_rawlen(L_, index));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L_, index, i);
    spans.push_back(read_span(-1));
    lua_pop(L_, 1);
  }
  return spans;
}

CellValue Reader::read_value(int index, const Column& column) {
  const int type = lua_type(L_, index);
  if (type == LUA_TNIL) return std::monostate{};
  auto expected = [&](const char* what) {
    fail(fmt::format("{} expected, got {}", what, luaL_typename(L_, index)));
  };
  switch (column.type) {
    case ColumnType::Text:
      if (type != LUA_TSTRING) expected("text (a string)");
      return text_value(index, "a text cell");
    case ColumnType::Money:
    case ColumnType::Integer: {
      const char* what = column.type == ColumnType::Money ? "money (an integer number of pence)" : "an integer";
      if (type != LUA_TNUMBER) expected(what);
      if (lua_isinteger(L_, index)) {
        const lua_Integer v = lua_tointeger(L_, index);
        return column.type == ColumnType::Money ? CellValue{Money::from_pence(v)} : CellValue{static_cast<int64_t>(v)};
      }
      const double d = lua_tonumber(L_, index);
      if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) >= 9.2e18)
        fail(fmt::format("{} expected, got the number {} (a fraction, NaN or beyond int64)", what, d));
      const auto v = static_cast<int64_t>(d);
      return column.type == ColumnType::Money ? CellValue{Money::from_pence(v)} : CellValue{v};
    }
    case ColumnType::Percent: {
      if (type == LUA_TSTRING) {
        auto p = parse_percent(view_at(L_, index));
        if (!p) fail(fmt::format("a percentage expected: {}", p.error()));
        return p.value();
      }
      if (type != LUA_TNUMBER) expected("a percentage (a number of percent: 27.6)");
      auto d = decimal_from_double(lua_tonumber(L_, index));
      if (!d) fail(fmt::format("a percentage expected: {}", d.error()));
      // The number's shortest decimal form (27.6 is 27.6, not the double nearest it), to 0.0001%.
      Decimal rounded;
      try {
        rounded = round_to_step(d.value(), Decimal{1, 4});
      } catch (const std::exception& e) {
        fail(fmt::format("a percentage expected: {}", e.what()));
      }
      auto p = parse_percent(decimal_text(rounded));
      if (!p) fail(fmt::format("a percentage expected: {}", p.error()));
      return p.value();
    }
    case ColumnType::Year: {
      if (type != LUA_TSTRING) expected("a financial year (\"2016/17\")");
      auto y = FinancialYear::parse(view_at(L_, index));
      if (!y) fail(y.error());
      return y.value();
    }
    case ColumnType::Date: {
      if (type != LUA_TSTRING) expected("a date (\"Sep 2011\", \"31 Mar 2013\", \"2005\")");
      auto d = PartialDate::parse(view_at(L_, index));
      if (!d) fail(d.error());
      return d.value();
    }
  }
  return std::monostate{};
}

// explain = {unit=, force=, year=, kind=} | {force=, year=, of=} | {title=, lines=}: an id.
std::string Reader::read_explain(int index) {
  index = lua_absindex(L_, index);
  if (!lua_istable(L_, index)) fail(fmt::format("explain must be a table, got {}", luaL_typename(L_, index)));
  ExplainRequest request;
  request.where = where_;
  request.unit = optional_text(index, "unit");
  request.force = optional_text(index, "force");
  request.title = optional_text(index, "title");
  if (const std::string year = optional_text(index, "year"); !year.empty()) {
    auto y = FinancialYear::parse(year);
    if (!y) fail(fmt::format("explain.year: {}", y.error()));
    request.year = y.value();
  }
  if (!request.unit.empty()) {
    request.kind = ExplainRequest::Kind::Share;
    request.of = optional_text(index, "kind");
    if (request.of.empty()) request.of = "cash";
    if (request.of != "cash" && request.of != "in_kind") fail("explain.kind must be \"cash\" or \"in_kind\"");
    if (request.force.empty() || !request.year) fail("explain of a share needs unit, force and year");
    request.id = fmt::format("{}-{}-{}-{}", request.unit, request.force, request.year->start_year(), request.of);
  } else if (!request.force.empty()) {
    request.kind = ExplainRequest::Kind::Total;
    request.of = optional_text(index, "of");
    if (request.of.empty()) request.of = "all";
    if (request.of != "cash" && request.of != "in_kind" && request.of != "all")
      fail("explain.of must be \"cash\", \"in_kind\" or \"all\"");
    if (!request.year) fail("explain of a total needs force and year");
    request.id = fmt::format("total-{}-{}-{}", request.force, request.year->start_year(), request.of);
  } else {
    request.kind = ExplainRequest::Kind::Text;
    if (request.title.empty()) fail("explain needs unit, force and year; force and year; or title and lines");
    if (raw(index, "lines") == LUA_TTABLE) {
      const auto n = static_cast<lua_Integer>(lua_rawlen(L_, -1));
      for (lua_Integer i = 1; i <= n; ++i) {
        lua_rawgeti(L_, -1, i);
        request.lines.push_back(text_value(-1, "explain.lines[i]"));
        lua_pop(L_, 1);
      }
    } else if (!lua_isnil(L_, -1)) {
      fail("explain.lines must be a list of strings");
    }
    lua_pop(L_, 1);
    std::string key = request.title;
    for (const auto& line : request.lines) key += "\n" + line;
    // Equal texts share an explanation; a different one with the same title gets the next number.
    for (const auto& [id, other] : explains_) {
      if (other.kind != ExplainRequest::Kind::Text) continue;
      std::string other_key = other.title;
      for (const auto& line : other.lines) other_key += "\n" + line;
      if (other_key == key) return id;
    }
    request.id = fmt::format("note-{}", explains_.size() + 1);
  }
  for (char& c : request.id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) c = '-';
  if (explains_.emplace(request.id, request).second) explain_order_.push_back(request.id);
  return request.id;
}

Cell Reader::read_cell(int index, const Column& column) {
  if (++cells_ > limits_.max_cells) fail(fmt::format("the document holds more than {} cells", limits_.max_cells));
  Cell cell;
  const auto made = layout_mark(L_, index);
  if (!made) {
    if (lua_istable(L_, index)) fail("a table is not a cell value: wrap a value with its explanation in collab.layout.cell{...}");
    cell.value = read_value(index, column);
    return cell;
  }
  if (made->kind != "cell") fail(fmt::format("a {} is not a cell value", made->kind));
  index = lua_absindex(L_, index);
  if (raw(index, "value") == LUA_TNIL) {
    lua_pop(L_, 1);
    lua_rawgeti(L_, index, 1);
  }
  cell.value = read_value(-1, column);
  lua_pop(L_, 1);
  if (raw(index, "explain") != LUA_TNIL) cell.explain = read_explain(-1);
  lua_pop(L_, 1);
  cell.footnote = optional_text(index, "note");
  return cell;
}

Column Reader::read_column(int index, std::size_t number) {
  path_ += fmt::format("column {}: ", number);
  if (!lua_istable(L_, index)) fail(fmt::format("a column must be a table {{key=, title=, type=}}, got {}", luaL_typename(L_, index)));
  index = lua_absindex(L_, index);
  Column column;
  column.key = required_text(index, "key");
  column.title = optional_text(index, "title");
  if (column.title.empty()) column.title = column.key;
  const std::string type = optional_text(index, "type");
  const auto t = column_type_named(type.empty() ? "text" : type);
  if (!t) fail(fmt::format("type '{}' is not a column type (text, money, percent, integer, date, year)", visible_text(type)));
  column.type = *t;
  column.group = optional_text(index, "group");
  column.footnote = optional_text(index, "note");
  if (const int dt = raw(index, "decimals"); dt != LUA_TNIL) {
    if (!lua_isinteger(L_, -1)) fail("decimals must be an integer");
    column.decimals = static_cast<int>(std::clamp<lua_Integer>(lua_tointeger(L_, -1), -100, 100));
  }
  lua_pop(L_, 1);
  if (const int st = raw(index, "sum"); st != LUA_TNIL) {
    if (st != LUA_TBOOLEAN) fail("sum must be true or false");
    column.sum = lua_toboolean(L_, -1) != 0;
  }
  lua_pop(L_, 1);
  if (const int dt = raw(index, "difference"); dt != LUA_TNIL) {
    if (dt != LUA_TTABLE || lua_rawlen(L_, -1) != 2) fail("difference must be {minuend_key, subtrahend_key}");
    lua_rawgeti(L_, -1, 1);
    lua_rawgeti(L_, -2, 2);
    column.difference = std::make_pair(text_value(-2, "difference[1]"), text_value(-1, "difference[2]"));
    lua_pop(L_, 2);
  }
  lua_pop(L_, 1);
  return column;
}

Row Reader::read_row(int index, const Table& table, std::size_t number) {
  const auto made = layout_mark(L_, index);
  Row row;
  if (made && made->kind == "total") row.kind = RowKind::Total;
  else if (made && made->kind == "subtotal") row.kind = RowKind::Subtotal;
  else if (made) fail(fmt::format("row {}: a {} is not a row", number, made->kind));
  if (!lua_istable(L_, index)) fail(fmt::format("row {} must be a table of cells by column key, got {}", number, luaL_typename(L_, index)));
  index = lua_absindex(L_, index);
  // Every key must be a column's: a misspelt key would otherwise drop a figure without a word.
  lua_pushnil(L_);
  while (lua_next(L_, index) != 0) {
    lua_pop(L_, 1);
    const bool known = lua_type(L_, -1) == LUA_TSTRING && column_index(table, view_at(L_, -1)).has_value();
    if (!known) {
      const std::string key = lua_type(L_, -1) == LUA_TSTRING ? "'" + visible_text(string_at(L_, -1)) + "'" : luaL_typename(L_, -1);
      lua_pop(L_, 1);
      fail(fmt::format("row {} ({}): {} is not a column of the table", number, row_kind_name(row.kind), key));
    }
  }
  const std::string saved = path_;
  for (const Column& column : table.columns) {
    path_ = saved + fmt::format("row {} ({}), column '{}': ", number, row_kind_name(row.kind), column.key);
    raw(index, column.key.c_str());
    row.cells.push_back(read_cell(-1, column));
    lua_pop(L_, 1);
  }
  path_ = saved;
  return row;
}

Table Reader::read_table(int index, std::size_t number) {
  Table table;
  table.id = required_text(index, "id");
  path_ = fmt::format("table '{}' (block {}): ", visible_text(table.id), number);
  table.title = required_text(index, "title");
  table.source = optional_text(index, "source");
  if (raw(index, "caption") != LUA_TNIL) table.caption = read_spans(-1, "caption");
  lua_pop(L_, 1);
  const std::string saved = path_;
  if (raw(index, "columns") != LUA_TTABLE) fail("'columns' must be a list of columns");
  const int columns = lua_gettop(L_);
  for (lua_Integer i = 1; i <= static_cast<lua_Integer>(lua_rawlen(L_, columns)); ++i) {
    lua_rawgeti(L_, columns, i);
    table.columns.push_back(read_column(-1, static_cast<std::size_t>(i)));
    lua_pop(L_, 1);
    path_ = saved;
  }
  lua_pop(L_, 1);
  if (table.columns.empty()) fail("a table needs at least one column");
  const int rows_type = raw(index, "rows");
  if (rows_type != LUA_TNIL && rows_type != LUA_TTABLE) fail("'rows' must be a list of rows");
  if (rows_type == LUA_TTABLE) {
    const int rows = lua_gettop(L_);
    for (lua_Integer i = 1; i <= static_cast<lua_Integer>(lua_rawlen(L_, rows)); ++i) {
      lua_rawgeti(L_, rows, i);
      table.rows.push_back(read_row(-1, table, static_cast<std::size_t>(i)));
      lua_pop(L_, 1);
    }
  }
  lua_pop(L_, 1);
  return table;
}

Chart Reader::read_chart(int index) {
  Chart chart;
  const std::string kind = required_text(index, "kind");
  if (kind == "bar") chart.kind = ChartKind::Bar;
  else if (kind == "stacked_bar") chart.kind = ChartKind::StackedBar;
  else if (kind == "line") chart.kind = ChartKind::Line;
  else fail(fmt::format("chart kind '{}' is not bar, stacked_bar or line", visible_text(kind)));
  chart.title = optional_text(index, "title");
  chart.table = required_text(index, "table");
  chart.category = required_text(index, "category");
  if (raw(index, "series") != LUA_TTABLE) fail("'series' must be a list of column keys");
  for (lua_Integer i = 1; i <= static_cast<lua_Integer>(lua_rawlen(L_, -1)); ++i) {
    lua_rawgeti(L_, -1, i);
    chart.series.push_back(text_value(-1, "a series key"));
    lua_pop(L_, 1);
  }
  lua_pop(L_, 1);
  return chart;
}

List Reader::read_list(int index) {
  List list;
  if (raw(index, "ordered") == LUA_TBOOLEAN) list.ordered = lua_toboolean(L_, -1) != 0;
  lua_pop(L_, 1);
  const int items = raw(index, "items") == LUA_TTABLE ? lua_gettop(L_) : index;
  for (lua_Integer i = 1; i <= static_cast<lua_Integer>(lua_rawlen(L_, items)); ++i) {
    lua_rawgeti(L_, items, i);
    list.items.push_back(read_spans(-1, "a list item"));
    lua_pop(L_, 1);
  }
  lua_pop(L_, 1);
  return list;
}

Block Reader::read_block(int index, std::size_t number) {
  index = lua_absindex(L_, index);
  const auto made = layout_mark(L_, index);
  if (!made) fail(fmt::format("block {} is a {}, not a block made by collab.layout (heading, paragraph, note, list, table, chart)", number, luaL_typename(L_, index)));
  where_ = made->where;
  path_ = fmt::format("{} (block {}): ", made->kind, number);
  if (made->kind == "heading") {
    Heading h;
    h.text = required_text(index, "text");
    if (raw(index, "level") == LUA_TNUMBER) h.level = static_cast<int>(std::clamp<lua_Integer>(lua_tointeger(L_, -1), 1, 3));
    lua_pop(L_, 1);
    return h;
  }
  if (made->kind == "paragraph" || made->kind == "note") {
    raw(index, "spans");
    Spans spans = read_spans(-1, made->kind.c_str());
    lua_pop(L_, 1);
    if (made->kind == "note") return Note{std::move(spans)};
    return Paragraph{std::move(spans)};
  }
  if (made->kind == "list") return read_list(index);
  if (made->kind == "table") return read_table(index, number);
  if (made->kind == "chart") return read_chart(index);
  fail(fmt::format("a {} is not a block", made->kind));
}

void Reader::read_footnotes(int index, report::Document& doc) {
  if (raw(index, "footnotes") == LUA_TNIL) {
    lua_pop(L_, 1);
    return;
  }
  if (!lua_istable(L_, -1)) fail("footnotes must be a list of {id=, text=}");
  const int list = lua_gettop(L_);
  for (lua_Integer i = 1; i <= static_cast<lua_Integer>(lua_rawlen(L_, list)); ++i) {
    path_ = fmt::format("footnote {}: ", i);
    if (lua_rawgeti(L_, list, i) != LUA_TTABLE) fail("a footnote must be {id=, text=}");
    const int f = lua_gettop(L_);
    Footnote footnote;
    footnote.id = required_text(f, "id");
    raw(f, "text");
    footnote.text = read_spans(-1, "text");
    lua_pop(L_, 2);
    doc.footnotes.push_back(std::move(footnote));
  }
  lua_pop(L_, 1);
}

ReadDocument Reader::read(int index) {
  index = lua_absindex(L_, index);
  const auto made = layout_mark(L_, index);
  if (!made || made->kind != "document")
    fail(fmt::format("build returned a {}, not collab.layout.document{{...}}", made ? made->kind : luaL_typename(L_, index)));
  where_ = made->where;
  ReadDocument out;
  out.document.title = required_text(index, "title");
  out.document.subtitle = optional_text(index, "subtitle");
  if (raw(index, "blocks") != LUA_TTABLE) fail("'blocks' must be a list of blocks");
  const int blocks = lua_gettop(L_);
  const auto n = static_cast<std::size_t>(lua_rawlen(L_, blocks));
  if (n > limits_.max_blocks) fail(fmt::format("the document has {} blocks; at most {}", n, limits_.max_blocks));
  for (std::size_t i = 1; i <= n; ++i) {
    lua_rawgeti(L_, blocks, static_cast<lua_Integer>(i));
    out.document.blocks.push_back(read_block(-1, i));
    lua_pop(L_, 1);
  }
  lua_pop(L_, 1);
  where_ = made->where;
  read_footnotes(index, out.document);
  for (const std::string& id : explain_order_) out.explains.push_back(explains_.at(id));
  return out;
}

}  // namespace

ReadDocument read_document(lua_State* L, int index, const DocumentLimits& limits) {
  luaL_checkstack(L, 32, "reading a document");
  return Reader(L, limits).read(index);
}

}  // namespace collab::api
