#pragma once
// The document model: what a report builds and every renderer reads. It knows no Lua and no
// format (Pandoc's habit: one AST, one writer per format). A report's layout script builds a
// Document through collab.layout; the host checks it (check_document) and computes its totals
// and differences (complete_document), then any renderer turns it into Markdown, CSV, JSON,
// HTML or XLSX. Invariant after complete_document: every row has one cell per column, every
// computed cell holds its value, every id a block or cell refers to exists.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "money/calendar.h"
#include "money/money.h"
#include "money/percent.h"

namespace collab::report {

/// A column's type decides how its cells are written: money in pence (a number in CSV, JSON
/// and XLSX, £ with thousands in text), percent (a number of percent), a count, a date, a
/// financial year, or text.
enum class ColumnType { Text, Money, Percent, Integer, Date, Year };
const char* column_type_name(ColumnType type);  // "text", "money", "percent", "integer", "date", "year"
std::optional<ColumnType> column_type_named(std::string_view name);

/// A run of text in a paragraph: plain, emphasised or strong; or a reference to a footnote (then
/// `footnote` holds its id and `text` is empty).
struct Span {
  enum class Style { Plain, Emphasis, Strong };
  std::string text;
  Style style = Style::Plain;
  std::string footnote;
};
using Spans = std::vector<Span>;

/// A section heading below the document's title; level 1 to 3.
struct Heading {
  int level = 1;
  std::string text;
};

struct Paragraph {
  Spans spans;
};

/// A remark set apart from the text: a caveat, a source note, a warning about the figures.
struct Note {
  Spans spans;
};

struct List {
  std::vector<Spans> items;
  bool ordered = false;
};

/// A cell's value; monostate is an empty cell. Money is integer pence; an Integer is a count.
using CellValue = std::variant<std::monostate, std::string, Money, Percent, int64_t, PartialDate, FinancialYear>;

struct Cell {
  CellValue value;
  /// The id of an Explanation of the document that says where this figure comes from (the HTML
  /// links the cell to it); empty when the figure needs none.
  std::string explain;
  /// The id of a footnote of the document this cell refers to; empty for none.
  std::string footnote;
  /// Set by complete_document on a total's or a difference's cell: the host computed the value
  /// (XLSX writes it as a live formula with this value cached).
  bool computed = false;
};

/// A typed column. Cells of a row are in the order of the table's columns.
struct Column {
  std::string key;    // lower case identifier, unique in the table: the JSON row key
  std::string title;  // as shown
  ColumnType type = ColumnType::Text;
  /// Consecutive columns with the same non-empty group are shown under one spanning heading.
  std::string group;
  /// Percent: decimal places shown (0..4, default 1). Money: 0 shows whole pounds (rounded
  /// half up for display; the value stays exact), 2 shows pence, -1 (default) shows pence only
  /// when an amount has them.
  int decimals = -1;
  /// A difference column: each cell is `minuend - subtrahend` (keys of money, integer or
  /// percent columns of the same type), computed by the host; XLSX writes it as a formula. An
  /// empty operand cell leaves the difference empty.
  std::optional<std::pair<std::string, std::string>> difference;
  std::string footnote;  // a footnote id for the heading, or empty
  /// Money and integer columns are summed in subtotal and total rows. A column with sum = false
  /// is not: its total rows hold what the layout gives (a published total, which need not be
  /// the sum of the published rows above it), unchecked.
  bool sum = true;
};

/// Body rows hold figures; a subtotal sums the body rows since the previous subtotal; a total
/// sums every body row. Their money and integer cells that the layout leaves empty are
/// computed; ones it fills are checked against the sum.
enum class RowKind { Body, Subtotal, Total };
const char* row_kind_name(RowKind kind);  // "body", "subtotal", "total"

struct Row {
  RowKind kind = RowKind::Body;
  std::vector<Cell> cells;
  /// Subtotal and total rows: the indices (into the table's rows) of the body rows they sum,
  /// set by complete_document.
  std::vector<std::size_t> sums;
};

struct Table {
  std::string id;  // unique in the document: CSV file names, XLSX sheets, HTML anchors, charts
  std::string title;
  std::vector<Column> columns;
  std::vector<Row> rows;
  Spans caption;       // shown under the table (a source, a caveat); may be empty
  std::string source;  // provenance of the published figures in it ("pcp-2017, Force Financial Contributions 2016/17")
};

enum class ChartKind { Bar, StackedBar, Line };
const char* chart_kind_name(ChartKind kind);  // "bar", "stacked_bar", "line"

/// A chart of a table's body rows: one category per row (the `category` column's text), one
/// series per `series` column (money, integer or percent).
struct Chart {
  ChartKind kind = ChartKind::Bar;
  std::string title;
  std::string table;     // id of a table of the document
  std::string category;  // key of a column of that table
  std::vector<std::string> series;  // keys of numeric columns of that table
};

using Block = std::variant<Heading, Paragraph, Note, List, Table, Chart>;

struct Footnote {
  std::string id;
  Spans text;
};

/// Where a figure comes from, for a reader to drill down to: a title ("Nottinghamshire's
/// contribution to EMSOU SOC, 2016/17") and the steps, each a line of text.
struct Explanation {
  std::string id;  // unique in the document; safe as an HTML id and a file name part
  std::string title;
  std::vector<std::string> lines;
};

/// A parameter the report was built with, as given or defaulted ("year", "2016/17").
struct DocumentParam {
  std::string name;
  std::string value;
};

struct Document {
  std::string id;  // the report's id
  std::string title;
  std::string subtitle;
  std::vector<DocumentParam> params;
  std::vector<Block> blocks;
  std::vector<Footnote> footnotes;
  std::vector<Explanation> explanations;
};

/// How much a document may hold: the host copies it out of a script's sandbox, so it is bounded
/// apart from the sandbox's memory.
struct DocumentLimits {
  std::size_t max_blocks = 10'000;
  std::size_t max_cells = 2'000'000;
  std::size_t max_text_bytes = 64u << 20;
};

/// The table with id `id` in `doc`, or null.
const Table* find_table(const Document& doc, std::string_view id);
/// The index of the column with key `key` in `table`, or nullopt.
std::optional<std::size_t> column_index(const Table& table, std::string_view key);

/// The plain text of spans (footnote references left out).
std::string plain_text(const Spans& spans);

}  // namespace collab::report
