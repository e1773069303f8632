// render_html: a completed Document as one self-contained HTML5 file. Inline CSS, inline SVG
// charts, no script: drill-down from a figure to its explanation is a plain anchor, highlighted
// with :target. Every text from the document is escaped (html_text.h).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "report/cell_text.h"
#include "report/chart_svg.h"
#include "report/html_text.h"
#include "report/render.h"

namespace collab::report {

namespace {

constexpr std::string_view kStyle = R"css(
:root { --ink: #1a1a1a; --muted: #555; --rule: #c8c8c8; --accent: #0b5cad; --mark: #fff3bf; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 0.5rem; }
a { color: var(--accent); }
.subtitle { font-size: 1.1rem; color: var(--muted); margin: 0; }
.params { list-style: none; padding: 0; margin: 0.5rem 0 1rem; color: var(--muted); display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
.note { border-left: 4px solid var(--accent); background: #f2f5f9; padding: 0.5rem 0.75rem; margin: 1rem 0; }
.table-wrap { overflow-x: auto; margin: 1.25rem 0 0.25rem; }
table { border-collapse: collapse; min-width: 100%; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid #e3e3e3; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); vertical-align: bottom; }
thead th[scope=colgroup] { text-align: center; border-bottom: 1px solid var(--rule); }
tbody th, tfoot th { font-weight: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.subtotal > *, tr.total > * { font-weight: 700; border-top: 2px solid var(--ink); }
tr.total > * { border-bottom: 3px double var(--ink); }
.computed { background: #f6f6f0; }
a.explain { color: inherit; text-decoration: underline dotted var(--accent); text-underline-offset: 0.2em; }
.caption, .source { font-size: 0.85rem; color: var(--muted); margin: 0.25rem 0; }
figure.chart { margin: 1.5rem 0; }
figure.chart svg { width: 100%; max-width: 48rem; height: auto; display: block; }
figcaption { font-weight: 600; font-size: 0.95rem; }
.explanation { border: 1px solid var(--rule); border-radius: 4px; padding: 0.5rem 0.75rem; margin: 0.75rem 0; }
.explanation h3 { margin: 0 0 0.25rem; font-size: 1rem; }
.explanation:target { background: var(--mark); border-color: #c99700; box-shadow: 0 0 0 3px #c99700; }
.footnotes li:target { background: var(--mark); }
sup a { text-decoration: none; }
@media (max-width: 40rem) { body { font-size: 15px; } main { padding: 0.75rem; } }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  a, a.explain { color: inherit; text-decoration: none; }
  .table-wrap { overflow: visible; }
  thead { display: table-header-group; }
  tr, figure, .explanation, .note { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  .computed { background: none; }
  .explanation:target { background: none; box-shadow: none; border-color: var(--rule); }
  .back { display: none; }
}
)css";

bool is_numeric(ColumnType type) {
  return type == ColumnType::Money || type == ColumnType::Percent || type == ColumnType::Integer;
}

// Escaped text whose line breaks show as <br>.
std::string text_with_breaks(std::string_view text) {
  std::string out;
  for (const char c : escape_html(text)) {
    if (c == '\n') out += "<br>";
    out += c;
  }
  return out;
}

bool is_negative(const CellValue& value) {
  if (const auto* m = std::get_if<Money>(&value)) return m->pence() < 0;
  if (const auto* p = std::get_if<Percent>(&value)) return p->units() < 0;
  if (const auto* n = std::get_if<int64_t>(&value)) return *n < 0;
  return false;
}

/// Writes one document. It numbers the footnotes, knows which explanations exist and which
/// table first cites each, so every link it writes has a target.
class HtmlWriter {
 public:
  explicit HtmlWriter(const Document& doc);
  std::string write();

 private:
  void header();
  void block(const Block& block);
  void list(const List& list);
  void table(const Table& table);
  void table_head(const Table& table);
  void table_rows(const Table& table);
  std::string cell(const Table& table, const Row& row, std::size_t i);
  std::string computed_title(const Table& table, const Row& row, std::size_t i) const;
  void chart(const Chart& chart);
  void explanations();
  void footnotes();
  std::string spans(const Spans& spans);
  std::string footnote_ref(const std::string& id);

  const Document& doc_;
  std::map<std::string, std::size_t> footnote_number_;  // id -> 1-based number
  std::set<std::string> footnote_cited_;                // ids whose first reference carries an anchor
  std::map<std::string, const Table*> explained_in_;    // explanation id -> first table citing it
  std::string out_;
};

HtmlWriter::HtmlWriter(const Document& doc) : doc_(doc) {
  for (std::size_t i = 0; i < doc.footnotes.size(); ++i) footnote_number_.emplace(doc.footnotes[i].id, i + 1);
  for (const Explanation& e : doc.explanations) explained_in_.emplace(e.id, nullptr);
  for (const Block& block : doc.blocks)
    if (const auto* t = std::get_if<Table>(&block))
      for (const Row& row : t->rows)
        for (const Cell& c : row.cells)
          if (auto it = explained_in_.find(c.explain); !c.explain.empty() && it != explained_in_.end() && !it->second)
            it->second = t;
}

std::string HtmlWriter::write() {
  const std::string title = escape_html(doc_.title.empty() ? doc_.id : doc_.title);
  out_ = fmt::format(
      "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n"
      "</head>\n<body>\n<main>\n",
      title, kStyle);
  header();
  for (const Block& b : doc_.blocks) block(b);
  explanations();
  footnotes();
  out_ += "</main>\n</body>\n</html>\n";
  return std::move(out_);
}

void HtmlWriter::header() {
  out_ += fmt::format("<header>\n<h1>{}</h1>\n", escape_html(doc_.title));
  if (!doc_.subtitle.empty()) out_ += fmt::format("<p class=\"subtitle\">{}</p>\n", escape_html(doc_.subtitle));
  if (!doc_.params.empty()) {
    out_ += "<ul class=\"params\">\n";
    for (const DocumentParam& p : doc_.params)
      out_ += fmt::format("<li>{}: {}</li>\n", escape_html(p.name), escape_html(p.value));
    out_ += "</ul>\n";
  }
  out_ += "</header>\n";
}

void HtmlWriter::block(const Block& b) {
  if (const auto* h = std::get_if<Heading>(&b)) {
    const int level = h->level < 1 ? 2 : h->level > 3 ? 4 : h->level + 1;  // the title is the h1
    out_ += fmt::format("<h{0}>{1}</h{0}>\n", level, escape_html(h->text));
  } else if (const auto* p = std::get_if<Paragraph>(&b)) {
    out_ += fmt::format("<p>{}</p>\n", spans(p->spans));
  } else if (const auto* n = std::get_if<Note>(&b)) {
    out_ += fmt::format("<aside class=\"note\">{}</aside>\n", spans(n->spans));
  } else if (const auto* l = std::get_if<List>(&b)) {
    list(*l);
  } else if (const auto* t = std::get_if<Table>(&b)) {
    table(*t);
  } else if (const auto* c = std::get_if<Chart>(&b)) {
    chart(*c);
  }
}

void HtmlWriter::list(const List& l) {
  const char* tag = l.ordered ? "ol" : "ul";
  out_ += fmt::format("<{}>\n", tag);
  for (const Spans& item : l.items) out_ += fmt::format("<li>{}</li>\n", spans(item));
  out_ += fmt::format("</{}>\n", tag);
}

std::string HtmlWriter::spans(const Spans& list) {
  std::string out;
  for (const Span& s : list) {
    if (!s.footnote.empty()) {
      out += footnote_ref(s.footnote);
      continue;
    }
    const std::string text = escape_html(s.text);
    if (s.style == Span::Style::Emphasis) out += "<em>" + text + "</em>";
    else if (s.style == Span::Style::Strong) out += "<strong>" + text + "</strong>";
    else out += text;
  }
  return out;
}

// <sup><a href="#fn-ID">n</a></sup>; the first reference to a footnote is the one it links back to.
std::string HtmlWriter::footnote_ref(const std::string& id) {
  const auto it = footnote_number_.find(id);
  if (it == footnote_number_.end()) return "";  // complete_document rejects these; draw no dead link
  const std::string anchor = footnote_cited_.insert(id).second ? fmt::format(" id=\"{}\"", html_id("fnref-", id)) : "";
  return fmt::format("<sup><a href=\"#{}\"{} class=\"fnref\">{}</a></sup>", html_id("fn-", id), anchor, it->second);
}

void HtmlWriter::table(const Table& t) {
  out_ += fmt::format("<section class=\"table\" id=\"{}\">\n", html_id("t-", t.id));
  out_ += fmt::format("<div class=\"table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">\n<table>\n",
                      escape_html(t.title));
  out_ += fmt::format("<caption>{}</caption>\n", escape_html(t.title));
  table_head(t);
  table_rows(t);
  out_ += "</table>\n</div>\n";
  if (!t.caption.empty()) out_ += fmt::format("<p class=\"caption\">{}</p>\n", spans(t.caption));
  if (!t.source.empty()) out_ += fmt::format("<p class=\"source\">Source: {}</p>\n", escape_html(t.source));
  out_ += "</section>\n";
}

// With column groups: a row of group headings (an ungrouped column's heading spans both rows),
// then the grouped columns' own headings.
void HtmlWriter::table_head(const Table& t) {
  const auto& cols = t.columns;
  const bool grouped = std::any_of(cols.begin(), cols.end(), [](const Column& c) { return !c.group.empty(); });
  const auto heading = [&](const Column& c, std::string_view span) {
    return fmt::format("<th scope=\"col\"{}{}>{}{}</th>", is_numeric(c.type) ? " class=\"num\"" : "", span,
                       escape_html(c.title), c.footnote.empty() ? "" : footnote_ref(c.footnote));
  };
  out_ += "<thead>\n<tr>";
  std::string second;
  for (std::size_t i = 0; i < cols.size();) {
    if (!grouped || cols[i].group.empty()) {
      out_ += heading(cols[i++], grouped ? " rowspan=\"2\"" : "");
      continue;
    }
    std::size_t end = i;
    while (end < cols.size() && cols[end].group == cols[i].group) second += heading(cols[end++], "");
    out_ += fmt::format("<th scope=\"colgroup\" colspan=\"{}\">{}</th>", end - i, escape_html(cols[i].group));
    i = end;
  }
  out_ += "</tr>\n";
  if (grouped) out_ += fmt::format("<tr>{}</tr>\n", second);
  out_ += "</thead>\n";
}

// Body rows, and subtotals and totals among them, in a <tbody>; a run of totals that ends the
// table in a <tfoot>.
void HtmlWriter::table_rows(const Table& t) {
  std::size_t foot = t.rows.size();
  while (foot > 0 && t.rows[foot - 1].kind != RowKind::Body) --foot;
  if (foot == 0) foot = t.rows.size();  // no body rows at all: nothing to put a foot under
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (r == 0) out_ += "<tbody>\n";
    if (r == foot) out_ += "</tbody>\n<tfoot>\n";
    const Row& row = t.rows[r];
    out_ += row.kind == RowKind::Body ? "<tr>" : fmt::format("<tr class=\"{}\">", row_kind_name(row.kind));
    for (std::size_t i = 0; i < t.columns.size(); ++i) out_ += cell(t, row, i);
    out_ += "</tr>\n";
  }
  if (t.rows.empty()) out_ += "<tbody>\n";
  out_ += foot < t.rows.size() ? "</tfoot>\n" : "</tbody>\n";
}

std::string HtmlWriter::cell(const Table& t, const Row& row, std::size_t i) {
  static const Cell kEmpty;
  const Column& column = t.columns[i];
  const Cell& c = i < row.cells.size() ? row.cells[i] : kEmpty;
  std::string classes = is_numeric(column.type) ? "num" : "";
  if (is_negative(c.value)) classes += " neg";
  if (c.computed) classes += " computed";
  std::string attrs = i == 0 ? " scope=\"row\"" : "";
  if (!classes.empty()) attrs += fmt::format(" class=\"{}\"", classes.front() == ' ' ? classes.substr(1) : classes);
  if (c.computed) attrs += fmt::format(" title=\"{}\"", escape_html(computed_title(t, row, i)));
  std::string content = text_with_breaks(cell_text(c.value, column));
  if (!c.explain.empty() && explained_in_.count(c.explain) != 0)
    content = fmt::format("<a class=\"explain\" href=\"#{}\" title=\"Where this figure comes from\">{}</a>",
                          html_id("x-", c.explain), content.empty() ? "(explained)" : content);
  if (!c.footnote.empty()) content += footnote_ref(c.footnote);
  const char* tag = i == 0 ? "th" : "td";
  return fmt::format("<{0}{1}>{2}</{0}>", tag, attrs, content);
}

std::string HtmlWriter::computed_title(const Table& t, const Row& row, std::size_t i) const {
  const Column& column = t.columns[i];
  if (column.difference) {
    const auto title = [&](const std::string& key) {
      const auto k = column_index(t, key);
      return k ? t.columns[*k].title : key;
    };
    return fmt::format("Computed: {} minus {}", title(column.difference->first), title(column.difference->second));
  }
  if (row.kind != RowKind::Body) return fmt::format("Computed: the sum of {} rows", row.sums.size());
  return "Computed";
}

void HtmlWriter::chart(const Chart& c) {
  const Table* t = find_table(doc_, c.table);
  out_ += "<figure class=\"chart\">\n";
  if (t)
    out_ += chart_svg(c, *t) + "\n";
  else
    out_ += fmt::format("<p class=\"note\">This chart's table, '{}', is not in the document.</p>\n", escape_html(c.table));
  out_ += fmt::format("<figcaption>{}", escape_html(c.title));
  if (t) out_ += fmt::format(" <span class=\"from\">(from <a href=\"#{}\">{}</a>)</span>", html_id("t-", t->id), escape_html(t->title));
  out_ += "</figcaption>\n</figure>\n";
}

void HtmlWriter::explanations() {
  if (doc_.explanations.empty()) return;
  out_ += "<section class=\"explanations\" id=\"explanations\">\n<h2>Where the figures come from</h2>\n";
  for (const Explanation& e : doc_.explanations) {
    out_ += fmt::format("<article class=\"explanation\" id=\"{}\">\n<h3>{}</h3>\n<ol>\n", html_id("x-", e.id),
                        escape_html(e.title));
    for (const std::string& line : e.lines) out_ += fmt::format("<li>{}</li>\n", text_with_breaks(line));
    out_ += "</ol>\n";
    if (const Table* t = explained_in_.at(e.id))
      out_ += fmt::format("<p class=\"back\"><a href=\"#{}\">Back to {}</a></p>\n", html_id("t-", t->id), escape_html(t->title));
    out_ += "</article>\n";
  }
  out_ += "</section>\n";
}

void HtmlWriter::footnotes() {
  if (doc_.footnotes.empty()) return;
  out_ += "<section class=\"footnotes\">\n<h2>Notes</h2>\n<ol>\n";
  for (const Footnote& f : doc_.footnotes) {
    out_ += fmt::format("<li id=\"{}\">{}", html_id("fn-", f.id), spans(f.text));
    if (footnote_cited_.count(f.id) != 0)
      out_ += fmt::format(" <a class=\"back\" href=\"#{}\" aria-label=\"Back to the reference\">\u21a9</a>", html_id("fnref-", f.id));
    out_ += "</li>\n";
  }
  out_ += "</ol>\n</section>\n";
}

}  // namespace

std::string render_html(const Document& doc) { return HtmlWriter(doc).write(); }

}  // namespace collab::report
