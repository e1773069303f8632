#pragma once
// Exact money: the one place where amounts of money, their parsing, printing
// and rounding rules live (as beancount keeps Decimal in core/number.py).
// Amounts are integer pence; no floating point is used anywhere, and
// arithmetic that would overflow throws MoneyOverflow rather than wrapping.

#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/result.h"

namespace collab {

/// Thrown when Money arithmetic would leave the range of int64 pence.
/// The message says which operation overflowed and on what amounts.
class MoneyOverflow : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

/// An exact amount of money in pence (sterling), positive or negative.
/// Invariant: always a whole number of pence in the range of int64_t;
/// every operation is exact or checked (throws MoneyOverflow).
class Money {
 public:
  constexpr Money() = default;  // zero
  static constexpr Money from_pence(int64_t pence) { return Money(pence); }
  static Money from_pounds(int64_t pounds);  // throws MoneyOverflow
  constexpr int64_t pence() const { return pence_; }
  bool is_whole_pounds() const { return pence_ % 100 == 0; }

  Money operator-() const;
  Money operator+(Money other) const;
  Money operator-(Money other) const;
  Money& operator+=(Money other);
  Money& operator-=(Money other);
  Money operator*(int64_t factor) const;
  auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(int64_t pence) : pence_(pence) {}
  int64_t pence_ = 0;
};

/// How an exact quotient is brought to a whole number of units.
enum class Rounding {
  HalfUp,    // nearest; exact halves away from zero (2.5 -> 3, -2.5 -> -3)
  HalfEven,  // nearest; exact halves to the even neighbour (2.5 -> 2, 3.5 -> 4)
  Down,      // toward zero (2.9 -> 2, -2.9 -> -2)
  Floor,     // toward minus infinity (2.9 -> 2, -2.1 -> -3)
};

/// m * num / den computed exactly, rounded to the penny by `r`.
/// den == 0 throws std::invalid_argument; a result beyond int64 pence throws MoneyOverflow.
Money mul_div(Money m, int64_t num, int64_t den, Rounding r = Rounding::HalfUp);

/// m rounded to a multiple of `unit` (e.g. Money::from_pounds(1)) by `r`.
/// unit must be positive (std::invalid_argument otherwise).
Money round_to(Money m, Money unit, Rounding r = Rounding::HalfUp);

/// The unit a published table states its figures in.
enum class MoneyUnit { Pounds, Thousands /* £'000 tables */, Millions /* £m tables */ };

/// Reads an amount as published: "£1,234.56", "-£5.20", "£-5.20", "(5.2)" (negative), "+3",
/// "£1.2m", "800k". `unit` scales the figure (and a k/m suffix scales it further). Anything
/// malformed, ambiguous, finer than a penny after scaling, or out of range is an error whose
/// message quotes the text and says what is wrong.
Result<Money> parse_money(std::string_view text, MoneyUnit unit = MoneyUnit::Pounds);

/// Reads a JSON number literal exactly as written ("9568874.60", "1.2e6", "-0.5"), scaled by `unit`.
Result<Money> parse_json_number(std::string_view literal, MoneyUnit unit = MoneyUnit::Pounds);

std::string format_money(Money m);   // "£1,234.56", "-£5.20", "£0.00"
std::string format_pounds(Money m);  // "£1,235" (rounded HalfUp to the pound), "-£5"
std::string format_plain(Money m);   // "1234.56", "-5.20" (for CSV)

namespace detail {
// Building blocks shared with percent.cpp; not for use elsewhere.

/// A decimal number read exactly: (negative ? -1 : 1) * digits * 10^exponent.
/// Invariant: digits holds only '0'..'9' (possibly empty, meaning zero).
struct Decimal {
  bool negative = false;
  std::string digits;
  int64_t exponent = 0;
};

/// Unsigned decimal text: digits with an optional fraction ("1234.5"); with
/// `allow_grouping`, also well placed thousands separators ("1,234.5").
/// The error is a reason only ("more than one decimal point"); callers quote the text.
Result<Decimal> read_decimal(std::string_view text, bool allow_grouping);

/// A JSON number literal: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? ; error is a reason only.
Result<Decimal> read_json_number(std::string_view literal);

enum class ScaleStatus { Ok, Overflow, TooPrecise };
struct Scaled {
  ScaleStatus status = ScaleStatus::Ok;
  int64_t value = 0;
};
/// d * 10^shift as an exact int64: Overflow beyond int64, TooPrecise if not a whole number.
Scaled scale_exact(const Decimal& d, int64_t shift);

/// a * b / den, exact, rounded by `r`; nullopt if the result does not fit int64. den != 0.
std::optional<int64_t> mul_div_round(int64_t a, int64_t b, int64_t den, Rounding r);

/// "1,234,567" for 1234567.
std::string group_thousands(uint64_t magnitude);

}  // namespace detail
}  // namespace collab
