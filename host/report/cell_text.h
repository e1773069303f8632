#pragma once
// How a cell's value reads as text in the HTML and its charts: money, percent and counts as a
// reader expects them ("£1,234", "27.6%", "1,200"), and each value's exact form for tooltips.

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>

#include "report/document.h"

namespace collab::report {

/// 1234567 -> "1,234,567", -5 -> "-5" (no locale involved).
inline std::string grouped_integer(int64_t n) {
  const uint64_t mag = n < 0 ? uint64_t{0} - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  const std::string digits = fmt::format("{}", mag);
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

/// A money amount as a column with `decimals` shows it: 0 whole pounds (rounded half up),
/// -1 pence only when the amount has them, anything else pence.
inline std::string money_text(Money m, int decimals) {
  if (decimals == 0 || (decimals == -1 && m.is_whole_pounds())) return format_pounds(m);
  return format_money(m);
}

/// A percentage with `decimals` places (-1 means the default, 1; clamped to 0..4).
inline std::string percent_text(Percent p, int decimals) {
  const int places = decimals < 0 ? 1 : decimals > 4 ? 4 : decimals;
  return format_percent(p, places);
}

/// A percentage with as few places as show it exactly ("27.6%", "0.0001%").
inline std::string exact_percent_text(Percent p) {
  int places = 0;
  while (places < 4 && round_percent(p, places) != p) ++places;
  return format_percent(p, places);
}

/// `value` as `column` shows it; an empty cell is empty text.
inline std::string cell_text(const CellValue& value, const Column& column) {
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) return "";
        else if constexpr (std::is_same_v<T, std::string>) return v;
        else if constexpr (std::is_same_v<T, Money>) return money_text(v, column.decimals);
        else if constexpr (std::is_same_v<T, Percent>) return percent_text(v, column.decimals);
        else if constexpr (std::is_same_v<T, int64_t>) return grouped_integer(v);
        else return v.str();  // PartialDate, FinancialYear
      },
      value);
}

/// `value` exactly, whatever a column would round it to: "£1,234.56", "27.6%", "1,200".
inline std::string exact_text(const CellValue& value) {
  if (const auto* m = std::get_if<Money>(&value)) return format_money(*m);
  if (const auto* p = std::get_if<Percent>(&value)) return exact_percent_text(*p);
  return cell_text(value, Column{});
}

}  // namespace collab::report
