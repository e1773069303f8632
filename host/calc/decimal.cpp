#include "calc/decimal.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <stdexcept>

namespace collab {

namespace {

// "1e-18" for a step of 10^-18 and "0.25" for a quarter: how a script would write it.
std::string step_text(Decimal step) {
  if (step.units == 1 && step.scale > 6) return fmt::format("1e-{}", step.scale);
  return decimal_text(step);
}

}  // namespace

namespace {

// Powers of ten a double holds exactly: 10^22 is the last.
constexpr double kExactPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr double kExactIntegers = 9007199254740992.0;  // 2^53: every integer below is a double

// The shortest decimal for `magnitude` (> 0, finite) without formatting text, for the common
// case: the fewest decimals d (at most 15) for which some integer u < 2^53 makes u / 10^d read
// back as the same double. u and 10^d are then exact doubles and the division is correctly
// rounded, so the test is exact; fewer decimals means fewer significant digits, and of two u
// that both read back the nearest is taken, as the shortest-form formatter does. nullopt when no
// such u exists: the caller formats the number instead.
std::optional<Decimal> shortest_decimal_fast(double magnitude) {
  for (int d = 0; d <= 15; ++d) {
    const double scaled = magnitude * kExactPowers[d];
    if (scaled >= kExactIntegers) return std::nullopt;
    const double nearest = std::nearbyint(scaled);
    // The product may be off by an ulp: try the integers around it, nearest to the exact value first.
    const double candidates[3] = {nearest, nearest - 1, nearest + 1};
    const double* found = nullptr;
    for (const double& u : candidates)
      if (u > 0 && u / kExactPowers[d] == magnitude) {
        if (found == nullptr) {
          found = &u;
        } else {
          // Two read back: keep the one nearer the exact value (compare |u - m 10^d| exactly
          // with fma); a tie is beyond this fast path.
          const double a = std::fabs(std::fma(-magnitude, kExactPowers[d], *found));
          const double b = std::fabs(std::fma(-magnitude, kExactPowers[d], u));
          if (a == b) return std::nullopt;
          if (b < a) found = &u;
        }
      }
    if (found != nullptr) return Decimal{static_cast<Int128>(static_cast<int64_t>(*found)), d};
  }
  return std::nullopt;
}

}  // namespace

Result<Decimal> decimal_from_double(double value) {
  if (std::isnan(value)) return fail("not a number (NaN)");
  if (std::isinf(value)) return fail("infinite");
  if (value == 0) return Decimal{0, 0};
  if (auto fast = shortest_decimal_fast(std::fabs(value))) {
    if (value < 0) fast->units = -fast->units;
    return *fast;
  }
  return decimal_from_double_text(value);
}

Result<Decimal> decimal_from_double_text(double value) {
  if (std::isnan(value)) return fail("not a number (NaN)");
  if (std::isinf(value)) return fail("infinite");
  // fmt's "{}" is the shortest decimal that reads back as the same double, possibly with an
  // exponent ("1e-07"): the mantissa's digits, then the exponent.
  std::string shortest = fmt::format("{}", std::fabs(value));
  int exponent = 0;
  if (auto e = shortest.find_first_of("eE"); e != std::string::npos) {
    exponent = std::stoi(shortest.substr(e + 1));
    shortest.erase(e);
  }
  std::string digits = shortest;
  int scale = 0;
  if (auto dot = shortest.find('.'); dot != std::string::npos) {
    digits.erase(dot, 1);
    scale = static_cast<int>(shortest.size() - dot - 1);
  }
  scale -= exponent;
  for (; scale < 0; ++scale) digits += '0';
  while (scale > 0 && digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
    --scale;
  }
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
  if (scale > 18 || digits.size() > 18)
    return fail(fmt::format("{} needs more than 18 significant digits or decimals", value));
  Int128 units = 0;
  for (char digit : digits) units = checked::add(checked::mul(units, 10), digit - '0');
  return Decimal{value < 0 ? checked::negate(units) : units, scale};
}

double to_double(Decimal d) {
  // Both exact doubles: one correctly rounded division gives what strtod would (Clinger's fast path).
  const Int128 magnitude = d.units < 0 ? -d.units : d.units;
  if (d.scale <= 22 && magnitude <= static_cast<Int128>(kExactIntegers)) {
    const double q = static_cast<double>(magnitude) / kExactPowers[d.scale];
    return d.units < 0 ? -q : q;
  }
  return std::strtod(decimal_text(d).c_str(), nullptr);
}

std::string decimal_text(Decimal d) {
  std::string digits = int128_text(d.units);
  if (d.units < 0) digits.erase(0, 1);
  const auto places = static_cast<size_t>(d.scale);
  if (places > 0) {
    if (digits.size() <= places) digits = std::string(places + 1 - digits.size(), '0') + digits;
    digits.insert(digits.size() - places, ".");
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
  }
  return (d.units < 0 ? "-" : "") + digits;
}

Decimal round_fraction(Int128 numerator, Int128 denominator, Decimal step) {
  if (step.units <= 0) throw std::invalid_argument("the rounding step must be above zero");
  if (denominator <= 0) throw std::invalid_argument("round_fraction: the denominator must be above zero");
  try {
    // value / step = numerator * 10^scale / (denominator * step.units): a whole number of steps.
    const Int128 steps = checked::divide_scaled(numerator, denominator, step.scale, step.units);
    Decimal out{checked::mul(steps, step.units), step.scale};
    // Drop trailing zeros so the text and later arithmetic stay small.
    while (out.scale > 0 && out.units % 10 == 0) {
      out.units /= 10;
      --out.scale;
    }
    return out;
  } catch (const ArithmeticOverflow&) {
    throw ArithmeticOverflow(fmt::format("{}{} rounded to a step of {} is too large to compute exactly",
                                         int128_text(numerator), denominator == 1 ? "" : " / " + int128_text(denominator),
                                         step_text(step)));
  }
}

Decimal add_decimals(const std::vector<Decimal>& terms) {
  Decimal sum{0, 0};
  for (const Decimal& t : terms) sum.scale = std::max(sum.scale, t.scale);
  for (const Decimal& t : terms) sum.units = checked::add(sum.units, checked::mul(t.units, pow10(sum.scale - t.scale)));
  return sum;
}

Decimal round_to_step(Decimal value, Decimal step) {
  return round_fraction(value.units, pow10(value.scale), step);
}

}  // namespace collab
