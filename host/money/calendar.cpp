#include "money/calendar.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace collab {
namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2199;
constexpr std::string_view kEnDash = "\xE2\x80\x93";  // "2016–17", as documents print it

constexpr std::array<std::string_view, 12> kMonthNames = {"january", "february", "march",     "april",
                                                          "may",     "june",     "july",      "august",
                                                          "september", "october", "november", "december"};
constexpr std::array<std::string_view, 12> kMonthAbbreviations = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The value of a run of 1 to 4 ASCII digits, or -1.
int small_number(std::string_view s) {
  if (s.empty() || s.size() > 4) return -1;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// A year written with two digits (20xx) or four; -1 if neither.
int year_number(std::string_view s) {
  const int v = small_number(s);
  if (v < 0 || (s.size() != 2 && s.size() != 4)) return -1;
  return s.size() == 2 ? 2000 + v : v;
}

bool in_range(int year) { return year >= kFirstYear && year <= kLastYear; }

// Splits "2016/17" at '/', '-' or an en dash; false if there is no separator.
bool split_year_pair(std::string_view s, std::string_view& first, std::string_view& second) {
  const size_t dash = s.find(kEnDash);
  const size_t at = std::min(s.find_first_of("/-"), dash);
  if (at == std::string_view::npos) return false;
  first = s.substr(0, at);
  second = s.substr(at + (at == dash ? kEnDash.size() : 1));
  return true;
}

// Whether `written` (2 or 4 digits) names the year after `start`.
bool follows(std::string_view written, int start) {
  const int v = small_number(written);
  return written.size() == 2 ? v == (start + 1) % 100 : v == start + 1;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[static_cast<size_t>(month - 1)];
}

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// 1..12 for "March", "mar", "SEPT"...; 0 if not a month name.
int month_number(std::string_view word) {
  const std::string w = lower(word);
  if (w == "sept") return 9;
  for (size_t i = 0; i < kMonthNames.size(); ++i)
    if (w == kMonthNames[i] || w == kMonthNames[i].substr(0, 3)) return static_cast<int>(i) + 1;
  return 0;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  while (!(s = trim(s)).empty()) {
    size_t end = 0;
    while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end]))) ++end;
    out.push_back(s.substr(0, end));
    s.remove_prefix(end);
  }
  return out;
}

}  // namespace

// ---- FinancialYear ----------------------------------------------------------

Result<FinancialYear> FinancialYear::parse(std::string_view text) {
  const std::string_view s = trim(text);
  auto error = [&](const std::string& why) { return fail(fmt::format("invalid financial year '{}': {}", s, why)); };
  std::string_view first, second;
  if (!split_year_pair(s, first, second)) {
    const int year = year_number(s);
    if (in_range(year)) return error(fmt::format("a single year; write '{}'", starting(year).str()));
    return error("expected a year and the next, like '2016/17'");
  }
  const int start = year_number(first);
  if (start < 0 || year_number(second) < 0) return error("expected a year and the next, like '2016/17'");
  if (!in_range(start))
    return error(
        fmt::format("{} is outside the years {} to {} (write it like '2016/17')", start, kFirstYear, kLastYear));
  if (!follows(second, start))
    return error(fmt::format("{} is not the year after {}; write '{}'", second, first, starting(start).str()));
  return starting(start);
}

std::string FinancialYear::str() const { return fmt::format("{}/{:02}", start_year_, (start_year_ + 1) % 100); }

// ---- PartialDate ------------------------------------------------------------

namespace {

// Reads the month and day words of a date whose year is known; the reason if they are wrong.
std::optional<std::string> read_month_and_day(const std::vector<std::string_view>& w, PartialDate& d) {
  if (w.size() == 1) return std::nullopt;
  const std::string_view month = w[w.size() - 2];
  d.month = month_number(month);
  if (d.month == 0) return fmt::format("'{}' is not a month (write 'Sep', 'Sept' or 'September')", month);
  if (w.size() == 2) return std::nullopt;
  d.day = small_number(w[0]);
  const int last = days_in_month(d.year, d.month);
  if (w[0].size() > 2 || d.day < 1) return fmt::format("'{}' is not a day of the month", w[0]);
  const std::string_view name = kMonthAbbreviations[static_cast<size_t>(d.month - 1)];
  if (d.day > last) return fmt::format("{} {} has {} days", name, d.year, last);
  return std::nullopt;
}

}  // namespace

Result<PartialDate> PartialDate::parse(std::string_view text) {
  const std::string_view s = trim(text);
  auto error = [&](const std::string& why) { return fail(fmt::format("invalid date '{}': {}", s, why)); };
  const auto w = words(s);
  if (w.empty() || w.size() > 3) return error("expected '2002', 'Sept 2011' or '31 March 2013'");
  PartialDate d;
  d.year = w.back().size() == 4 ? small_number(w.back()) : -1;
  if (!in_range(d.year))
    return error(fmt::format("'{}' is not a year from {} to {}", w.back(), kFirstYear, kLastYear));
  if (auto why = read_month_and_day(w, d)) return error(*why);
  return d;
}

std::string PartialDate::str() const {
  if (month == 0) return fmt::format("{}", year);
  const std::string_view name = kMonthAbbreviations[static_cast<size_t>(month - 1)];
  if (day == 0) return fmt::format("{} {}", name, year);
  return fmt::format("{} {} {}", day, name, year);
}

std::optional<FinancialYear> PartialDate::financial_year() const {
  if (month == 0) return std::nullopt;
  return FinancialYear::starting(month >= 4 ? year : year - 1);
}

}  // namespace collab
