#pragma once
// Checked integer arithmetic: the one path by which calc/ adds, subtracts, multiplies, scales by
// powers of ten, divides with rounding and narrows the 128-bit (and 64-bit) integers that keep
// shares and decimals exact. Nothing here wraps: an operation whose exact result does not fit
// throws ArithmeticOverflow. Its message states the operation in numbers; a caller that knows
// what was being computed (a share, a rounding, a split) catches it and says that instead, in
// words a script author can act on, or turns it into the error of the Result it returns.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace collab {

// 128-bit integers keep products of pence and weights exact (GCC extension; __extension__
// keeps -Wpedantic quiet).
__extension__ typedef __int128 Int128;
inline constexpr Int128 kInt128Max = (((Int128{1} << 126) - 1) << 1) + 1;  // 2^127 - 1
inline constexpr Int128 kInt128Min = -kInt128Max - 1;

/// Thrown when exact integer arithmetic would leave the range of its type.
class ArithmeticOverflow : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

/// 10^n for 0 <= n <= 38 (10^38 is the largest power of ten an Int128 holds). n < 0 throws
/// std::invalid_argument, n > 38 ArithmeticOverflow.
Int128 pow10(int n);

/// "-170141183460469231731687303715884105728" ... "170141183460469231731687303715884105727".
std::string int128_text(Int128 v);

namespace checked {

Int128 add(Int128 a, Int128 b);
Int128 sub(Int128 a, Int128 b);
Int128 mul(Int128 a, Int128 b);
Int128 negate(Int128 a);
Int128 abs(Int128 a);
int64_t add(int64_t a, int64_t b);
int64_t sub(int64_t a, int64_t b);
int64_t mul(int64_t a, int64_t b);

/// The value as an int64 (or an int), or ArithmeticOverflow.
int64_t to_int64(Int128 v);
int to_int(int64_t v);

/// num / den rounded to the nearest integer, halves away from zero. den > 0
/// (std::invalid_argument otherwise). Never overflows.
Int128 divide(Int128 num, Int128 den);

/// num * 10^places / (den * by), rounded once to the nearest integer, halves away from zero;
/// places in -38..38 (negative places divide by 10^-places), den > 0 and by > 0
/// (std::invalid_argument otherwise). Exact for every num: neither num * 10^places nor
/// den * by is formed, so only a result beyond Int128 overflows (or, for negative places,
/// by * 10^-places beyond Int128).
Int128 divide_scaled(Int128 num, Int128 den, int places, Int128 by = 1);

/// num * multiplier / (den * by), rounded as divide() does; multiplier >= 0, den > 0, by > 0.
/// Neither product is formed; overflows only if num * multiplier / den is beyond 2^128 or the
/// result beyond Int128.
Int128 mul_div(Int128 num, Int128 multiplier, Int128 den, Int128 by = 1);

}  // namespace checked
}  // namespace collab
