// render_markdown: a completed document as Markdown (CommonMark with GitHub's pipe tables and
// footnotes), for a terminal or a Markdown viewer. Deterministic: the same document, the same bytes.
//
// Choices:
// - Text is shown as text: control characters as visible escapes (visible_text), and every
//   character Markdown could read as markup (\ ` * _ [ ] < > | # ~, & before a name) escaped with
//   a backslash, so `<script>` stays literal text and never live HTML. A line that would open a
//   list, a quote or a rule (`- `, `+ `, `1. `, `=`) has its first mark escaped too.
// - A line break in a table cell is written `<br>`, the one piece of HTML this writer emits (a
//   pipe table row is one line); elsewhere it becomes a space (a paragraph is one line, so no
//   text can start a block of its own).
// - A pipe table has no spanning group row: a grouped column's heading is "Cash: Notts" (the
//   CSV header uses the same rule). Money, integer and percent columns are right-aligned;
//   subtotal and total rows are bold.
// - Footnotes are numbered by their order in the document ([^1], [^2]) and defined at the end,
//   after "Where the figures come from", which lists every explanation.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>

#include "core/text.h"
#include "report/cell_text.h"
#include "report/render.h"

namespace collab::report {

namespace {

using FootnoteNumbers = std::map<std::string, std::size_t, std::less<>>;

constexpr std::string_view kSpecials = "\\`*_[]<>|#~";

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/// `raw` with CR LF and lone CR as LF, then control characters made visible.
std::string normalised(std::string_view raw) {
  std::string text;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\r') text += raw[i];
    else if (i + 1 >= raw.size() || raw[i + 1] != '\n') text += '\n';
  }
  return visible_text(text);
}

/// Inline text escaped so nothing in it is markup; a line break becomes `line_break`.
std::string escape(std::string_view raw, std::string_view line_break = " ") {
  const std::string text = normalised(raw);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      out += line_break;
      continue;
    }
    const bool entity = c == '&' && i + 1 < text.size() && (is_alnum(text[i + 1]) || text[i + 1] == '#');
    if (entity || kSpecials.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

/// A line of text that must not open a block: leading blanks dropped, a list, quote or rule
/// mark at its start escaped ("- x", "+ x", "= x", "2016. x", "1) x").
std::string guard_line(std::string line) {
  const std::size_t start = line.find_first_not_of(" \t");
  line.erase(0, start == std::string::npos ? line.size() : start);
  if (line.empty()) return line;
  if (line[0] == '-' || line[0] == '+' || line[0] == '=') return "\\" + line;
  const std::size_t digits = line.find_first_not_of("0123456789");
  if (digits > 0 && digits != std::string::npos && (line[digits] == '.' || line[digits] == ')'))
    line.insert(digits, "\\");
  return line;
}

/// `text` between `mark`s (`*`, `**`), with its outer blanks kept outside so the mark binds (a
/// mark before a blank is no emphasis, and at a line's start it would open a list).
std::string wrap(const std::string& text, std::string_view mark) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return text;
  const std::size_t last = text.find_last_not_of(" \t");
  return fmt::format("{}{}{}{}{}", text.substr(0, first), mark, text.substr(first, last - first + 1), mark,
                     text.substr(last + 1));
}

std::string footnote_ref(std::string_view id, const FootnoteNumbers& numbers) {
  const auto it = numbers.find(id);
  return it == numbers.end() ? "" : fmt::format("[^{}]", it->second);
}

std::string spans_text(const Spans& spans, const FootnoteNumbers& numbers) {
  std::string out;
  for (const Span& span : spans) {
    const std::string text = escape(span.text);
    if (span.style == Span::Style::Emphasis) out += wrap(text, "*");
    else if (span.style == Span::Style::Strong) out += wrap(text, "**");
    else out += text;
    if (!span.footnote.empty()) out += footnote_ref(span.footnote, numbers);
  }
  return out;
}

// ---- Tables ----------------------------------------------------------------------------------

bool is_numeric(ColumnType type) {
  return type == ColumnType::Money || type == ColumnType::Integer || type == ColumnType::Percent;
}

/// Money as the column shows it: whole pounds (0), pence (2), or pence only when there are some (-1).
std::string money_text(Money m, int decimals) {
  if (decimals == 0 || (decimals != 2 && m.is_whole_pounds())) return format_pounds(m);
  return format_money(m);
}

std::string value_text(const Column& c, const CellValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return escape(*s, "<br>");
  if (const auto* m = std::get_if<Money>(&v)) return money_text(*m, c.decimals);
  if (const auto* p = std::get_if<Percent>(&v)) return format_percent(*p, c.decimals < 0 || c.decimals > 4 ? 1 : c.decimals);
  if (const auto* n = std::get_if<int64_t>(&v)) return grouped_integer(*n);
  if (const auto* d = std::get_if<PartialDate>(&v)) return d->str();
  if (const auto* y = std::get_if<FinancialYear>(&v)) return y->str();
  return "";
}

std::string pipe_row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const std::string& cell : cells) out += " " + cell + " |";
  return out + "\n";
}

std::string table_head(const Table& t, const FootnoteNumbers& numbers) {
  std::vector<std::string> titles, rule;
  for (const Column& c : t.columns) {
    titles.push_back(escape(column_heading(c)) + footnote_ref(c.footnote, numbers));
    rule.push_back(is_numeric(c.type) ? "---:" : "---");
  }
  return pipe_row(titles) + pipe_row(rule);
}

std::string table_row(const Table& t, const Row& row, const FootnoteNumbers& numbers) {
  std::vector<std::string> cells;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (i >= row.cells.size()) {  // a document complete_document refused; never padded silently there
      cells.emplace_back();
      continue;
    }
    const Cell& cell = row.cells[i];
    std::string text = value_text(t.columns[i], cell.value);
    if (row.kind != RowKind::Body) text = wrap(text, "**");
    cells.push_back(text + footnote_ref(cell.footnote, numbers));
  }
  return pipe_row(cells);
}

std::string table_text(const Table& t, const FootnoteNumbers& numbers) {
  std::string out;
  if (!t.title.empty()) out += "**" + escape(t.title) + "**\n\n";
  if (!t.columns.empty()) {
    out += table_head(t, numbers);
    for (const Row& row : t.rows) out += table_row(t, row, numbers);
    out += "\n";
  }
  if (!t.caption.empty()) out += guard_line(spans_text(t.caption, numbers)) + "\n\n";
  if (!t.source.empty()) out += "Source: " + escape(t.source) + "\n\n";
  return out;
}

// ---- Blocks ----------------------------------------------------------------------------------

std::string chart_text(const Document& doc, const Chart& chart) {
  std::string kind = chart_kind_name(chart.kind);
  for (char& c : kind)
    if (c == '_') c = ' ';
  const Table* t = find_table(doc, chart.table);
  const std::string& table = t && !t->title.empty() ? t->title : chart.table;
  return fmt::format("Chart ({}): {} — from table '{}'\n\n", kind, escape(chart.title), escape(table));
}

std::string list_text(const List& list, const FootnoteNumbers& numbers) {
  std::string out;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const std::string mark = list.ordered ? fmt::format("{}.", i + 1) : "-";
    out += mark + " " + guard_line(spans_text(list.items[i], numbers)) + "\n";
  }
  return out + "\n";
}

std::string block_text(const Document& doc, const Block& block, const FootnoteNumbers& numbers) {
  if (const auto* h = std::get_if<Heading>(&block))
    return fmt::format("{} {}\n\n", std::string(static_cast<std::size_t>(std::clamp(h->level, 1, 3) + 1), '#'),
                       escape(h->text));
  if (const auto* p = std::get_if<Paragraph>(&block)) return guard_line(spans_text(p->spans, numbers)) + "\n\n";
  if (const auto* n = std::get_if<Note>(&block)) return "> " + guard_line(spans_text(n->spans, numbers)) + "\n\n";
  if (const auto* l = std::get_if<List>(&block)) return list_text(*l, numbers);
  if (const auto* t = std::get_if<Table>(&block)) return table_text(*t, numbers);
  if (const auto* c = std::get_if<Chart>(&block)) return chart_text(doc, *c);
  return "";
}

// ---- The document ----------------------------------------------------------------------------

std::string front_matter(const Document& doc) {
  std::string out = "# " + escape(doc.title) + "\n\n";
  if (!doc.subtitle.empty()) out += wrap(escape(doc.subtitle), "*") + "\n\n";
  std::string params;
  for (const DocumentParam& p : doc.params) params += (params.empty() ? "" : "; ") + escape(p.name) + ": " + escape(p.value);
  if (!params.empty()) out += guard_line(params) + "\n\n";
  return out;
}

std::string explanations_text(const Document& doc) {
  if (doc.explanations.empty()) return "";
  std::string out = "## Where the figures come from\n\n";
  for (const Explanation& e : doc.explanations) {
    out += "**" + escape(e.title) + "**\n\n";
    for (const std::string& line : e.lines) out += "- " + guard_line(escape(line)) + "\n";
    if (!e.lines.empty()) out += "\n";
  }
  return out;
}

std::string footnotes_text(const Document& doc, const FootnoteNumbers& numbers) {
  std::string out;
  for (std::size_t i = 0; i < doc.footnotes.size(); ++i)
    if (numbers.at(doc.footnotes[i].id) == i + 1)  // a repeated id (an unchecked document) is defined once
      out += fmt::format("[^{}]: {}\n", i + 1, guard_line(spans_text(doc.footnotes[i].text, numbers)));
  return out.empty() ? out : out + "\n";
}

}  // namespace

std::string render_markdown(const Document& doc, bool explanations) {
  FootnoteNumbers numbers;
  for (std::size_t i = 0; i < doc.footnotes.size(); ++i) numbers.emplace(doc.footnotes[i].id, i + 1);
  std::string out = front_matter(doc);
  for (const Block& block : doc.blocks) out += block_text(doc, block, numbers);
  if (explanations) out += explanations_text(doc);
  out += footnotes_text(doc, numbers);
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

}  // namespace collab::report
