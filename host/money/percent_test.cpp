#include "money/percent.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace collab;

namespace {

int64_t units(std::string_view text) {
  auto p = parse_percent(text);
  INFO(text << ": " << (p ? "" : p.error()));
  REQUIRE(p.ok());
  return p.value().units();
}

std::string percent_error(std::string_view text) {
  auto p = parse_percent(text);
  INFO(text);
  REQUIRE_FALSE(p.ok());
  return p.error();
}

Percent pc(int64_t u) { return Percent::from_units(u); }

}  // namespace

TEST_CASE("published percentages parse exactly") {
  CHECK(units("27.60%") == 276000);
  CHECK(units("27.6") == 276000);
  CHECK(units(" 12.9 % ") == 129000);
  CHECK(units("16.25%") == 162500);
  CHECK(units("0.0%") == 0);
  CHECK(units("100.00%") == 1000000);
  CHECK(units("-0.5%") == -5000);
  CHECK(units("+3%") == 30000);
  CHECK(units("31.6647%") == 316647);
  CHECK(units("27.600000%") == 276000);  // trailing zeros are exact
  CHECK(units("-0%") == 0);
}

TEST_CASE("malformed percentages are errors that quote the text") {
  CHECK(percent_error("") == "invalid percentage '': empty");
  CHECK(percent_error("%") == "invalid percentage '%': no digits");
  CHECK(percent_error("27.60001%") ==
        "invalid percentage '27.60001%': more than 4 decimal places (the finest is 0.0001%)");
  CHECK(percent_error("1,000%") == "invalid percentage '1,000%': unexpected ','");
  CHECK(percent_error("--5%") == "invalid percentage '--5%': two signs");
  CHECK(percent_error("5%%") == "invalid percentage '5%%': unexpected '%'");
  CHECK(percent_error("12.9.1%") == "invalid percentage '12.9.1%': more than one decimal point");
  CHECK(percent_error("(0.3)%") == "invalid percentage '(0.3)%': unexpected '('");
  CHECK(percent_error("abc") == "invalid percentage 'abc': unexpected 'a'");
  CHECK_THAT(percent_error("99999999999999999999%"), Catch::Contains("overflow"));
}

TEST_CASE("a JSON number reads as a percentage") {
  CHECK(parse_percent_json_number("27.6").value().units() == 276000);
  CHECK(parse_percent_json_number("1.625e1").value().units() == 162500);
  CHECK(parse_percent_json_number("-0.5").value().units() == -5000);
  CHECK(parse_percent_json_number("27.6%").error() == "invalid JSON number '27.6%': unexpected '%'");
  CHECK(parse_percent_json_number("0.00001").error() ==
        "invalid JSON number '0.00001': more than 4 decimal places (the finest is 0.0001%)");
}

TEST_CASE("percentages round and print to a number of decimals, HalfUp by default") {
  CHECK(round_percent(pc(275850), 1) == pc(276000));  // 27.585% -> 27.6%
  CHECK(format_percent(pc(275850), 1) == "27.6%");
  CHECK(round_percent(pc(316647), 1) == pc(317000));  // 31.6647% -> 31.7%
  CHECK(format_percent(pc(316647), 1) == "31.7%");
  CHECK(round_percent(pc(275000), 0) == pc(280000));
  CHECK(round_percent(pc(275000), 0, Rounding::HalfEven) == pc(280000));
  CHECK(round_percent(pc(265000), 0, Rounding::HalfEven) == pc(260000));
  CHECK(round_percent(pc(-5000), 0) == pc(-10000));
  CHECK(round_percent(pc(-5000), 0, Rounding::Down) == pc(0));
  CHECK(round_percent(pc(123456), 4) == pc(123456));
  CHECK(format_percent(pc(276000), 2) == "27.60%");
  CHECK(format_percent(pc(1000000), 0) == "100%");
  CHECK(format_percent(pc(5), 4) == "0.0005%");
  CHECK(format_percent(pc(-5000), 1) == "-0.5%");
  CHECK(format_percent(pc(-400), 1) == "0.0%");  // no negative zero
  CHECK(format_percent(pc(0), 1) == "0.0%");
  CHECK_THROWS_AS(round_percent(pc(1), 5), std::invalid_argument);
  CHECK_THROWS_AS(format_percent(pc(1), -1), std::invalid_argument);
}

TEST_CASE("percent_of gives the exact ratio rounded to 0.0001%") {
  // The 2016/17 L&D row: 27.6 / 87.1 renormalised.
  CHECK(percent_of(276, 871) == pc(316877));
  CHECK(round_percent(percent_of(276, 871), 1) == pc(317000));
  CHECK(format_percent(percent_of(pc(276000), pc(871000)), 1) == "31.7%");
  CHECK(percent_of(Money::from_pounds(1), Money::from_pounds(3)) == pc(333333));
  CHECK(percent_of(Money::from_pounds(2), Money::from_pounds(3)) == pc(666667));
  CHECK(percent_of(Money::from_pence(-1), Money::from_pence(8)) == pc(-125000));
  CHECK(percent_of(1, 2000000) == pc(1));    // 0.00005% rounds up to 0.0001%
  CHECK(percent_of(-1, 2000000) == pc(-1));  // and away from zero when negative
  CHECK_THROWS_AS(percent_of(1, 0), std::invalid_argument);
  CHECK_THROWS_AS(percent_of(std::numeric_limits<int64_t>::max(), 1), std::overflow_error);
}

TEST_CASE("percent arithmetic is checked") {
  CHECK(pc(276000) + pc(129000) == pc(405000));
  CHECK(pc(276000) - pc(300000) == pc(-24000));
  CHECK(Percent() == pc(0));
  CHECK(Percent::kUnitsPerPercent == 10000);
  CHECK_THROWS_AS(pc(std::numeric_limits<int64_t>::max()) + pc(1), std::overflow_error);
  CHECK_THROWS_AS(pc(std::numeric_limits<int64_t>::min()) - pc(1), std::overflow_error);
}
