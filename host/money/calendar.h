#pragma once
// Financial years and dates as the documents give them.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace collab {

/// A financial year, April to March, written "2016/17" and named by the year it starts in.
/// Invariant: parse() only yields start years 1900..2199; starting() trusts its caller.
class FinancialYear {
 public:
  /// "2016/17", "2016-17", "2016/2017", or short "08/09" (two-digit years are 20xx).
  /// Anything else is an error quoting the text and saying what would be right.
  static Result<FinancialYear> parse(std::string_view text);
  static constexpr FinancialYear starting(int year) { return FinancialYear(year); }
  constexpr int start_year() const { return start_year_; }
  std::string str() const;  // "2016/17", "1999/00"
  FinancialYear next() const { return FinancialYear(start_year_ + 1); }
  FinancialYear prev() const { return FinancialYear(start_year_ - 1); }
  auto operator<=>(const FinancialYear&) const = default;

 private:
  constexpr explicit FinancialYear(int start_year) : start_year_(start_year) {}
  int start_year_;
};

/// A date known to the year, the month or the day: "2002", "Sept 2011", "31 March 2013".
/// Invariant: year is 1900..2199; month is 1..12 or 0 (unknown); day is 0 (unknown) or a real
/// day of that month, and a day is only known when the month is.
struct PartialDate {
  int year = 0;
  int month = 0;  // 1..12, 0 = unknown
  int day = 0;    // 0 = unknown

  /// Month names are case-insensitive, full or 3-letter, plus "Sept".
  static Result<PartialDate> parse(std::string_view text);
  std::string str() const;  // canonical: "2002", "Sep 2011", "31 Mar 2013"
  /// The financial year the date falls in; needs a month (Sep 2011 -> 2011/12, Feb 2012 -> 2011/12).
  std::optional<FinancialYear> financial_year() const;
  auto operator<=>(const PartialDate&) const = default;
};

}  // namespace collab
