#include "cli/table_text.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace collab::cli {

namespace {

// Display width: count code points, not bytes ("£" is two bytes, one column).
size_t width(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, size_t w, bool right) {
  const std::string fill(w > width(s) ? w - width(s) : 0, ' ');
  return right ? fill + s : s + fill;
}

}  // namespace

TextTable::TextTable(std::vector<std::string> headings, std::vector<bool> right)
    : headings_(std::move(headings)), right_(std::move(right)) {
  right_.resize(headings_.size(), false);
}

void TextTable::add(std::vector<std::string> cells) {
  cells.resize(headings_.size());
  for (auto& cell : cells) cell = visible_text(cell);  // cells come from data and scripts
  rows_.push_back(std::move(cells));
}

void TextTable::rule() { rows_.emplace_back(); }

std::string TextTable::str() const {
  std::vector<size_t> widths;
  for (const auto& h : headings_) widths.push_back(width(h));
  for (const auto& row : rows_)
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "  " : "") + pad(cells[i], widths[i], right_[i]);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  size_t total = 0;
  for (size_t w : widths) total += w;
  total += 2 * (widths.empty() ? 0 : widths.size() - 1);
  std::string out = line(headings_) + std::string(total, '-') + "\n";
  for (const auto& row : rows_) out += row.empty() ? std::string(total, '-') + "\n" : line(row);
  return out;
}

std::string csv_field(const std::string& raw) {
  const std::string text = visible_text(raw);
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace collab::cli
