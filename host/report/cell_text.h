#pragma once
// How a cell's value reads as text, the same in every renderer: a grouped column's heading, a
// percentage as an exact number of percent, a count with thousands separators, and a value as its
// column shows it ("£1,234", "27.6%", "1,200") or exactly (for tooltips). Header only.

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>

#include "report/document.h"

namespace collab::report {


/// A column's heading in formats with no spanning group row: "Cash: Notts", or the title alone.
inline std::string column_heading(const Column& c) { return c.group.empty() ? c.title : c.group + ": " + c.title; }

/// The exact number of percent, with the decimals it needs (at most 4) and no sign of percent:
/// 27.6% is "27.6", 0.0005% "0.0005", 100% "100", -0.5% "-0.5".
inline std::string percent_number(Percent p) {
  const int64_t units = p.units();
  const uint64_t mag = units < 0 ? uint64_t{0} - static_cast<uint64_t>(units) : static_cast<uint64_t>(units);
  constexpr uint64_t kScale = static_cast<uint64_t>(Percent::kUnitsPerPercent);
  std::string out = fmt::format("{}{}", units < 0 ? "-" : "", mag / kScale);
  if (mag % kScale == 0) return out;
  std::string fraction = fmt::format("{:04}", mag % kScale);
  while (fraction.back() == '0') fraction.pop_back();
  return out + "." + fraction;
}

/// A count with thousands separators: "1,234,567", "-20".
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
