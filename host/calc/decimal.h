#pragma once
// Exact decimals: what a Lua number "means" (its shortest decimal form: 27.6 is 276/10, never
// the binary double nearest to it), rounded and divided exactly. Used for weights, collab.round
// and the renormalisation of shares.

#include <string>
#include <vector>

#include "calc/checked.h"
#include "core/result.h"

namespace collab {

/// units * 10^-scale. Invariant: 0 <= scale <= 36 and |units| < 10^36.
struct Decimal {
  Int128 units = 0;
  int scale = 0;
};

/// The shortest decimal that reads back as `value` ("{}" in fmt): 0.1 -> {1, 1}, 1e-07 -> {1, 7}.
/// NaN and infinities are errors, as are values needing more than 18 significant digits or
/// decimals (a double never does, except for magnitudes beyond 1e18 or below 1e-18).
/// Most values are read without formatting text (a weight is read once per participant and
/// scenario in a sweep); the result is the same either way (decimal_test.cpp holds them equal).
Result<Decimal> decimal_from_double(double value);
/// The same, always through the shortest text: what the fast path is tested against.
Result<Decimal> decimal_from_double_text(double value);

/// The nearest double (correctly rounded).
double to_double(Decimal d);

/// "27.6", "-0.05", "1200": no exponent, no trailing zeros.
std::string decimal_text(Decimal d);

/// The exact sum of `terms`, at the largest of their scales (trailing zeros kept: 1.5 + 0.25 is
/// {175, 2}); {0, 0} for none. ArithmeticOverflow if a term at that scale, or the sum, is beyond
/// 128 bits.
Decimal add_decimals(const std::vector<Decimal>& terms);

/// `value` rounded to a multiple of `step` (> 0), halves away from zero: round(0.15, 0.1) is
/// 0.2, round(-2.5, 1) is -3. Throws std::invalid_argument for step <= 0, ArithmeticOverflow
/// when the result does not fit in 128 bits ("... rounded to a step of 1e-18 is too large to
/// compute exactly").
Decimal round_to_step(Decimal value, Decimal step);

/// The exact fraction numerator/denominator (denominator > 0) rounded once to a multiple of
/// `step`, halves away from zero; no intermediate product can overflow, only a result beyond
/// 128 bits. Throws as round_to_step does.
Decimal round_fraction(Int128 numerator, Int128 denominator, Decimal step);

}  // namespace collab
