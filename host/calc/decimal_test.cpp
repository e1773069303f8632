#include "calc/decimal.h"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <random>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

using namespace collab;

namespace {

std::string rounded(double value, double step) {
  return decimal_text(round_to_step(decimal_from_double(value).value(), decimal_from_double(step).value()));
}

}  // namespace

TEST_CASE("a double reads as its shortest decimal") {
  CHECK(decimal_text(decimal_from_double(27.6).value()) == "27.6");
  CHECK(decimal_text(decimal_from_double(-0.05).value()) == "-0.05");
  CHECK(decimal_text(decimal_from_double(1200.0).value()) == "1200");
  CHECK(decimal_text(decimal_from_double(1e-7).value()) == "0.0000001");
  CHECK(decimal_text(decimal_from_double(0.0).value()) == "0");
  CHECK(decimal_from_double(0.1 + 0.2).value().units == 30000000000000004);
  CHECK(decimal_from_double(std::nan("")).error() == "not a number (NaN)");
  CHECK(decimal_from_double(INFINITY).error() == "infinite");
  CHECK(to_double(decimal_from_double(31.7).value()) == 31.7);
}

TEST_CASE("rounding to a step is exact and takes halves away from zero") {
  CHECK(rounded(0.15, 0.1) == "0.2");  // the double 0.15 is below 0.15; its decimal is not
  CHECK(rounded(2.5, 1) == "3");
  CHECK(rounded(-2.5, 1) == "-3");
  CHECK(rounded(27.5936, 0.1) == "27.6");
  CHECK(rounded(31.6877, 0.1) == "31.7");
  CHECK(rounded(1234567, 1000) == "1235000");
  CHECK(rounded(7.3, 0.25) == "7.25");
  CHECK(rounded(0.04, 0.1) == "0");
  CHECK_THROWS_AS(rounded(1, 0), std::invalid_argument);
  CHECK_THROWS_AS(rounded(1, -0.1), std::invalid_argument);
}

TEST_CASE("a fraction rounds once, never through an intermediate rounding") {
  // 31.649999...% must not become 31.65% first and then 31.7%.
  const Decimal tenth = decimal_from_double(0.1).value();
  CHECK(decimal_text(round_fraction(3164999999, 100000000, tenth)) == "31.6");
  CHECK(decimal_text(round_fraction(2760, 871, tenth)) == "3.2");  // 3.1687...
  CHECK(decimal_text(round_fraction(-1, 3, decimal_from_double(0.01).value())) == "-0.33");
}

// The extremes a script can reach: math.maxinteger, steps of 1e-18, 36-digit decimals and
// numerators near 2^127. Under the sanitizer build any signed overflow here would abort.
TEST_CASE("decimals at the extremes are exact or an ArithmeticOverflow saying what was rounded") {
  constexpr int64_t kMaxInteger = std::numeric_limits<int64_t>::max();
  const Decimal atto{1, 18};
  // 9223372036854775807 at a step of 1e-18 needs 9.2e36 steps: it fits, and is exact.
  const Decimal max_integer{kMaxInteger, 0};
  CHECK(decimal_text(round_to_step(max_integer, atto)) == "9223372036854775807");
  CHECK(decimal_text(round_to_step(Decimal{-kMaxInteger - 1, 0}, atto)) == "-9223372036854775808");
  // The percent of it (x 100) at 1e-18 would need 9.2e38 steps: beyond 128 bits.
  CHECK_THROWS_AS(round_fraction(Int128{kMaxInteger} * 100, 1, atto), ArithmeticOverflow);
  CHECK_THROWS_WITH(round_fraction(Int128{kMaxInteger} * 100, 1, atto),
                    "922337203685477580700 rounded to a step of 1e-18 is too large to compute exactly");
  CHECK_THROWS_WITH(round_fraction(Int128{kMaxInteger} * 100, 3, atto),
                    "922337203685477580700 / 3 rounded to a step of 1e-18 is too large to compute exactly");
  CHECK_THROWS_AS(round_fraction(Int128{kMaxInteger} * 100, 1, atto), std::overflow_error);
  // Steps of 18 decimals.
  CHECK(decimal_text(round_to_step(Decimal{123456789012345678, 18}, atto)) == "0.123456789012345678");
  CHECK(decimal_text(round_to_step(Decimal{15, 19}, atto)) == "0.000000000000000002");
  CHECK(decimal_text(round_to_step(Decimal{-15, 19}, atto)) == "-0.000000000000000002");
  CHECK(decimal_text(round_to_step(Decimal{14, 19}, atto)) == "0.000000000000000001");
  CHECK(decimal_text(round_fraction(1, 3, atto)) == "0.333333333333333333");
  CHECK(decimal_text(round_fraction(2, 3, Decimal{25, 18})) == "0.666666666666666675");
  // 36-digit decimals (the largest a Decimal holds).
  const Int128 nines = pow10(36) - 1;
  CHECK(decimal_text(round_to_step(Decimal{nines, 36}, atto)) == "1");
  CHECK(decimal_text(round_to_step(Decimal{nines, 36}, Decimal{1, 36})) == "0." + std::string(36, '9'));
  CHECK(decimal_text(round_to_step(Decimal{nines, 0}, Decimal{1, 1})) == std::string(36, '9'));
  CHECK(decimal_text(round_to_step(Decimal{nines, 0}, Decimal{1000, 0})) == "1" + std::string(36, '0'));
  CHECK_THROWS_AS(round_to_step(Decimal{nines, 0}, Decimal{1, 3}), ArithmeticOverflow);  // 10^39 steps
  // Numerators near 2^127, positive and negative.
  CHECK(decimal_text(round_fraction(kInt128Max, kInt128Max, Decimal{1, 0})) == "1");
  CHECK(decimal_text(round_fraction(kInt128Max, 3, Decimal{1, 0})) == "56713727820156410577229101238628035242");
  CHECK(decimal_text(round_fraction(kInt128Min, 2, Decimal{1, 0})) == "-85070591730234615865843651857942052864");
  CHECK(decimal_text(round_fraction(kInt128Max, 10, Decimal{1, 1})) == "17014118346046923173168730371588410572.7");
  CHECK(decimal_text(round_fraction(kInt128Min, kInt128Max, Decimal{1, 18})) == "-1");
  CHECK_THROWS_AS(round_fraction(kInt128Max, 1, Decimal{1, 1}), ArithmeticOverflow);
  CHECK(decimal_text(round_fraction(kInt128Max, 1, Decimal{3, 0})) == "170141183460469231731687303715884105726");
  CHECK_THROWS_AS(round_fraction(kInt128Max, 1, Decimal{2, 0}), ArithmeticOverflow);  // 2^126 steps of 2 is 2^127
  CHECK(decimal_text(Decimal{kInt128Min, 0}) == "-170141183460469231731687303715884105728");
  CHECK(decimal_text(Decimal{kInt128Min, 38}) == "-1.70141183460469231731687303715884105728");
}

TEST_CASE("reading doubles at the edges of 18 digits") {
  CHECK(decimal_text(decimal_from_double(1e-18).value()) == "0.000000000000000001");
  CHECK(decimal_from_double(999999999999999900.0).value().units == 999999999999999900);
  CHECK(decimal_from_double(-999999999999999900.0).value().units == -999999999999999900);
  CHECK(decimal_from_double(1e-19).error() == "1e-19 needs more than 18 significant digits or decimals");
  CHECK(decimal_from_double(9223372036854775807.0).error() ==
        "9.223372036854776e+18 needs more than 18 significant digits or decimals");
  CHECK_FALSE(decimal_from_double(1e300));
  CHECK_FALSE(decimal_from_double(1e-300));
  CHECK_FALSE(decimal_from_double(-1e300));
}

TEST_CASE("decimals add up exactly at their largest scale, or overflow") {
  CHECK(decimal_text(add_decimals({{15, 1}, {25, 2}})) == "1.75");
  CHECK(add_decimals({{15, 1}, {25, 2}}).units == 175);
  CHECK(decimal_text(add_decimals({})) == "0");
  CHECK(decimal_text(add_decimals({{10000000, 0}, {1, 18}, {1, 18}})) == "10000000.000000000000000002");
  CHECK(decimal_text(add_decimals({{std::numeric_limits<int64_t>::max(), 18}, {std::numeric_limits<int64_t>::max(), 0}})) ==
        "9223372036854775816.223372036854775807");
  CHECK_THROWS_AS(add_decimals({{kInt128Max, 0}, {1, 0}}), ArithmeticOverflow);
  CHECK_THROWS_AS(add_decimals({{std::numeric_limits<int64_t>::max(), 0}, {1, 36}}), ArithmeticOverflow);
}

// The fast paths (no text) against the text they replace, on the numbers formulae give: shares
// rounded to a step, quotients of grants, integers, tiny and huge magnitudes, random bit patterns.
TEST_CASE("decimal_from_double and to_double: the fast paths equal the text round trip", "[decimal]") {
  std::mt19937_64 random(42);
  auto same = [](double value) {
    const auto fast = decimal_from_double(value);
    const auto text = decimal_from_double_text(value);
    INFO(fmt::format("{}", value));
    REQUIRE(fast.ok() == text.ok());
    if (!fast.ok()) return;
    REQUIRE(fast.value().units == text.value().units);
    REQUIRE(fast.value().scale == text.value().scale);
    REQUIRE(to_double(fast.value()) == std::strtod(decimal_text(fast.value()).c_str(), nullptr));
  };
  for (double v : {0.1, 0.2, 0.3, 27.6, 31.7, 100.0, 1e-7, 1e15, 9007199254740991.0, 9007199254740993.0, 1e22, 1e-300,
                   0.1 + 0.2, 4.35, 2.675, 1.0 / 3.0, -27.6, 5e-324})
    same(v);
  for (int i = 0; i < 200000; ++i) {
    switch (i % 5) {
      case 0: same(static_cast<double>(random() % 1000001) / 10.0); break;             // a share at 0.1%
      case 1: same(static_cast<double>(random() % 100000000) / std::pow(10.0, random() % 12)); break;
      case 2: same(static_cast<double>(random() % 600000000) * 100 / static_cast<double>(1 + random() % 9000000000)); break;
      case 3: same(static_cast<double>(random() >> (random() % 64))); break;
      default: {
        double v = 0;
        const std::uint64_t bits = random();
        std::memcpy(&v, &bits, sizeof v);
        if (std::isfinite(v)) same(v);
      }
    }
  }
}
