#pragma once
// Exact percentages, for published shares such as "27.60%" and "12.9%".

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "money/money.h"

namespace collab {

/// An exact percentage, stored as a whole number of ten-thousandths of a percent
/// (27.6% is 276000 units). Invariant: any int64 count of units; arithmetic is checked
/// (std::overflow_error), so a Percent never wraps and never holds a rounded float.
class Percent {
 public:
  constexpr Percent() = default;  // 0%
  static constexpr Percent from_units(int64_t ten_thousandths_of_a_percent) {
    return Percent(ten_thousandths_of_a_percent);
  }
  constexpr int64_t units() const { return units_; }
  static constexpr int64_t kUnitsPerPercent = 10000;
  auto operator<=>(const Percent&) const = default;
  Percent operator+(Percent other) const;  // throws std::overflow_error
  Percent operator-(Percent other) const;  // throws std::overflow_error

 private:
  constexpr explicit Percent(int64_t units) : units_(units) {}
  int64_t units_ = 0;
};

/// "27.60%", "27.6", " 12.9 % ", "-0.5%", "+3%". Precision finer than 0.0001% is an error
/// (trailing zeros are fine: "27.600000%" is exactly 27.6%); so are thousands separators.
Result<Percent> parse_percent(std::string_view text);

/// A JSON number literal read as a percentage: 27.6 -> 27.6%.
Result<Percent> parse_percent_json_number(std::string_view literal);

/// p rounded to `decimals` decimal places of a percent (0..4; otherwise std::invalid_argument).
Percent round_percent(Percent p, int decimals, Rounding r = Rounding::HalfUp);

/// The exact ratio part/whole as a percent, rounded HalfUp to 4 decimals (0.0001%).
/// whole == 0 throws std::invalid_argument; a result beyond int64 units throws std::overflow_error.
Percent percent_of(Money part, Money whole);
Percent percent_of(int64_t part, int64_t whole);
/// Renormalising shares: percent_of(27.6%, 87.1%) is 31.6877%.
Percent percent_of(Percent part, Percent whole);

/// p rounded HalfUp to `decimals` places (0..4) and printed: "27.6%", "-0.5%", "100%".
std::string format_percent(Percent p, int decimals);

}  // namespace collab
