#pragma once
// Sheet names Excel accepts, for the XLSX renderer: at most 31 characters, none of [ ] : * ? / \,
// no leading or trailing apostrophe, not empty, not "History", unique ignoring case.

#include <set>
#include <string>
#include <string_view>

namespace collab::report {

/// `wanted` made into a valid sheet name (not yet unique): forbidden characters replaced
/// ('/' and '\' by '-', '[' ']' by '(' ')', ':' '*' '?' and control characters by a space),
/// runs of spaces collapsed, apostrophes and spaces trimmed from both ends, then cut to 31
/// characters at a character boundary. Empty when nothing is left.
std::string clean_sheet_name(std::string_view wanted);

/// Hands out sheet names for one workbook, each valid and unique among those handed out
/// (case-insensitively, as Excel compares them), a clash getting " (2)", " (3)"... within 31
/// characters. "History" is reserved by Excel and is treated as taken.
class SheetNames {
 public:
  /// A name for `wanted`; `fallback` (then "Sheet") when `wanted` cleans to nothing.
  std::string take(std::string_view wanted, std::string_view fallback = "");

 private:
  std::set<std::string> used_{"history"};  // folded to lower case
};

}  // namespace collab::report
