#include "calc/decimal.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace collab {

namespace {

constexpr int kMaxScale = 36;

Int128 abs128(Int128 v) { return v < 0 ? -v : v; }

// floor(|n| / d + 1/2) with the sign of n: halves away from zero. d > 0.
Int128 divide_half_away(Int128 n, Int128 d) {
  Int128 q = abs128(n) / d;
  Int128 r = abs128(n) % d;
  if (r * 2 >= d) ++q;
  return n < 0 ? -q : q;
}

}  // namespace

Int128 pow10(int n) {
  if (n < 0 || n > kMaxScale) throw std::overflow_error(fmt::format("10^{} is out of range", n));
  Int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

std::string int128_text(Int128 v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  std::string digits;
  for (; v != 0; v /= 10) digits += static_cast<char>('0' + static_cast<int>(negative ? -(v % 10) : v % 10));
  if (negative) digits += '-';
  return {digits.rbegin(), digits.rend()};
}

Result<Decimal> decimal_from_double(double value) {
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
  const Int128 units = std::stoll(digits);
  return Decimal{value < 0 ? -units : units, scale};
}

double to_double(Decimal d) { return std::strtod(decimal_text(d).c_str(), nullptr); }

std::string decimal_text(Decimal d) {
  std::string digits = int128_text(abs128(d.units));
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
  // value / step = numerator * 10^scale / (denominator * step.units): a whole number of steps.
  const Int128 scaled_numerator = numerator * pow10(step.scale);
  if (scaled_numerator / pow10(step.scale) != numerator) throw std::overflow_error("rounding overflows");
  const Int128 steps = divide_half_away(scaled_numerator, denominator * step.units);
  Decimal out{steps * step.units, step.scale};
  // Drop trailing zeros so the text and later arithmetic stay small.
  while (out.scale > 0 && out.units % 10 == 0) {
    out.units /= 10;
    --out.scale;
  }
  return out;
}

Decimal round_to_step(Decimal value, Decimal step) {
  return round_fraction(value.units, pow10(value.scale), step);
}

}  // namespace collab
