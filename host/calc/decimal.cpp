#include "calc/decimal.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace collab {

namespace {

// "1e-18" for a step of 10^-18 and "0.25" for a quarter: how a script would write it.
std::string step_text(Decimal step) {
  if (step.units == 1 && step.scale > 6) return fmt::format("1e-{}", step.scale);
  return decimal_text(step);
}

}  // namespace

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
  Int128 units = 0;
  for (char digit : digits) units = checked::add(checked::mul(units, 10), digit - '0');
  return Decimal{value < 0 ? checked::negate(units) : units, scale};
}

double to_double(Decimal d) { return std::strtod(decimal_text(d).c_str(), nullptr); }

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
