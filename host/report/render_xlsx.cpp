// render_xlsx: the document as an XLSX workbook through libxlsxwriter. A first "About" sheet holds
// the document's text; each table gets its own sheet with typed cells, a frozen header, and its
// totals and differences as live formulas with their values cached.

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/text.h"
#include "report/render.h"
#include "report/xlsx_sheet_name.h"

namespace collab::report {

namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;  // clang 14 does not deduce an aggregate's arguments (C++20 P1816) yet

// ---- Errors: every libxlsxwriter call is checked; a refusal unwinds to render_xlsx. ----------

struct XlsxFailure {
  std::string message;
};

void check(lxw_error error, std::string_view what) {
  if (error != LXW_NO_ERROR) throw XlsxFailure{fmt::format("{}: {}", what, lxw_strerror(error))};
}

// ---- Values: what a cell shows, as a number Excel holds exactly or as text. -------------------

// Excel keeps 15 significant digits. A figure of 10^15 units or more (pence, people, 0.0001%)
// would be shown rounded, so it is written as text instead, with a comment saying why.
constexpr int64_t kMaxExact = 1'000'000'000'000'000;

// The number a cell holds in the sheet's units (pounds, a fraction for a percent, a count), or
// nullopt for text, an empty cell or a figure too large to hold exactly.
std::optional<double> number_of(const CellValue& value) {
  const auto exact = [](int64_t n) { return n > -kMaxExact && n < kMaxExact; };
  if (const auto* m = std::get_if<Money>(&value); m && exact(m->pence()))
    return static_cast<double>(m->pence()) / 100.0;
  if (const auto* p = std::get_if<Percent>(&value); p && exact(p->units()))
    return static_cast<double>(p->units()) / (100.0 * Percent::kUnitsPerPercent);
  if (const auto* n = std::get_if<int64_t>(&value); n && exact(*n)) return static_cast<double>(*n);
  return std::nullopt;
}

bool is_numeric(const CellValue& value) {
  return std::holds_alternative<Money>(value) || std::holds_alternative<Percent>(value) ||
         std::holds_alternative<int64_t>(value);
}

// How a column's numbers are shown: its Excel number format and, for widths and text, the same
// rounding in our own formatting.
struct ColumnStyle {
  std::string number_format{};  // empty for text, dates and years
  bool pence = false;           // money shown with pence
  int decimals = 1;             // percent places
};

ColumnStyle column_style(const Table& table, std::size_t col) {
  const Column& column = table.columns[col];
  ColumnStyle style;
  switch (column.type) {
    case ColumnType::Money: {
      const bool any_pence = std::any_of(table.rows.begin(), table.rows.end(), [&](const Row& row) {
        const auto* m = col < row.cells.size() ? std::get_if<Money>(&row.cells[col].value) : nullptr;
        return m && !m->is_whole_pounds();
      });
      style.pence = column.decimals == 2 || (column.decimals < 0 && any_pence);
      style.number_format = style.pence ? "£#,##0.00;-£#,##0.00" : "£#,##0;-£#,##0";
      break;
    }
    case ColumnType::Percent:
      style.decimals = column.decimals >= 0 && column.decimals <= 4 ? column.decimals : 1;
      style.number_format = fmt::format("0{}{}%", style.decimals > 0 ? "." : "",
                                        std::string(static_cast<std::size_t>(style.decimals), '0'));
      break;
    case ColumnType::Integer: style.number_format = "#,##0"; break;
    default: break;
  }
  return style;
}

std::string grouped(int64_t n) {
  const uint64_t magnitude = n < 0 ? static_cast<uint64_t>(-(n + 1)) + 1 : static_cast<uint64_t>(n);
  return (n < 0 ? "-" : "") + detail::group_thousands(magnitude);
}

// A cell as a reader sees it: for column widths, and the text written for a figure too large,
// a year ("2016/17") or a date. Dates stay text even when the day is known: a column of dates
// known to the month ("Sep 2011") would otherwise mix numbers and text, and sort wrongly.
std::string display_text(const CellValue& value, const ColumnStyle& style) {
  return std::visit(Overloaded{
                        [](std::monostate) { return std::string(); },
                        [](const std::string& s) { return s; },
                        [&](Money m) { return style.pence ? format_money(m) : format_pounds(m); },
                        [&](Percent p) { return format_percent(p, style.decimals); },
                        [](int64_t n) { return grouped(n); },
                        [](const PartialDate& d) { return d.str(); },
                        [](const FinancialYear& y) { return y.str(); },
                    },
                    value);
}

// Text as libxlsxwriter takes it: control characters and bad UTF-8 made visible (XML cannot hold
// them), a literal "_xHHHH_" kept literal (Excel would read it as an escaped character: its
// underscore becomes _x005F_), and capped below Excel's 32,767 characters a cell.
std::string xlsx_text(std::string_view text) {
  const std::string visible = visible_text(text);
  std::string out;
  for (std::size_t i = 0; i < visible.size(); ++i) {
    const bool escape_like = visible[i] == '_' && i + 6 < visible.size() && visible[i + 1] == 'x' &&
                             visible[i + 6] == '_' &&
                             std::all_of(visible.begin() + static_cast<std::ptrdiff_t>(i) + 2,
                                         visible.begin() + static_cast<std::ptrdiff_t>(i) + 6,
                                         [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
    out += escape_like ? "_x005F" : "";
    out += visible[i];
  }
  return capped_text(out, 32'000);
}

// Column widths in characters: room for the longest text plus a margin, within these bounds.
constexpr std::size_t kMinWidth = 8;
constexpr std::size_t kMaxWidth = 60;

// The width in characters of the longest line of `text` (UTF-8: continuation bytes not counted).
std::size_t text_width(std::string_view text) {
  std::size_t longest = 0;
  std::size_t line = 0;
  for (const char c : text) {
    if (c == '\n') {
      line = 0;
      continue;
    }
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) longest = std::max(longest, ++line);
  }
  return longest;
}

// ---- Formats: created once per distinct look, owned by the workbook. -------------------------

struct Look {
  bool bold = false;
  bool wrap = false;
  bool center = false;
  bool heading = false;  // a sheet's title line: larger
  bool rule = false;     // a line under the column titles
  std::string number_format{};  // empty: General
  auto operator<=>(const Look&) const = default;
};

class Formats {
 public:
  explicit Formats(lxw_workbook* workbook) : workbook_(workbook) {}

  lxw_format* get(const Look& look) {
    if (auto it = made_.find(look); it != made_.end()) return it->second;
    lxw_format* format = workbook_add_format(workbook_);
    if (!format) throw XlsxFailure{"adding a cell format: out of memory"};
    if (!look.number_format.empty()) format_set_num_format(format, look.number_format.c_str());
    if (look.bold || look.heading) format_set_bold(format);
    if (look.heading) format_set_font_size(format, 14);
    if (look.wrap) format_set_text_wrap(format);
    if (look.center) format_set_align(format, LXW_ALIGN_CENTER);
    if (look.rule) format_set_bottom(format, LXW_BORDER_THIN);
    made_.emplace(look, format);
    return format;
  }

 private:
  lxw_workbook* workbook_;
  std::map<Look, lxw_format*> made_;
};

// ---- A sheet: its worksheet, its name for messages, and checked writes. ----------------------

std::string cell_ref(lxw_row_t row, lxw_col_t col) {
  char name[LXW_MAX_CELL_NAME_LENGTH];
  lxw_rowcol_to_cell(name, row, col);
  return name;
}

struct Sheet {
  lxw_worksheet* worksheet;
  std::string name;
  Formats& formats;

  std::string where(lxw_row_t row, lxw_col_t col) const {
    return fmt::format("sheet '{}', cell {}", name, cell_ref(row, col));
  }
  void text(lxw_row_t row, lxw_col_t col, std::string_view text, const Look& look = {}) {
    const std::string written = xlsx_text(text);
    check(worksheet_write_string(worksheet, row, col, written.c_str(), formats.get(look)), where(row, col));
  }
  void number(lxw_row_t row, lxw_col_t col, double value, const Look& look) {
    check(worksheet_write_number(worksheet, row, col, value, formats.get(look)), where(row, col));
  }
  void formula(lxw_row_t row, lxw_col_t col, const std::string& formula, double cached, const Look& look) {
    check(worksheet_write_formula_num(worksheet, row, col, formula.c_str(), formats.get(look), cached),
          fmt::format("{} (formula {})", where(row, col), formula));
  }
  void comment(lxw_row_t row, lxw_col_t col, std::string_view text) {
    const std::string written = xlsx_text(text);
    lxw_comment_options options{};
    options.width = 320;
    const auto lines = static_cast<std::size_t>(std::count(written.begin(), written.end(), '\n')) + 1;
    options.height = static_cast<uint16_t>(std::min<std::size_t>(400, 15 + 15 * lines));
    check(worksheet_write_comment_opt(worksheet, row, col, written.c_str(), &options),
          fmt::format("{} (comment)", where(row, col)));
  }
  void width(lxw_col_t col, std::size_t characters) {
    const double width = static_cast<double>(std::clamp<std::size_t>(characters + 2, kMinWidth, kMaxWidth));
    check(worksheet_set_column(worksheet, col, col, width, nullptr), fmt::format("sheet '{}', column width", name));
  }
};

// ---- The document's notes: footnote markers and the comment text a cell carries. -------------

// "[2]" for the document's second footnote; "[id]" for one it does not hold.
std::string footnote_marker(const Document& doc, std::string_view id) {
  for (std::size_t i = 0; i < doc.footnotes.size(); ++i)
    if (doc.footnotes[i].id == id) return fmt::format("[{}]", i + 1);
  return fmt::format("[{}]", id);
}

std::string footnote_text(const Document& doc, std::string_view id) {
  for (const Footnote& footnote : doc.footnotes)
    if (footnote.id == id) return fmt::format("{} {}", footnote_marker(doc, id), plain_text(footnote.text));
  return "";
}

std::string explanation_text(const Document& doc, std::string_view id) {
  for (const Explanation& x : doc.explanations) {
    if (x.id != id) continue;
    std::string text = x.title;
    for (const std::string& line : x.lines) text += "\n" + line;
    return text;
  }
  return "";
}

// Spans as one line of text, each footnote reference shown as its marker.
std::string spans_text(const Document& doc, const Spans& spans) {
  std::string out;
  for (const Span& span : spans) out += span.footnote.empty() ? span.text : footnote_marker(doc, span.footnote);
  return out;
}

// A figure written as text because Excel could not hold it: its exact amount and why.
std::string too_large_note(const CellValue& value) {
  const ColumnStyle exact{.pence = true, .decimals = 4};
  return fmt::format("{} is beyond the 15 significant digits Excel holds exactly: written as text.",
                     display_text(value, exact));
}

std::string cell_comment(const Document& doc, const Cell& cell, bool too_large) {
  std::vector<std::string> parts;
  if (too_large) parts.push_back(too_large_note(cell.value));
  if (!cell.footnote.empty()) parts.push_back(footnote_text(doc, cell.footnote));
  if (!cell.explain.empty()) parts.push_back(explanation_text(doc, cell.explain));
  return fmt::format("{}", fmt::join(parts, "\n\n"));
}

// ---- Formulas: totals as SUMs over their body rows, differences as minuend - subtrahend. -----

// Where a table lands on its sheet: a title line, a group line when any column has a group, the
// column titles, then one sheet row per table row.
struct Placement {
  bool groups = false;
  lxw_row_t group_row = 1;
  lxw_row_t header_row = 1;
  lxw_row_t first_row = 2;
  lxw_row_t row_of(std::size_t index) const { return first_row + static_cast<lxw_row_t>(index); }
};

Placement placement(const Table& table) {
  Placement p;
  p.groups = std::any_of(table.columns.begin(), table.columns.end(), [](const Column& c) { return !c.group.empty(); });
  p.header_row = p.groups ? 2 : 1;
  p.first_row = p.header_row + 1;
  return p;
}

// "=SUM(B4:B6,B8)": the summed rows of column `col`, contiguous ones merged into a range.
std::string sum_formula(const Placement& p, lxw_col_t col, std::vector<std::size_t> rows) {
  std::sort(rows.begin(), rows.end());
  std::vector<std::string> ranges;
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t j = i;
    while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1) ++j;
    const std::string first = cell_ref(p.row_of(rows[i]), col);
    ranges.push_back(i == j ? first : fmt::format("{}:{}", first, cell_ref(p.row_of(rows[j]), col)));
    i = j + 1;
  }
  return fmt::format("=SUM({})", fmt::join(ranges, ","));
}

// The formula for computed cell (row, col), or empty when the value is to be written as it is:
// a difference needs both operands as numbers; a sum needs every summed cell a number or empty
// (a figure written as text would drop out of Excel's SUM).
std::string formula_for(const Table& table, const Placement& p, std::size_t row, std::size_t col) {
  const Column& column = table.columns[col];
  const Row& r = table.rows[row];
  const auto numeric_at = [&](std::size_t rr, std::size_t cc) {
    return cc < table.rows[rr].cells.size() && number_of(table.rows[rr].cells[cc].value).has_value();
  };
  if (column.difference) {
    const auto a = column_index(table, column.difference->first);
    const auto b = column_index(table, column.difference->second);
    if (!a || !b || !numeric_at(row, *a) || !numeric_at(row, *b)) return "";
    return fmt::format("={}-{}", cell_ref(p.row_of(row), static_cast<lxw_col_t>(*a)),
                       cell_ref(p.row_of(row), static_cast<lxw_col_t>(*b)));
  }
  if (r.kind == RowKind::Body || r.sums.empty()) return "";
  for (const std::size_t summed : r.sums) {
    if (summed >= table.rows.size() || table.rows[summed].kind != RowKind::Body) return "";
    const CellValue& v = table.rows[summed].cells.at(col).value;
    if (!std::holds_alternative<std::monostate>(v) && !numeric_at(summed, col)) return "";
  }
  std::string formula = sum_formula(p, static_cast<lxw_col_t>(col), r.sums);
  return formula.size() <= 8192 ? formula : "";  // Excel's limit on a formula's length
}

// ---- A table's sheet: title, headings, rows, caption, widths, frozen header. -----------------

void write_headings(Sheet& sheet, const Document& doc, const Table& table, const Placement& p) {
  sheet.text(0, 0, table.title.empty() ? table.id : table.title, Look{.heading = true});
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const Column& column = table.columns[c];
    const auto col = static_cast<lxw_col_t>(c);
    sheet.text(p.header_row, col, column.title, Look{.bold = true, .wrap = true, .rule = true});
    if (!column.footnote.empty()) sheet.comment(p.header_row, col, footnote_text(doc, column.footnote));
    if (!p.groups || column.group.empty() || (c > 0 && table.columns[c - 1].group == column.group)) continue;
    std::size_t last = c;
    while (last + 1 < table.columns.size() && table.columns[last + 1].group == column.group) ++last;
    const std::string group = xlsx_text(column.group);
    const Look look{.bold = true, .center = true};
    if (last == c)
      sheet.text(p.group_row, col, column.group, look);
    else
      check(worksheet_merge_range(sheet.worksheet, p.group_row, col, p.group_row, static_cast<lxw_col_t>(last),
                                  group.c_str(), sheet.formats.get(look)),
            fmt::format("sheet '{}', group heading '{}'", sheet.name, group));
  }
}

void write_cell(Sheet& sheet, const Document& doc, const Table& table, const Placement& p,
                const std::vector<ColumnStyle>& styles, std::size_t row, std::size_t col) {
  const Cell& cell = table.rows[row].cells[col];
  const lxw_row_t r = p.row_of(row);
  const auto c = static_cast<lxw_col_t>(col);
  Look look{.bold = table.rows[row].kind != RowKind::Body, .number_format = styles[col].number_format};
  const std::optional<double> number = number_of(cell.value);
  const bool too_large = is_numeric(cell.value) && !number;
  const std::string formula = cell.computed && number ? formula_for(table, p, row, col) : "";
  if (!formula.empty()) {
    sheet.formula(r, c, formula, *number, look);
  } else if (number) {
    sheet.number(r, c, *number, look);
  } else if (!std::holds_alternative<std::monostate>(cell.value)) {
    const std::string text = display_text(cell.value, styles[col]);
    look.number_format.clear();
    look.wrap = text.find('\n') != std::string::npos || text_width(text) > kMaxWidth;  // else shown cut off
    sheet.text(r, c, text, look);
  }
  if (const std::string comment = cell_comment(doc, cell, too_large); !comment.empty()) sheet.comment(r, c, comment);
}

void write_widths(Sheet& sheet, const Table& table, const std::vector<ColumnStyle>& styles) {
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    std::size_t widest = text_width(table.columns[c].title);
    for (const Row& row : table.rows)
      if (c < row.cells.size()) widest = std::max(widest, text_width(display_text(row.cells[c].value, styles[c])));
    sheet.width(static_cast<lxw_col_t>(c), widest);
  }
}

void check_size(const Table& table, const Placement& p) {
  if (table.columns.size() > LXW_COL_MAX)
    throw XlsxFailure{fmt::format("table '{}' has {} columns; a sheet holds at most {}", table.id,
                                  table.columns.size(), LXW_COL_MAX)};
  if (table.rows.size() + p.first_row + 3 > LXW_ROW_MAX)
    throw XlsxFailure{fmt::format("table '{}' has {} rows; a sheet holds at most {}", table.id, table.rows.size(), LXW_ROW_MAX)};
  for (std::size_t r = 0; r < table.rows.size(); ++r)
    if (table.rows[r].cells.size() != table.columns.size())
      throw XlsxFailure{fmt::format("table '{}', row {}: {} cells for {} columns (not completed?)", table.id, r + 1,
                                    table.rows[r].cells.size(), table.columns.size())};
}

void write_table(Sheet& sheet, const Document& doc, const Table& table) {
  const Placement p = placement(table);
  check_size(table, p);
  std::vector<ColumnStyle> styles;
  for (std::size_t c = 0; c < table.columns.size(); ++c) styles.push_back(column_style(table, c));
  write_headings(sheet, doc, table, p);
  for (std::size_t r = 0; r < table.rows.size(); ++r)
    for (std::size_t c = 0; c < table.columns.size(); ++c) write_cell(sheet, doc, table, p, styles, r, c);
  lxw_row_t below = p.row_of(table.rows.size()) + 1;
  if (!table.caption.empty()) sheet.text(below++, 0, spans_text(doc, table.caption));
  if (!table.source.empty()) sheet.text(below, 0, "Source: " + table.source);
  write_widths(sheet, table, styles);
  worksheet_freeze_panes(sheet.worksheet, p.first_row, 0);
}

// ---- The About sheet: the document's text, one line a row. ------------------------------------

// Each table's sheet name (by the table itself: ids are unique only in a checked document).
using SheetOf = std::map<const Table*, std::string>;

struct AboutLine {
  std::string text;
  Look look;
};

std::string chart_line(const Document& doc, const Chart& chart) {
  const Table* table = find_table(doc, chart.table);
  return fmt::format("Chart: {} ({} of '{}'; not drawn in the workbook)", chart.title, chart_kind_name(chart.kind),
                     table ? (table->title.empty() ? table->id : table->title) : chart.table);
}

void add_block(std::vector<AboutLine>& lines, const Document& doc, const Block& block,
               const SheetOf& sheet_of) {
  std::visit(Overloaded{
                 [&](const Heading& h) { lines.push_back({h.text, Look{.bold = true}}); },
                 [&](const Paragraph& para) { lines.push_back({spans_text(doc, para.spans), Look{.wrap = true}}); },
                 [&](const Note& note) { lines.push_back({"Note: " + spans_text(doc, note.spans), Look{.wrap = true}}); },
                 [&](const List& list) {
                   for (std::size_t i = 0; i < list.items.size(); ++i)
                     lines.push_back({fmt::format("{} {}", list.ordered ? fmt::format("{}.", i + 1) : std::string("•"),
                                                  spans_text(doc, list.items[i])),
                                      Look{.wrap = true}});
                 },
                 [&](const Table& t) {
                   const std::string title = t.title.empty() ? t.id : t.title;
                   lines.push_back({fmt::format("Table: {} (sheet '{}')", title, sheet_of.at(&t)), {}});
                 },
                 [&](const Chart& chart) { lines.push_back({chart_line(doc, chart), {}}); },
             },
             block);
}

std::vector<AboutLine> about_lines(const Document& doc, const SheetOf& sheet_of) {
  std::vector<AboutLine> lines{{doc.title, Look{.heading = true}}};
  if (!doc.subtitle.empty()) lines.push_back({doc.subtitle, Look{.bold = true}});
  for (const DocumentParam& param : doc.params) lines.push_back({fmt::format("{}: {}", param.name, param.value), {}});
  lines.push_back({"", {}});
  for (const Block& block : doc.blocks) add_block(lines, doc, block, sheet_of);
  if (!doc.footnotes.empty()) lines.push_back({"Footnotes", Look{.bold = true}});
  for (const Footnote& footnote : doc.footnotes) lines.push_back({footnote_text(doc, footnote.id), Look{.wrap = true}});
  if (!doc.explanations.empty()) lines.push_back({"Explanations", Look{.bold = true}});
  for (const Explanation& x : doc.explanations) lines.push_back({explanation_text(doc, x.id), Look{.wrap = true}});
  return lines;
}

void write_about(Sheet& sheet, const Document& doc, const SheetOf& sheet_of) {
  const std::vector<AboutLine> lines = about_lines(doc, sheet_of);
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!lines[i].text.empty()) sheet.text(static_cast<lxw_row_t>(i), 0, lines[i].text, lines[i].look);
  check(worksheet_set_column(sheet.worksheet, 0, 0, 100, nullptr), "sheet 'About', column width");
}

// ---- The workbook: properties fixed so the same document gives the same bytes. ---------------

struct WorkbookFree {
  void operator()(lxw_workbook* workbook) const { lxw_workbook_free(workbook); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookFree>;

// docProps/core.xml carries a creation time, "now" unless set: fixed at 2000-01-01T00:00:00Z so
// the file depends only on the document (DESIGN.md "Outputs": the manifest carries the time).
// libxlsxwriter already dates every zip entry 1980-01-01.
constexpr std::time_t kFixedCreated = 946'684'800;

void set_properties(lxw_workbook* workbook, const Document& doc) {
  std::string title = xlsx_text(doc.title);
  std::string subject = xlsx_text(doc.subtitle);
  std::string comments = xlsx_text(fmt::format("collab report '{}'", doc.id));
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.subject = subject.data();
  properties.comments = comments.data();
  properties.created = kFixedCreated;
  check(workbook_set_properties(workbook, &properties), "setting the workbook's properties");
}

Sheet add_sheet(lxw_workbook* workbook, Formats& formats, const std::string& name) {
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, name.c_str());
  if (!worksheet)
    throw XlsxFailure{fmt::format("adding sheet '{}': libxlsxwriter refused the name or ran out of memory", name)};
  return Sheet{worksheet, name, formats};
}

void write_workbook(lxw_workbook* workbook, const Document& doc) {
  set_properties(workbook, doc);
  Formats formats(workbook);
  SheetNames names;
  const std::string about = names.take("About");
  SheetOf sheet_of;
  for (const Block& block : doc.blocks)
    if (const auto* table = std::get_if<Table>(&block)) {
      // A title that fits is the sheet's name; a longer one would be cut mid-word ("Force
      // contributions 2016-17, co"), so the table's id names the sheet instead.
      const auto characters = std::count_if(table->title.begin(), table->title.end(),
                                            [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
      const bool fits = characters <= 31;
      sheet_of[table] = fits ? names.take(table->title, table->id) : names.take(table->id);
    }
  Sheet about_sheet = add_sheet(workbook, formats, about);
  write_about(about_sheet, doc, sheet_of);
  for (const Block& block : doc.blocks) {
    if (const auto* table = std::get_if<Table>(&block)) {
      Sheet sheet = add_sheet(workbook, formats, sheet_of.at(table));
      write_table(sheet, doc, *table);
    }
  }
}

}  // namespace

std::optional<std::string> render_xlsx(const Document& doc, const std::filesystem::path& file) {
  // The commonest refusal said plainly, before libxlsxwriter would also print its own to stderr.
  if (const auto folder = file.parent_path(); !folder.empty() && !std::filesystem::is_directory(folder))
    return fmt::format("writing '{}': there is no folder '{}'", file.string(), folder.string());
  WorkbookPtr workbook(workbook_new(file.string().c_str()));
  if (!workbook) return fmt::format("creating the workbook for '{}': out of memory", file.string());
  try {
    write_workbook(workbook.get(), doc);
    // workbook_close writes the file and frees the workbook, whether or not it succeeds.
    check(workbook_close(workbook.release()), fmt::format("writing '{}'", file.string()));
  } catch (const XlsxFailure& failure) {
    return failure.message;
  }
  return std::nullopt;
}

}  // namespace collab::report
