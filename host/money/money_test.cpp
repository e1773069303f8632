#include "money/money.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

using namespace collab;

namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

int64_t pence(std::string_view text, MoneyUnit unit = MoneyUnit::Pounds) {
  auto m = parse_money(text, unit);
  INFO(text << ": " << (m ? "" : m.error()));
  REQUIRE(m.ok());
  return m.value().pence();
}

int64_t json_pence(std::string_view literal, MoneyUnit unit = MoneyUnit::Pounds) {
  auto m = parse_json_number(literal, unit);
  INFO(literal << ": " << (m ? "" : m.error()));
  REQUIRE(m.ok());
  return m.value().pence();
}

std::string money_error(std::string_view text, MoneyUnit unit = MoneyUnit::Pounds) {
  auto m = parse_money(text, unit);
  INFO(text);
  REQUIRE_FALSE(m.ok());
  return m.error();
}

std::string json_error(std::string_view literal, MoneyUnit unit = MoneyUnit::Pounds) {
  auto m = parse_json_number(literal, unit);
  INFO(literal);
  REQUIRE_FALSE(m.ok());
  return m.error();
}

Money p(int64_t pence_value) { return Money::from_pence(pence_value); }

}  // namespace

TEST_CASE("published amounts parse to exact pence") {
  CHECK(pence("£9,568,874.60") == 956887460);
  CHECK(pence("1234.56") == 123456);
  CHECK(pence("£1,234") == 123400);
  CHECK(pence("1,234") == 123400);
  CHECK(pence("-£5.20") == -520);
  CHECK(pence("£-5.20") == -520);
  CHECK(pence("(5.2)") == -520);
  CHECK(pence("( £5.20 )") == -520);
  CHECK(pence("+3") == 300);
  CHECK(pence("  £12.5  ") == 1250);
  CHECK(pence("0") == 0);
  CHECK(pence("007") == 700);
  CHECK(pence("1.230") == 123);  // trailing zeros are exact, not extra precision
  CHECK(pence("\xE2\x88\x92" "5") == -500);  // U+2212 minus sign
}

TEST_CASE("a JSON number gives the same pence as the published text") {
  CHECK(json_pence("9568874.60") == pence("£9,568,874.60"));
  CHECK(json_pence("9568874.6") == 956887460);
  CHECK(json_pence("1.2e6") == 120000000);
  CHECK(json_pence("1.2E+6") == 120000000);
  CHECK(json_pence("-0.5") == -50);
  CHECK(json_pence("0") == 0);
  CHECK(json_pence("12345e-2") == 12345);
  CHECK(json_pence("0e999999999999999999") == 0);
  CHECK(json_pence("1.2", MoneyUnit::Millions) == 120000000);
  CHECK(json_pence("800", MoneyUnit::Thousands) == 80000000);
}

TEST_CASE("the unit and a k or m suffix scale the figure") {
  CHECK(pence("(5.2)", MoneyUnit::Millions) == -520000000);
  CHECK(format_money(parse_money("(5.2)", MoneyUnit::Millions).value()) == "-£5,200,000.00");
  CHECK(pence("1.2", MoneyUnit::Millions) == 120000000);
  CHECK(pence("0.17", MoneyUnit::Millions) == 17000000);
  CHECK(pence("0.00000001", MoneyUnit::Millions) == 1);
  CHECK(pence("800", MoneyUnit::Thousands) == 80000000);
  CHECK(pence("£1.2m") == 120000000);
  CHECK(pence("800k") == 80000000);
  CHECK(pence("800 K") == 80000000);
  CHECK(pence("(0.3m)") == -30000000);
  CHECK(pence("1.5k", MoneyUnit::Thousands) == 150000000);  // k of £'000 is £m
}

TEST_CASE("negative zero is zero") {
  CHECK(pence("-0") == 0);
  CHECK(pence("-£0.00") == 0);
  CHECK(pence("(0)") == 0);
  CHECK(json_pence("-0.0") == 0);
  CHECK(format_money(parse_money("-0.00").value()) == "£0.00");
  CHECK(format_pounds(p(-40)) == "£0");
}

TEST_CASE("the extremes of int64 pence parse, one penny beyond is an overflow error") {
  CHECK(pence("£92,233,720,368,547,758.07") == kMax);
  CHECK(pence("-£92,233,720,368,547,758.08") == kMin);
  CHECK(json_pence("92233720368547758.07") == kMax);
  CHECK(json_pence("-92233720368547758.08") == kMin);
  CHECK(money_error("£92,233,720,368,547,758.08") ==
        "invalid amount '£92,233,720,368,547,758.08': overflow: above the largest amount, "
        "£92,233,720,368,547,758.07");
  CHECK(money_error("-92233720368547758.09") ==
        "invalid amount '-92233720368547758.09': overflow: below the smallest amount, "
        "-£92,233,720,368,547,758.08");
  CHECK_THAT(json_error("92233720368547758.08"), Catch::Contains("overflow"));
  CHECK_THAT(money_error("92233720368547.76", MoneyUnit::Thousands), Catch::Contains("overflow"));
  CHECK_THAT(json_error("1e999999999999"), Catch::Contains("overflow"));
  CHECK_THAT(money_error("100000000000000000000000"), Catch::Contains("overflow"));
}

TEST_CASE("more precision than a penny is an error, not rounded") {
  CHECK(money_error("1.234") == "invalid amount '1.234': more precise than a penny");
  CHECK(money_error("0.000000001", MoneyUnit::Millions) ==
        "invalid amount '0.000000001': more precise than a penny after scaling");
  CHECK(json_error("0.005") == "invalid JSON number '0.005': more precise than a penny");
  CHECK(json_error("1e-999999999999") == "invalid JSON number '1e-999999999999': more precise than a penny");
}

TEST_CASE("malformed amounts are errors that quote the text and say what is wrong") {
  CHECK(money_error("") == "invalid amount '': empty");
  CHECK(money_error("   ") == "invalid amount '': empty");
  CHECK(money_error("£") == "invalid amount '£': no digits");
  CHECK(money_error("abc") == "invalid amount 'abc': unexpected 'a'");
  CHECK(money_error("12 pounds") == "invalid amount '12 pounds': unexpected ' '");
  CHECK(money_error("--5") == "invalid amount '--5': two signs");
  CHECK(money_error("-£-5") == "invalid amount '-£-5': two signs");
  CHECK(money_error("(-5)") == "invalid amount '(-5)': two signs");
  CHECK(money_error("££5") == "invalid amount '££5': '£' twice");
  CHECK(money_error("5£") == "invalid amount '5£': unexpected '£'");
  CHECK(money_error("5-") == "invalid amount '5-': unexpected '-'");
  CHECK(money_error("1.2.3") == "invalid amount '1.2.3': more than one decimal point");
  CHECK(money_error("1,23,4") ==
        "invalid amount '1,23,4': misplaced thousands separator (expected groups of three digits, like 1,234,567)");
  CHECK_THAT(money_error("1234,567"), Catch::Contains("misplaced thousands separator"));
  CHECK_THAT(money_error("0,500"), Catch::Contains("misplaced thousands separator"));
  CHECK_THAT(money_error("1,234,"), Catch::Contains("misplaced thousands separator"));
  CHECK(money_error("1.234,5") == "invalid amount '1.234,5': thousands separator after the decimal point");
  CHECK(money_error(".5") == "invalid amount '.5': no digit before the decimal point");
  CHECK(money_error("5.") == "invalid amount '5.': no digit after the decimal point");
  CHECK(money_error("(5.2") == "invalid amount '(5.2': unbalanced parenthesis");
  CHECK(money_error("5.2)") == "invalid amount '5.2)': unbalanced parenthesis");
  CHECK(money_error("1.2bn") == "invalid amount '1.2bn': unexpected 'b'");
  CHECK(money_error("1.2mm") == "invalid amount '1.2mm': unexpected 'm'");
  CHECK(money_error("m") == "invalid amount 'm': no digits");
  CHECK(money_error("1\xC3\xA9") == "invalid amount '1\xC3\xA9': unexpected non-ASCII or control character");
}

TEST_CASE("malformed JSON numbers are errors") {
  CHECK(json_error("") == "invalid JSON number '': no digits");
  CHECK(json_error("-") == "invalid JSON number '-': no digits");
  CHECK(json_error("01") == "invalid JSON number '01': leading zero (not allowed in JSON)");
  CHECK(json_error("1.") == "invalid JSON number '1.': no digit after the decimal point");
  CHECK(json_error(".5") == "invalid JSON number '.5': unexpected '.'");
  CHECK(json_error("1e") == "invalid JSON number '1e': no digits in the exponent");
  CHECK(json_error("1.2.3") == "invalid JSON number '1.2.3': unexpected '.'");
  CHECK(json_error("+1") == "invalid JSON number '+1': unexpected '+'");
  CHECK(json_error(" 1") == "invalid JSON number ' 1': unexpected ' '");
  CHECK(json_error("1,234") == "invalid JSON number '1,234': unexpected ','");
  CHECK(json_error("--1") == "invalid JSON number '--1': unexpected '-'");
}

TEST_CASE("money prints as published, in pounds, and plain for CSV") {
  CHECK(format_money(p(0)) == "£0.00");
  CHECK(format_money(p(1)) == "£0.01");
  CHECK(format_money(p(-1)) == "-£0.01");
  CHECK(format_money(p(99999)) == "£999.99");
  CHECK(format_money(p(100000)) == "£1,000.00");
  CHECK(format_money(p(100000001)) == "£1,000,000.01");
  CHECK(format_money(p(kMin)) == "-£92,233,720,368,547,758.08");
  CHECK(format_money(p(kMax)) == "£92,233,720,368,547,758.07");
  CHECK(format_pounds(p(123456)) == "£1,235");
  CHECK(format_pounds(p(123449)) == "£1,234");
  CHECK(format_pounds(p(-520)) == "-£5");
  CHECK(format_pounds(p(-550)) == "-£6");
  CHECK(format_pounds(p(kMin)) == "-£92,233,720,368,547,758");
  CHECK(format_plain(p(123456)) == "1234.56");
  CHECK(format_plain(p(-520)) == "-5.20");
  CHECK(format_plain(p(-1)) == "-0.01");
  CHECK(format_plain(p(kMin)) == "-92233720368547758.08");
}

TEST_CASE("money arithmetic is exact and checked") {
  CHECK(Money().pence() == 0);
  CHECK(Money::from_pounds(12).pence() == 1200);
  CHECK(Money::from_pounds(12).is_whole_pounds());
  CHECK_FALSE(p(1201).is_whole_pounds());
  CHECK((p(150) + p(75)).pence() == 225);
  CHECK((p(150) - p(175)).pence() == -25);
  CHECK((-p(150)).pence() == -150);
  CHECK((p(150) * -3).pence() == -450);
  Money m = p(100);
  m += p(5);
  m -= p(10);
  CHECK(m.pence() == 95);
  CHECK(p(1) < p(2));
  CHECK(p(-1) < Money());
}

TEST_CASE("money arithmetic overflow throws MoneyOverflow saying what overflowed") {
  CHECK_THROWS_AS(p(kMax) + p(1), MoneyOverflow);
  CHECK_THROWS_AS(p(kMin) - p(1), MoneyOverflow);
  CHECK_THROWS_AS(-p(kMin), MoneyOverflow);
  CHECK_THROWS_AS(p(kMax) * 2, MoneyOverflow);
  CHECK_THROWS_AS(Money::from_pounds(kMax / 10), MoneyOverflow);
  Money m = p(kMax);
  CHECK_THROWS_AS(m += p(1), MoneyOverflow);
  CHECK(m.pence() == kMax);  // unchanged
  CHECK_THROWS_WITH(p(kMax) + p(1),
                    "money overflow: £92,233,720,368,547,758.07 + £0.01 is out of range "
                    "(-£92,233,720,368,547,758.08 to £92,233,720,368,547,758.07)");
  CHECK_THROWS_WITH(p(kMax) * 2, Catch::StartsWith("money overflow: £92,233,720,368,547,758.07 * 2 is out of range"));
  CHECK_THROWS_WITH(mul_div(p(kMax), 3, 2), Catch::StartsWith("money overflow: £92,233,720,368,547,758.07 * 3 / 2"));
}

TEST_CASE("mul_div is exact and rounds exact halves by the rule given") {
  // 5p * 1/2 = 2.5p; -5p * 1/2 = -2.5p
  CHECK(mul_div(p(5), 1, 2).pence() == 3);
  CHECK(mul_div(p(-5), 1, 2).pence() == -3);
  CHECK(mul_div(p(5), 1, 2, Rounding::HalfUp).pence() == 3);
  CHECK(mul_div(p(5), 1, 2, Rounding::HalfEven).pence() == 2);
  CHECK(mul_div(p(7), 1, 2, Rounding::HalfEven).pence() == 4);
  CHECK(mul_div(p(-5), 1, 2, Rounding::HalfEven).pence() == -2);
  CHECK(mul_div(p(-7), 1, 2, Rounding::HalfEven).pence() == -4);
  CHECK(mul_div(p(5), 1, 2, Rounding::Down).pence() == 2);
  CHECK(mul_div(p(-5), 1, 2, Rounding::Down).pence() == -2);
  CHECK(mul_div(p(5), 1, 2, Rounding::Floor).pence() == 2);
  CHECK(mul_div(p(-5), 1, 2, Rounding::Floor).pence() == -3);
  // Off the half: nearest wins whatever the half rule.
  CHECK(mul_div(p(100), 1, 3, Rounding::HalfEven).pence() == 33);
  CHECK(mul_div(p(200), 1, 3, Rounding::HalfUp).pence() == 67);
  CHECK(mul_div(p(-200), 1, 3, Rounding::Down).pence() == -66);
  CHECK(mul_div(p(-200), 1, 3, Rounding::Floor).pence() == -67);
  // A negative denominator flips the sign; intermediate products beyond int64 are exact.
  CHECK(mul_div(p(5), 1, -2).pence() == -3);
  CHECK(mul_div(p(kMax), kMax, kMax).pence() == kMax);
  CHECK(mul_div(p(kMin), -1, 2).pence() == -(kMin / 2));
  CHECK_THROWS_AS(mul_div(p(1), 1, 0), std::invalid_argument);
  CHECK_THROWS_AS(mul_div(p(kMin), -1, 1), MoneyOverflow);
}

TEST_CASE("round_to rounds to a multiple of the unit") {
  const Money pound = Money::from_pounds(1);
  CHECK(round_to(p(123450), pound).pence() == 123500);
  CHECK(round_to(p(123449), pound).pence() == 123400);
  CHECK(round_to(p(-250), pound).pence() == -300);
  CHECK(round_to(p(-250), pound, Rounding::HalfEven).pence() == -200);
  CHECK(round_to(p(350), pound, Rounding::HalfEven).pence() == 400);
  CHECK(round_to(p(399), pound, Rounding::Down).pence() == 300);
  CHECK(round_to(p(-301), pound, Rounding::Floor).pence() == -400);
  CHECK(round_to(p(1234567), Money::from_pounds(1000)).pence() == 1200000);
  CHECK(round_to(p(kMax), p(1)).pence() == kMax);
  CHECK_THROWS_AS(round_to(p(kMax), Money::from_pounds(1000)), MoneyOverflow);
  CHECK_THROWS_AS(round_to(p(1), Money()), std::invalid_argument);
}
