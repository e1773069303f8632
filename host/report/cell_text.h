#pragma once
// What the text renderers (Markdown, CSV, JSON) write the same way: a grouped column's heading,
// a percentage as an exact number of percent, a count with thousands separators. Header only.

#include <fmt/format.h>

#include <cstdint>
#include <string>

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

}  // namespace collab::report
