#include "report/document.h"

#include <algorithm>
#include <array>
#include <utility>

namespace collab::report {

namespace {

constexpr std::array<std::pair<ColumnType, const char*>, 6> kColumnTypes = {{
    {ColumnType::Text, "text"},
    {ColumnType::Money, "money"},
    {ColumnType::Percent, "percent"},
    {ColumnType::Integer, "integer"},
    {ColumnType::Date, "date"},
    {ColumnType::Year, "year"},
}};

}  // namespace

const char* column_type_name(ColumnType type) {
  for (const auto& [t, name] : kColumnTypes)
    if (t == type) return name;
  return "text";
}

std::optional<ColumnType> column_type_named(std::string_view name) {
  for (const auto& [t, n] : kColumnTypes)
    if (name == n) return t;
  return std::nullopt;
}

const char* row_kind_name(RowKind kind) {
  switch (kind) {
    case RowKind::Body: return "body";
    case RowKind::Subtotal: return "subtotal";
    case RowKind::Total: return "total";
  }
  return "body";
}

const char* chart_kind_name(ChartKind kind) {
  switch (kind) {
    case ChartKind::Bar: return "bar";
    case ChartKind::StackedBar: return "stacked_bar";
    case ChartKind::Line: return "line";
  }
  return "bar";
}

const Table* find_table(const Document& doc, std::string_view id) {
  for (const Block& block : doc.blocks)
    if (const auto* table = std::get_if<Table>(&block); table && table->id == id) return table;
  return nullptr;
}

std::optional<std::size_t> column_index(const Table& table, std::string_view key) {
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    if (table.columns[i].key == key) return i;
  return std::nullopt;
}

std::string plain_text(const Spans& spans) {
  std::string out;
  for (const Span& span : spans) out += span.text;
  return out;
}

}  // namespace collab::report
