#include "calc/checked.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <random>

using namespace collab;

namespace {

constexpr Int128 kMax = kInt128Max;
constexpr Int128 kMin = kInt128Min;
constexpr int64_t kMax64 = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin64 = std::numeric_limits<int64_t>::min();

// An Int128 from its decimal text (there are no 128-bit literals).
Int128 big(std::string_view text) {
  const bool negative = text.front() == '-';
  if (negative) text.remove_prefix(1);
  Int128 v = 0;
  for (char c : text) v = v * 10 - (c - '0');  // built negative, so the most negative value fits
  return negative ? v : -v;
}

// The naive formula, for operands small enough that nothing in it overflows.
Int128 naive_divide_scaled(Int128 num, Int128 den, int places, Int128 by) {
  Int128 n = num, d = den * by;
  for (int i = 0; i < places; ++i) n *= 10;
  for (int i = 0; i < -places; ++i) d *= 10;
  const Int128 magnitude = n < 0 ? -n : n;
  Int128 q = magnitude / d;
  if (2 * (magnitude % d) >= d) ++q;
  return n < 0 ? -q : q;
}

}  // namespace

TEST_CASE("checked sums, differences and products are exact up to the edge of 128 bits and throw beyond") {
  CHECK(int128_text(kMax) == "170141183460469231731687303715884105727");
  CHECK(int128_text(kMin) == "-170141183460469231731687303715884105728");
  CHECK(big("-170141183460469231731687303715884105728") == kMin);
  CHECK(checked::add(kMax - 1, Int128{1}) == kMax);
  CHECK(checked::sub(kMin + 1, Int128{1}) == kMin);
  CHECK(checked::mul(big("13043817825332782212"), big("13043817825332782212")) ==
        big("170141183460469231722567801800623612944"));  // (2^63.5 rounded up)^2 still fits
  CHECK_THROWS_AS(checked::add(kMax, Int128{1}), ArithmeticOverflow);
  CHECK_THROWS_AS(checked::sub(kMin, Int128{1}), ArithmeticOverflow);
  CHECK_THROWS_AS(checked::negate(kMin), ArithmeticOverflow);
  CHECK_THROWS_AS(checked::abs(kMin), ArithmeticOverflow);
  CHECK(checked::abs(kMin + 1) == kMax);
  CHECK_THROWS_WITH(checked::mul(Int128{kMax64} * 100, pow10(18)),
                    "exact arithmetic overflows: 922337203685477580700 * 1000000000000000000 is beyond the 128-bit range");
  CHECK_THROWS_AS(checked::mul(kMin, Int128{-1}), ArithmeticOverflow);
  // The overflow is an std::overflow_error, so code that catches that still does.
  CHECK_THROWS_AS(checked::mul(kMax, Int128{2}), std::overflow_error);
}

TEST_CASE("checked 64-bit arithmetic and narrowing") {
  CHECK(checked::add(kMax64 - 1, int64_t{1}) == kMax64);
  CHECK_THROWS_WITH(checked::add(kMax64, int64_t{1}),
                    "exact arithmetic overflows: 9223372036854775807 + 1 is beyond the 64-bit range");
  CHECK_THROWS_AS(checked::sub(kMin64, int64_t{1}), ArithmeticOverflow);
  CHECK_THROWS_AS(checked::mul(int64_t{3037000500}, int64_t{3037000500}), ArithmeticOverflow);
  CHECK(checked::mul(int64_t{3037000499}, int64_t{3037000499}) == 9223372030926249001);
  CHECK(checked::to_int64(Int128{kMax64}) == kMax64);
  CHECK(checked::to_int64(Int128{kMin64}) == kMin64);
  CHECK_THROWS_WITH(checked::to_int64(Int128{kMax64} + 1),
                    "exact arithmetic overflows: 9223372036854775808 is beyond the 64-bit range");
  CHECK_THROWS_AS(checked::to_int64(Int128{kMin64} - 1), ArithmeticOverflow);
  CHECK(checked::to_int(2147483647) == 2147483647);
  CHECK_THROWS_AS(checked::to_int(2147483648), ArithmeticOverflow);
  CHECK_THROWS_AS(checked::to_int(-2147483649), ArithmeticOverflow);
}

TEST_CASE("powers of ten up to 10^38") {
  CHECK(pow10(0) == 1);
  CHECK(pow10(18) == 1000000000000000000);
  CHECK(int128_text(pow10(38)) == "100000000000000000000000000000000000000");
  CHECK_THROWS_WITH(pow10(39), "exact arithmetic overflows: 10^39 is beyond the 128-bit range");
  CHECK_THROWS_AS(pow10(-1), std::invalid_argument);
}

TEST_CASE("division rounds halves away from zero, for every Int128") {
  CHECK(checked::divide(5, 2) == 3);
  CHECK(checked::divide(-5, 2) == -3);
  CHECK(checked::divide(7, 3) == 2);
  CHECK(checked::divide(-7, 3) == -2);
  CHECK(checked::divide(0, 3) == 0);
  CHECK(checked::divide(kMin, 1) == kMin);
  CHECK(checked::divide(kMax, 1) == kMax);
  CHECK(checked::divide(kMax, kMax) == 1);
  CHECK(checked::divide(kMax / 2, kMax) == 0);      // just under a half
  CHECK(checked::divide(kMax / 2 + 1, kMax) == 1);  // just over
  CHECK(checked::divide(kMax, 3) == big("56713727820156410577229101238628035242"));
  CHECK(checked::divide(kMin, 3) == big("-56713727820156410577229101238628035243"));
  CHECK_THROWS_AS(checked::divide(1, 0), std::invalid_argument);
  CHECK_THROWS_AS(checked::divide(1, -1), std::invalid_argument);
}

TEST_CASE("scaled division never forms the product, so only a result beyond 128 bits overflows") {
  // 2^125 * 10 / 3 is 1.4e38: its product 4.3e38 would not fit, the quotient does.
  CHECK(checked::divide_scaled(big("42535295865117307932921825928971026432"), 3, 1) ==
        big("141784319550391026443072753096570088107"));
  CHECK(checked::divide_scaled(kMax - 1, kMax, 38) == big("99999999999999999999999999999999999999"));
  CHECK(checked::divide_scaled(kMax, big("18446744073709551617"), 19) == big("92233720368547758075000000000000000000"));
  CHECK(checked::divide_scaled(kMin, 7, 0) == big("-24305883351495604533098186245126300818"));
  CHECK(checked::divide_scaled(kMax, kMax, 38) == pow10(38));
  // A second divisor, never multiplied into the first.
  CHECK(checked::divide_scaled(kMax, kMax, 0, kMax) == 0);
  CHECK(checked::divide_scaled(kMax, 2, 0, kMax) == 1);  // exactly a half, away from zero
  CHECK(checked::divide_scaled(kMin, 2, 0, kMax) == -1);
  CHECK(checked::divide_scaled(3, 2, 0, 3) == 1);        // 0.5
  CHECK(checked::divide_scaled(-3, 2, 0, 3) == -1);
  CHECK(checked::divide_scaled(2999, 2, 0, 3000) == 0);  // 0.49983
  // Beyond: 9223372036854775807 * 100 * 10^18 is 9.2e38.
  CHECK_THROWS_WITH(checked::divide_scaled(Int128{kMax64} * 100, 1, 18),
                    "exact arithmetic overflows: 922337203685477580700 * 10^18 / 1 is beyond the 128-bit range");
  CHECK_THROWS_AS(checked::divide_scaled(kMax, 1, 1), ArithmeticOverflow);
  CHECK(checked::divide_scaled(kMin, 1, 0, 1) == kMin);
}

TEST_CASE("scaled division equals the naive formula wherever that does not overflow (100,000 cases)") {
  std::mt19937_64 rng(128);
  std::uniform_int_distribution<int64_t> num(-1'000'000'000'000'000, 1'000'000'000'000'000);
  std::uniform_int_distribution<int64_t> den(1, 1'000'000'000'000);
  std::uniform_int_distribution<int64_t> by(1, 1000);
  std::uniform_int_distribution<int> places(-6, 12);
  for (int i = 0; i < 100000; ++i) {
    const Int128 n = num(rng), d = den(rng), b = i % 3 == 0 ? by(rng) : 1;
    const int p = places(rng);
    const Int128 small = i % 7 == 0 ? n % 1000 : n;  // plenty of exact halves and zeros too
    REQUIRE(int128_text(checked::divide_scaled(small, d % 1000 + 1, p, b)) ==
            int128_text(naive_divide_scaled(small, d % 1000 + 1, p, b)));
    REQUIRE(int128_text(checked::divide_scaled(n, d, p, b)) == int128_text(naive_divide_scaled(n, d, p, b)));
  }
}

TEST_CASE("mul_div: num * multiplier / (den * by) with neither product formed") {
  CHECK(checked::mul_div(7, 3, 2) == 11);  // 10.5, away from zero
  CHECK(checked::mul_div(-7, 3, 2) == -11);
  CHECK(checked::mul_div(7, 0, 2) == 0);
  CHECK(checked::mul_div(10, 7, 3, 5) == 5);  // 70 / 15 = 4.67
  // A budget of INT64_MAX pence times a percent numerator near 2^127, over its denominator: the
  // product is 2^190, the quotient fits.
  CHECK(checked::mul_div(kMax, std::numeric_limits<int64_t>::max(), kMax, 100) == 92233720368547758);
  CHECK(checked::mul_div(kMax - 1, std::numeric_limits<int64_t>::max(), kMax) == std::numeric_limits<int64_t>::max());
  CHECK_THROWS_AS(checked::mul_div(kMax, 2, 1), ArithmeticOverflow);
  CHECK_THROWS_AS(checked::mul_div(1, -1, 1), std::invalid_argument);
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> small(-1'000'000'000, 1'000'000'000), positive(1, 1'000'000'000);
  for (int i = 0; i < 20000; ++i) {
    const Int128 n = small(rng), m = positive(rng) - 1, d = positive(rng), b = positive(rng) % 1000 + 1;
    REQUIRE(int128_text(checked::mul_div(n, m, d, b)) == int128_text(naive_divide_scaled(n * m, d, 0, b)));
  }
}
