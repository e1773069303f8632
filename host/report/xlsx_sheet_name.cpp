// Sheet names Excel accepts (see xlsx_sheet_name.h): cleaning, cutting at a character
// boundary, and making each name of a workbook unique.

#include "report/xlsx_sheet_name.h"

#include <fmt/format.h>

#include "core/text.h"

namespace collab::report {

namespace {

// Excel counts a sheet name's length in UTF-16 units: a character outside the BMP counts two.
constexpr std::size_t kMaxUnits = 31;

// `text` (valid UTF-8) cut to at most `max_units` UTF-16 units, never inside a character.
std::string cut(std::string_view text, std::size_t max_units) {
  std::size_t units = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t bytes = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    const std::size_t width = bytes == 4 ? 2 : 1;
    if (units + width > max_units || i + bytes > text.size()) break;
    units += width;
    i += bytes;
  }
  return std::string(text.substr(0, i));
}

// Without spaces and apostrophes at either end (Excel refuses a name that starts or ends with ').
std::string trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" '");
  if (first == std::string_view::npos) return "";
  const std::size_t last = text.find_last_not_of(" '");
  return std::string(text.substr(first, last - first + 1));
}

// Lower case for comparing names as Excel does: ASCII and Latin-1 letters (À..Þ but ×). Other
// scripts' capitals are compared as written (an approximation: names differing only in, say,
// Cyrillic case would clash in Excel).
std::string fold(std::string_view name) {
  std::string out(name);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return out;
}

// The replacement for a character Excel forbids in a sheet name (or for a line break or tab).
char replacement(char c) {
  switch (c) {
    case '/': case '\\': return '-';
    case '[': return '(';
    case ']': return ')';
    case ':': case '*': case '?': case '\n': case '\t': return ' ';
    default: return c;
  }
}

}  // namespace

std::string clean_sheet_name(std::string_view wanted) {
  // visible_text leaves valid UTF-8 with no control character but line breaks and tabs.
  const std::string visible = visible_text(wanted);
  std::string out;
  for (const char c : visible) {
    const char r = replacement(c);
    if (r == ' ' && (out.empty() || out.back() == ' ')) continue;  // collapse runs of spaces
    out += r;
  }
  return trim(cut(trim(out), kMaxUnits));
}

std::string SheetNames::take(std::string_view wanted, std::string_view fallback) {
  std::string base = clean_sheet_name(wanted);
  if (base.empty()) base = clean_sheet_name(fallback);
  if (base.empty()) base = "Sheet";
  std::string name = base;
  for (int n = 2; !used_.insert(fold(name)).second; ++n) {
    const std::string suffix = fmt::format(" ({})", n);
    name = trim(cut(base, kMaxUnits - suffix.size())) + suffix;
  }
  return name;
}

}  // namespace collab::report
