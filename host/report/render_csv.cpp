// render_csv: each table of a completed document as its own RFC 4180 file (CRLF line ends,
// fields quoted when they hold a comma, a quote, CR or LF; quotes doubled).
//
// Choices:
// - The header row holds the columns' headings; a grouped column's is "Cash: Notts" (as in
//   Markdown). No column is added: a subtotal or total row shows the label its layout gave it.
// - Numbers stay numbers: money in pounds with two decimals ("1234.56", "-2.50", whatever the
//   column shows elsewhere), percent as the exact number of percent ("27.6"), counts plain.
// - A text field that a spreadsheet would run as a formula (its first character =, +, -, @, tab
//   or CR) is written as text: prefixed with a single quote, inside a quoted field (OWASP's
//   advice on CSV injection). Only text cells and headings are prefixed, never numbers.
// - Text is written as visible_text: a control character (ESC, BEL...) or a byte that is not
//   UTF-8 is shown as \xNN, as on every other output, so a label cannot drive the terminal a CSV
//   is printed on; line breaks and tabs stay (inside a quoted field).

#include <string_view>

#include "core/text.h"
#include "report/cell_text.h"
#include "report/render.h"

namespace collab::report {

namespace {

/// `s` as a field: quoted (quotes doubled) when it holds , " CR or LF, or when `quote`.
std::string field(std::string_view s, bool quote = false) {
  if (!quote && s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

/// A text field a spreadsheet reads as text, never as a formula.
std::string text_field(std::string_view raw) {
  const std::string s = visible_text(raw);
  if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos)
    return field("'" + std::string(s), true);
  return field(s);
}

std::string value_field(const CellValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return text_field(*s);
  if (const auto* m = std::get_if<Money>(&v)) return format_plain(*m);
  if (const auto* p = std::get_if<Percent>(&v)) return percent_number(*p);
  if (const auto* n = std::get_if<int64_t>(&v)) return fmt::format("{}", *n);
  if (const auto* d = std::get_if<PartialDate>(&v)) return field(d->str());
  if (const auto* y = std::get_if<FinancialYear>(&v)) return field(y->str());
  return "";
}

std::string record(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + fields[i];
  return out + "\r\n";
}

std::string table_csv(const Table& t) {
  std::vector<std::string> fields;
  for (const Column& c : t.columns) fields.push_back(text_field(column_heading(c)));
  std::string out = record(fields);
  for (const Row& row : t.rows) {
    fields.clear();
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      fields.push_back(i < row.cells.size() ? value_field(row.cells[i].value) : "");
    out += record(fields);
  }
  return out;
}

}  // namespace

std::vector<CsvFile> render_csv(const Document& doc) {
  std::vector<CsvFile> files;
  for (const Block& block : doc.blocks)
    if (const auto* t = std::get_if<Table>(&block)) files.push_back(CsvFile{doc.id + "-" + t->id + ".csv", table_csv(*t)});
  return files;
}

}  // namespace collab::report
