#include "money/calendar.h"

#include <catch2/catch.hpp>

using namespace collab;

namespace {

std::string fy(std::string_view text) {
  auto y = FinancialYear::parse(text);
  INFO(text << ": " << (y ? "" : y.error()));
  REQUIRE(y.ok());
  return y.value().str();
}

std::string fy_error(std::string_view text) {
  auto y = FinancialYear::parse(text);
  INFO(text);
  REQUIRE_FALSE(y.ok());
  return y.error();
}

std::string date(std::string_view text) {
  auto d = PartialDate::parse(text);
  INFO(text << ": " << (d ? "" : d.error()));
  REQUIRE(d.ok());
  return d.value().str();
}

std::string date_error(std::string_view text) {
  auto d = PartialDate::parse(text);
  INFO(text);
  REQUIRE_FALSE(d.ok());
  return d.error();
}

}  // namespace

TEST_CASE("financial years parse in the published forms") {
  CHECK(fy("2016/17") == "2016/17");
  CHECK(fy("2016-17") == "2016/17");
  CHECK(fy("2016\xE2\x80\x93" "17") == "2016/17");  // en dash
  CHECK(fy("2016/2017") == "2016/17");
  CHECK(fy("08/09") == "2008/09");
  CHECK(fy(" 1999/00 ") == "1999/00");
  CHECK(fy("1999/2000") == "1999/00");
  CHECK(fy("2199/00") == "2199/00");
  CHECK(FinancialYear::parse("2016/17").value().start_year() == 2016);
}

TEST_CASE("financial years step, compare and print") {
  constexpr auto y = FinancialYear::starting(2016);
  static_assert(y.start_year() == 2016);
  CHECK(y.next().str() == "2017/18");
  CHECK(y.prev().str() == "2015/16");
  CHECK(FinancialYear::starting(1999).str() == "1999/00");
  CHECK(FinancialYear::starting(2009).str() == "2009/10");
  CHECK(y < y.next());
  CHECK(y.next().prev() == y);
}

TEST_CASE("malformed financial years say what would be right") {
  CHECK(fy_error("2016/18") == "invalid financial year '2016/18': 18 is not the year after 2016; write '2016/17'");
  CHECK(fy_error("2016/2018") ==
        "invalid financial year '2016/2018': 2018 is not the year after 2016; write '2016/17'");
  CHECK(fy_error("2016") == "invalid financial year '2016': a single year; write '2016/17'");
  CHECK(fy_error("16/17x") == "invalid financial year '16/17x': expected a year and the next, like '2016/17'");
  CHECK(fy_error("") == "invalid financial year '': expected a year and the next, like '2016/17'");
  CHECK(fy_error("FY2016/17") == "invalid financial year 'FY2016/17': expected a year and the next, like '2016/17'");
  CHECK(fy_error("1899/00") ==
        "invalid financial year '1899/00': 1899 is outside the years 1900 to 2199 (write it like '2016/17')");
  CHECK_THAT(fy_error("2200/01"), Catch::Contains("outside the years 1900 to 2199"));
  CHECK_THAT(fy_error("201/02"), Catch::Contains("like '2016/17'"));
}

TEST_CASE("partial dates parse to the year, the month or the day") {
  CHECK(date("2002") == "2002");
  CHECK(date("Sept 2011") == "Sep 2011");
  CHECK(date("SEPT 2011") == "Sep 2011");
  CHECK(date("September 2011") == "Sep 2011");
  CHECK(date("Sep 2011") == "Sep 2011");
  CHECK(date("April 2012") == "Apr 2012");
  CHECK(date("Nov 2012") == "Nov 2012");
  CHECK(date("31 March 2013") == "31 Mar 2013");
  CHECK(date("  1  jan   2014 ") == "1 Jan 2014");
  CHECK(date("29 February 2012") == "29 Feb 2012");
  const auto d = PartialDate::parse("31 March 2013").value();
  CHECK(d.year == 2013);
  CHECK(d.month == 3);
  CHECK(d.day == 31);
  CHECK(PartialDate::parse("2002").value() == PartialDate{2002, 0, 0});
  CHECK(PartialDate{2011, 0, 0} < PartialDate{2011, 1, 0});
  CHECK(PartialDate{2011, 9, 0} < PartialDate{2011, 9, 1});
}

TEST_CASE("malformed dates are errors") {
  CHECK(date_error("31 April 2013") == "invalid date '31 April 2013': Apr 2013 has 30 days");
  CHECK(date_error("29 Feb 2013") == "invalid date '29 Feb 2013': Feb 2013 has 28 days");
  CHECK(date_error("29 Feb 1900") == "invalid date '29 Feb 1900': Feb 1900 has 28 days");
  CHECK(date_error("0 Jan 2013") == "invalid date '0 Jan 2013': '0' is not a day of the month");
  CHECK(date_error("1st Jan 2013") == "invalid date '1st Jan 2013': '1st' is not a day of the month");
  CHECK(date_error("Septe 2011") ==
        "invalid date 'Septe 2011': 'Septe' is not a month (write 'Sep', 'Sept' or 'September')");
  CHECK(date_error("Sept 11") == "invalid date 'Sept 11': '11' is not a year from 1900 to 2199");
  CHECK(date_error("Sept 1850") == "invalid date 'Sept 1850': '1850' is not a year from 1900 to 2199");
  CHECK(date_error("") == "invalid date '': expected '2002', 'Sept 2011' or '31 March 2013'");
  CHECK(date_error("on 1 Jan 2013") == "invalid date 'on 1 Jan 2013': expected '2002', 'Sept 2011' or '31 March 2013'");
}

TEST_CASE("a date with a month falls in a financial year") {
  CHECK(PartialDate::parse("Sep 2011").value().financial_year() == FinancialYear::starting(2011));
  CHECK(PartialDate::parse("Feb 2012").value().financial_year() == FinancialYear::starting(2011));
  CHECK(PartialDate::parse("1 April 2012").value().financial_year() == FinancialYear::starting(2012));
  CHECK(PartialDate::parse("31 March 2013").value().financial_year()->str() == "2012/13");
  CHECK_FALSE(PartialDate::parse("2002").value().financial_year().has_value());
}
