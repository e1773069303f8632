#include "calc/checked.h"

#include <fmt/format.h>

#include <array>
#include <limits>

namespace collab {

namespace {

__extension__ typedef unsigned __int128 UInt128;

constexpr std::array<Int128, 39> kPowersOfTen = [] {
  std::array<Int128, 39> powers{};
  Int128 p = 1;
  for (auto& slot : powers) {
    slot = p;
    if (p <= kInt128Max / 10) p *= 10;
  }
  return powers;
}();

std::string unsigned_text(UInt128 v) {
  if (v == 0) return "0";
  std::string digits;
  for (; v != 0; v /= 10) digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
  return digits;
}

[[noreturn]] void overflow(const std::string& operation, const char* range) {
  throw ArithmeticOverflow(fmt::format("exact arithmetic overflows: {} is beyond the {} range", operation, range));
}

UInt128 magnitude(Int128 v) { return v < 0 ? UInt128{0} - static_cast<UInt128>(v) : static_cast<UInt128>(v); }

// A magnitude and a sign back to an Int128 (whose range is one wider below zero); `describe`
// gives the operation's text, formatted only when it overflows.
template <class Describe>
Int128 with_sign(UInt128 m, bool negative, Describe describe) {
  const UInt128 limit = static_cast<UInt128>(kInt128Max) + (negative ? 1 : 0);
  if (m > limit) overflow(describe(), "128-bit");
  return negative ? static_cast<Int128>(UInt128{0} - m) : static_cast<Int128>(m);
}

struct QuotientRemainder {
  UInt128 quotient = 0;
  UInt128 remainder = 0;
};

// floor(r * k / d) and (r * k) mod d for r < d < 2^127, without forming r * k: k's bits from the
// top, doubling and adding with the remainder kept below d (so below 2^127: doubling cannot wrap).
QuotientRemainder scale_remainder(UInt128 r, UInt128 k, UInt128 d) {
  if (r == 0 || k == 0) return {};
  if (r <= ~UInt128{0} / k) return {r * k / d, r * k % d};
  QuotientRemainder out;
  for (int bit = 127; bit >= 0; --bit) {
    out.quotient <<= 1;
    out.remainder <<= 1;
    if (out.remainder >= d) {
      out.remainder -= d;
      ++out.quotient;
    }
    if (((k >> bit) & 1) != 0) {
      out.remainder += r;
      if (out.remainder >= d) {
        out.remainder -= d;
        ++out.quotient;
      }
    }
  }
  return out;
}

void require_positive(Int128 v, const char* what) {
  if (v <= 0) throw std::invalid_argument(fmt::format("checked division: {} must be above zero", what));
}

}  // namespace

Int128 pow10(int n) {
  if (n < 0) throw std::invalid_argument(fmt::format("10^{}: the exponent must be 0 or more", n));
  if (n >= static_cast<int>(kPowersOfTen.size())) overflow(fmt::format("10^{}", n), "128-bit");
  return kPowersOfTen[static_cast<size_t>(n)];
}

std::string int128_text(Int128 v) { return (v < 0 ? "-" : "") + unsigned_text(magnitude(v)); }

namespace checked {

Int128 add(Int128 a, Int128 b) {
  Int128 out = 0;
  if (__builtin_add_overflow(a, b, &out)) overflow(fmt::format("{} + {}", int128_text(a), int128_text(b)), "128-bit");
  return out;
}

Int128 sub(Int128 a, Int128 b) {
  Int128 out = 0;
  if (__builtin_sub_overflow(a, b, &out)) overflow(fmt::format("{} - {}", int128_text(a), int128_text(b)), "128-bit");
  return out;
}

Int128 mul(Int128 a, Int128 b) {
  Int128 out = 0;
  if (__builtin_mul_overflow(a, b, &out)) overflow(fmt::format("{} * {}", int128_text(a), int128_text(b)), "128-bit");
  return out;
}

Int128 negate(Int128 a) { return sub(0, a); }

Int128 abs(Int128 a) { return a < 0 ? negate(a) : a; }

int64_t add(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) overflow(fmt::format("{} + {}", a, b), "64-bit");
  return out;
}

int64_t sub(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_sub_overflow(a, b, &out)) overflow(fmt::format("{} - {}", a, b), "64-bit");
  return out;
}

int64_t mul(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out)) overflow(fmt::format("{} * {}", a, b), "64-bit");
  return out;
}

int64_t to_int64(Int128 v) {
  if (v < std::numeric_limits<int64_t>::min() || v > std::numeric_limits<int64_t>::max())
    overflow(int128_text(v), "64-bit");
  return static_cast<int64_t>(v);
}

int to_int(int64_t v) {
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) overflow(fmt::format("{}", v), "int");
  return static_cast<int>(v);
}

namespace {

// round(num * k / (den * by)), halves away from zero; den > 0, by > 0. n * k / d is split into
// (n / d) * k + (n % d) * k / d = whole + left / d, the remainder's part found without forming
// (n % d) * k; then (whole + left / d) / b = whole / b + (whole % b + left / d) / b, whose last
// term is at least a half when 2 (whole % b) >= b, or 2 (whole % b) + 1 == b and 2 left >= d.
template <class Describe>
Int128 scaled_quotient(Int128 num, UInt128 k, Int128 den, Int128 by, Describe describe) {
  const UInt128 n = magnitude(num);
  const auto d = static_cast<UInt128>(den);
  const auto b = static_cast<UInt128>(by);
  UInt128 whole = 0;
  if (__builtin_mul_overflow(n / d, k, &whole)) overflow(describe(), "128-bit");
  const QuotientRemainder fraction = scale_remainder(n % d, k, d);
  if (__builtin_add_overflow(whole, fraction.quotient, &whole)) overflow(describe(), "128-bit");
  const UInt128 left = fraction.remainder;
  UInt128 result = whole / b;
  const UInt128 twice_rest = 2 * (whole % b);  // whole % b < b < 2^127: no wrap
  const bool up = twice_rest >= b || (twice_rest + 1 == b && left >= d - left);
  if (up && __builtin_add_overflow(result, UInt128{1}, &result)) overflow(describe(), "128-bit");
  return with_sign(result, num < 0, describe);
}

}  // namespace

Int128 divide(Int128 num, Int128 den) { return divide_scaled(num, den, 0); }

Int128 divide_scaled(Int128 num, Int128 den, int places, Int128 by) {
  require_positive(den, "the denominator");
  require_positive(by, "the divisor");
  if (places < -38 || places > 38)
    throw std::invalid_argument(fmt::format("checked division: 10^{} is out of range", places));
  const auto describe = [&] {
    return fmt::format("{} * 10^{} / {}{}", int128_text(num), places, int128_text(den),
                       by == 1 ? "" : " / " + int128_text(by));
  };
  if (places >= 0) return scaled_quotient(num, static_cast<UInt128>(pow10(places)), den, by, describe);
  Int128 wider = 0;
  if (__builtin_mul_overflow(by, pow10(-places), &wider)) overflow(describe(), "128-bit");
  return scaled_quotient(num, 1, den, wider, describe);
}

Int128 mul_div(Int128 num, Int128 multiplier, Int128 den, Int128 by) {
  require_positive(den, "the denominator");
  require_positive(by, "the divisor");
  if (multiplier < 0) throw std::invalid_argument("checked division: the multiplier must be 0 or more");
  return scaled_quotient(num, static_cast<UInt128>(multiplier), den, by, [&] {
    return fmt::format("{} * {} / {}{}", int128_text(num), int128_text(multiplier), int128_text(den),
                       by == 1 ? "" : " / " + int128_text(by));
  });
}

}  // namespace checked
}  // namespace collab
