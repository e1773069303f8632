// render_json: a completed document as JSON, schema "collab.report" version 1 (docs/report-json.md).
// Sorted keys, 2-space indent, a final newline; money as integer pence, percent as the exact
// number of percent, a table row as an object keyed by column key with its metadata under "$" keys.
//
// The tree is an nlohmann::json (objects are sorted maps), but it is written by a small writer of
// our own with nlohmann's layout, for one reason: a percentage is printed from its exact units
// ("27.6", "31.6877"). As a double, nlohmann's shortest-digits printer is exact for every 4-place
// value up to ±2000% (checked exhaustively) but not beyond (10000000.0159 prints as
// 10000000.015900001), so a percent is held as its decimal text in a tagged binary node.

#include <nlohmann/json.hpp>

#include "report/cell_text.h"
#include "report/render.h"

namespace collab::report {

namespace {

using nlohmann::json;

constexpr std::uint64_t kExactNumber = 37;  // binary subtype: the bytes are a JSON number's text

json exact_number(const std::string& text) {
  return json::binary(json::binary_t::container_type(text.begin(), text.end()), kExactNumber);
}

const char* style_name(Span::Style style) {
  switch (style) {
    case Span::Style::Plain: return "plain";
    case Span::Style::Emphasis: return "emphasis";
    case Span::Style::Strong: return "strong";
  }
  return "plain";
}

/// Spans as [{text, style}], a footnote reference as {footnote: id} after its span's text.
json spans_json(const Spans& spans) {
  json out = json::array();
  for (const Span& span : spans) {
    if (!span.text.empty() || span.footnote.empty()) out.push_back({{"text", span.text}, {"style", style_name(span.style)}});
    if (!span.footnote.empty()) out.push_back({{"footnote", span.footnote}});
  }
  return out;
}

json value_json(const CellValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* m = std::get_if<Money>(&v)) return m->pence();
  if (const auto* p = std::get_if<Percent>(&v)) return exact_number(percent_number(*p));
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<PartialDate>(&v)) return d->str();
  if (const auto* y = std::get_if<FinancialYear>(&v)) return y->str();
  return nullptr;
}

json column_json(const Column& c) {
  json out{{"key", c.key}, {"title", c.title}, {"type", column_type_name(c.type)}};
  if (!c.group.empty()) out["group"] = c.group;
  if (c.type == ColumnType::Money || c.type == ColumnType::Percent) out["decimals"] = c.decimals;
  if (c.difference) out["difference"] = {c.difference->first, c.difference->second};
  if (!c.sum) out["sum"] = false;
  if (!c.footnote.empty()) out["footnote"] = c.footnote;
  return out;
}

/// {"$kind", key: value...}, with "$computed", "$explain", "$footnotes" when any cell has one
/// and "$sums" on subtotal and total rows. "$" cannot begin a column key.
json row_json(const Table& t, const Row& row) {
  json out{{"$kind", row_kind_name(row.kind)}};
  json computed = json::array(), explain = json::object(), footnotes = json::object();
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const std::string& key = t.columns[i].key;
    const Cell cell = i < row.cells.size() ? row.cells[i] : Cell{};
    out[key] = value_json(cell.value);
    if (cell.computed) computed.push_back(key);
    if (!cell.explain.empty()) explain[key] = cell.explain;
    if (!cell.footnote.empty()) footnotes[key] = cell.footnote;
  }
  if (!computed.empty()) out["$computed"] = computed;
  if (!explain.empty()) out["$explain"] = explain;
  if (!footnotes.empty()) out["$footnotes"] = footnotes;
  if (row.kind != RowKind::Body) out["$sums"] = row.sums;
  return out;
}

json table_json(const Table& t) {
  json columns = json::array(), rows = json::array();
  for (const Column& c : t.columns) columns.push_back(column_json(c));
  for (const Row& r : t.rows) rows.push_back(row_json(t, r));
  return {{"type", "table"},     {"id", t.id},         {"title", t.title}, {"source", t.source},
          {"caption", spans_json(t.caption)}, {"columns", columns}, {"rows", rows}};
}

json block_json(const Block& block) {
  if (const auto* h = std::get_if<Heading>(&block)) return {{"type", "heading"}, {"level", h->level}, {"text", h->text}};
  if (const auto* p = std::get_if<Paragraph>(&block)) return {{"type", "paragraph"}, {"spans", spans_json(p->spans)}};
  if (const auto* n = std::get_if<Note>(&block)) return {{"type", "note"}, {"spans", spans_json(n->spans)}};
  if (const auto* l = std::get_if<List>(&block)) {
    json items = json::array();
    for (const Spans& item : l->items) items.push_back(spans_json(item));
    return {{"type", "list"}, {"ordered", l->ordered}, {"items", items}};
  }
  if (const auto* t = std::get_if<Table>(&block)) return table_json(*t);
  const Chart& c = std::get<Chart>(block);
  return {{"type", "chart"},  {"kind", chart_kind_name(c.kind)}, {"title", c.title},
          {"table", c.table}, {"category", c.category},          {"series", c.series}};
}

json document_json(const Document& doc) {
  json params = json::object(), blocks = json::array(), footnotes = json::array(), explanations = json::array();
  for (const DocumentParam& p : doc.params) params[p.name] = p.value;
  for (const Block& b : doc.blocks) blocks.push_back(block_json(b));
  for (const Footnote& f : doc.footnotes) footnotes.push_back({{"id", f.id}, {"spans", spans_json(f.text)}});
  for (const Explanation& e : doc.explanations)
    explanations.push_back({{"id", e.id}, {"title", e.title}, {"lines", e.lines}});
  return {{"schema", "collab.report"}, {"version", 1},       {"id", doc.id},
          {"title", doc.title},        {"subtitle", doc.subtitle}, {"params", params},
          {"blocks", blocks},          {"footnotes", footnotes},   {"explanations", explanations}};
}

// ---- The writer: nlohmann's dump(2) layout, with exact numbers -------------------------------

std::string leaf(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

void write(const json& j, std::string& out, std::size_t indent);

void write_items(const json& j, std::string& out, std::size_t indent) {
  const std::string pad(indent + 2, ' ');
  bool first = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    out += first ? "\n" : ",\n";
    first = false;
    out += pad;
    if (j.is_object()) out += leaf(json(it.key())) + ": ";
    write(*it, out, indent + 2);
  }
  out += "\n" + std::string(indent, ' ');
}

void write(const json& j, std::string& out, std::size_t indent) {
  if (j.is_binary() && j.get_binary().subtype() == kExactNumber) {
    out.append(j.get_binary().begin(), j.get_binary().end());
  } else if (j.is_object() || j.is_array()) {
    out += j.is_object() ? "{" : "[";
    if (!j.empty()) write_items(j, out, indent);
    out += j.is_object() ? "}" : "]";
  } else {
    out += leaf(j);
  }
}

}  // namespace

std::string render_json(const Document& doc) {
  std::string out;
  write(document_json(doc), out, 0);
  return out + "\n";
}

}  // namespace collab::report
