#include "calc/decimal.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

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
