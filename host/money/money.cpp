#include "money/money.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace collab {
namespace {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

constexpr int64_t kMaxPence = std::numeric_limits<int64_t>::max();
constexpr int64_t kMinPence = std::numeric_limits<int64_t>::min();
constexpr std::string_view kPound = "\xC2\xA3";         // "£" in UTF-8
constexpr std::string_view kUnicodeMinus = "\xE2\x88\x92";  // U+2212, as PDFs print it

[[noreturn]] void overflow(const std::string& what) {
  throw MoneyOverflow(fmt::format("money overflow: {} is out of range ({} to {})", what,
                                  format_money(Money::from_pence(kMinPence)),
                                  format_money(Money::from_pence(kMaxPence))));
}

uint64_t magnitude(int64_t v) {
  return v < 0 ? uint64_t{0} - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// n / d brought to a whole number by r; d > 0.
Int128 round_quotient(Int128 n, Int128 d, Rounding r) {
  const Int128 q = n / d;
  const Int128 rem = n % d;
  if (rem == 0) return q;
  const Int128 away = n < 0 ? q - 1 : q + 1;
  const Int128 twice = 2 * (rem < 0 ? -rem : rem);
  switch (r) {
    case Rounding::Down: return q;
    case Rounding::Floor: return n < 0 ? away : q;
    case Rounding::HalfUp: return twice >= d ? away : q;
    case Rounding::HalfEven: return twice > d || (twice == d && q % 2 != 0) ? away : q;
  }
  return q;
}

}  // namespace

// ---- Money arithmetic -------------------------------------------------------

Money Money::from_pounds(int64_t pounds) {
  int64_t pence = 0;
  if (__builtin_mul_overflow(pounds, int64_t{100}, &pence)) overflow(fmt::format("{} pounds", pounds));
  return Money(pence);
}

Money Money::operator-() const {
  if (pence_ == kMinPence) overflow(fmt::format("-({})", format_money(*this)));
  return Money(-pence_);
}

Money Money::operator+(Money other) const {
  int64_t sum = 0;
  if (__builtin_add_overflow(pence_, other.pence_, &sum))
    overflow(fmt::format("{} + {}", format_money(*this), format_money(other)));
  return Money(sum);
}

Money Money::operator-(Money other) const {
  int64_t difference = 0;
  if (__builtin_sub_overflow(pence_, other.pence_, &difference))
    overflow(fmt::format("{} - {}", format_money(*this), format_money(other)));
  return Money(difference);
}

Money& Money::operator+=(Money other) { return *this = *this + other; }
Money& Money::operator-=(Money other) { return *this = *this - other; }

Money Money::operator*(int64_t factor) const {
  int64_t product = 0;
  if (__builtin_mul_overflow(pence_, factor, &product))
    overflow(fmt::format("{} * {}", format_money(*this), factor));
  return Money(product);
}

// ---- Rounding ---------------------------------------------------------------

namespace detail {

std::optional<int64_t> mul_div_round(int64_t a, int64_t b, int64_t den, Rounding r) {
  if (den == 0) throw std::invalid_argument("mul_div: division by zero");
  Int128 n = static_cast<Int128>(a) * b;  // |a * b| <= 2^126: exact
  Int128 d = den;
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const Int128 q = round_quotient(n, d, r);
  if (q < kMinPence || q > kMaxPence) return std::nullopt;
  return static_cast<int64_t>(q);
}

}  // namespace detail

Money mul_div(Money m, int64_t num, int64_t den, Rounding r) {
  const auto pence = detail::mul_div_round(m.pence(), num, den, r);
  if (!pence) overflow(fmt::format("{} * {} / {}", format_money(m), num, den));
  return Money::from_pence(*pence);
}

Money round_to(Money m, Money unit, Rounding r) {
  if (unit.pence() <= 0) throw std::invalid_argument("round_to: the unit must be positive, not " + format_money(unit));
  const int64_t units = *detail::mul_div_round(m.pence(), 1, unit.pence(), r);  // |result| <= |m|
  int64_t pence = 0;
  if (__builtin_mul_overflow(units, unit.pence(), &pence))
    overflow(fmt::format("{} rounded to a multiple of {}", format_money(m), format_money(unit)));
  return Money::from_pence(pence);
}

// ---- Exact decimals ---------------------------------------------------------

namespace detail {
namespace {

std::string unexpected(std::string_view rest) {
  if (rest.starts_with(kPound)) return "unexpected '£'";
  const auto c = static_cast<unsigned char>(rest.front());
  if (c < 0x20 || c >= 0x7F) return "unexpected non-ASCII or control character";
  return fmt::format("unexpected '{}'", rest.front());
}

// "1,234,567": the first group has 1 to 3 digits (not starting with 0), the others exactly 3.
bool well_grouped(std::string_view whole) {
  const size_t first = whole.find(',');
  if (first == 0 || first > 3 || whole.front() == '0') return false;
  for (size_t at = first; at < whole.size(); at += 4) {
    if (whole[at] != ',' || at + 4 > whole.size()) return false;
    if (whole.substr(at + 1, 3).find(',') != std::string_view::npos) return false;
  }
  return true;
}

std::string without_commas(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ',') out += c;
  return out;
}

// Why `text` (digits, ',' and '.' only) is malformed, or nullopt if it is fine.
std::optional<std::string> decimal_shape_error(std::string_view text, bool allow_grouping) {
  const size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view frac = point == std::string_view::npos ? "" : text.substr(point + 1);
  if (frac.find('.') != std::string_view::npos) return "more than one decimal point";
  if (frac.find(',') != std::string_view::npos) return "thousands separator after the decimal point";
  if (whole.find(',') != std::string_view::npos) {
    if (!allow_grouping) return "unexpected ','";
    if (!well_grouped(whole)) return "misplaced thousands separator (expected groups of three digits, like 1,234,567)";
  }
  if (whole.empty()) return "no digit before the decimal point";
  if (point != std::string_view::npos && frac.empty()) return "no digit after the decimal point";
  return std::nullopt;
}

}  // namespace

Result<Decimal> read_decimal(std::string_view text, bool allow_grouping) {
  if (text.empty()) return fail("no digits");
  for (size_t i = 0; i < text.size(); ++i)
    if (!is_digit(text[i]) && text[i] != ',' && text[i] != '.') return fail(unexpected(text.substr(i)));
  if (auto why = decimal_shape_error(text, allow_grouping)) return fail(*why);
  const size_t point = text.find('.');
  Decimal d;
  d.digits = without_commas(text.substr(0, point));
  if (point != std::string_view::npos) {
    d.digits += text.substr(point + 1);
    d.exponent = -static_cast<int64_t>(text.size() - point - 1);
  }
  return d;
}

namespace {

// Reads a run of digits from `s` at `at`, advancing `at`.
std::string_view take_digits(std::string_view s, size_t& at) {
  const size_t start = at;
  while (at < s.size() && is_digit(s[at])) ++at;
  return s.substr(start, at - start);
}

// The value of an exponent's digits, saturated far beyond any int64 amount.
int64_t saturated_value(std::string_view digits) {
  constexpr int64_t kCap = 1'000'000'000;
  int64_t v = 0;
  for (char c : digits) v = std::min(kCap, v * 10 + (c - '0'));
  return v;
}

// Reads "[eE][+-]?digits" at `at` into d.exponent; error reason if malformed.
std::optional<std::string> read_exponent(std::string_view s, size_t& at, Decimal& d) {
  if (at >= s.size() || (s[at] != 'e' && s[at] != 'E')) return std::nullopt;
  ++at;
  const bool minus = at < s.size() && s[at] == '-';
  if (at < s.size() && (s[at] == '-' || s[at] == '+')) ++at;
  const std::string_view digits = take_digits(s, at);
  if (digits.empty()) return "no digits in the exponent";
  d.exponent += minus ? -saturated_value(digits) : saturated_value(digits);
  return std::nullopt;
}

}  // namespace

Result<Decimal> read_json_number(std::string_view s) {
  Decimal d;
  size_t at = 0;
  if (s.starts_with('-')) {
    d.negative = true;
    ++at;
  }
  const std::string_view whole = take_digits(s, at);
  if (whole.empty()) return fail(at < s.size() ? unexpected(s.substr(at)) : "no digits");
  if (whole.size() > 1 && whole.front() == '0') return fail("leading zero (not allowed in JSON)");
  d.digits = whole;
  if (at < s.size() && s[at] == '.') {
    ++at;
    const std::string_view frac = take_digits(s, at);
    if (frac.empty()) return fail("no digit after the decimal point");
    d.digits += frac;
    d.exponent = -static_cast<int64_t>(frac.size());
  }
  if (auto why = read_exponent(s, at, d)) return fail(*why);
  if (at < s.size()) return fail(unexpected(s.substr(at)));
  return d;
}

Scaled scale_exact(const Decimal& d, int64_t shift) {
  std::string_view digits = d.digits;
  while (!digits.empty() && digits.front() == '0') digits.remove_prefix(1);
  int64_t exponent = d.exponent + shift;
  while (!digits.empty() && exponent < 0 && digits.back() == '0') {
    digits.remove_suffix(1);
    ++exponent;
  }
  if (digits.empty()) return {};
  if (exponent < 0) return {ScaleStatus::TooPrecise, 0};
  if (static_cast<int64_t>(digits.size()) + exponent > 19) return {ScaleStatus::Overflow, 0};
  UInt128 v = 0;
  for (char c : digits) v = v * 10 + static_cast<unsigned>(c - '0');
  for (int64_t i = 0; i < exponent; ++i) v *= 10;
  const UInt128 limit = d.negative ? magnitude(kMinPence) : magnitude(kMaxPence);
  if (v > limit) return {ScaleStatus::Overflow, 0};
  return {ScaleStatus::Ok, static_cast<int64_t>(d.negative ? -static_cast<Int128>(v) : static_cast<Int128>(v))};
}

std::string group_thousands(uint64_t magnitude_value) {
  // Built by appending: std::string::insert here trips GCC 12's false -Wrestrict at -O2.
  std::string digits = fmt::format("{}", magnitude_value);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace detail

// ---- Parsing money ----------------------------------------------------------

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// The pieces of a published amount around its digits.
struct AmountText {
  bool negative = false;
  bool signed_ = false;  // an explicit sign or parentheses were seen
  bool pound = false;
  int thousands_power = 0;  // from a k (1) or m (2) suffix
  std::string_view core;    // the digits, separators and decimal point
};

std::optional<std::string> strip_parentheses(AmountText& a) {
  const bool open = a.core.starts_with('(');
  const bool close = a.core.ends_with(')');
  if (!open && !close) return std::nullopt;
  if (!open || !close || a.core.size() < 2) return "unbalanced parenthesis";
  a.core = trim(a.core.substr(1, a.core.size() - 2));
  a.negative = a.signed_ = true;
  return std::nullopt;
}

// The length of a sign at the start of s (0 if none).
size_t sign_length(std::string_view s) {
  if (s.starts_with(kUnicodeMinus)) return kUnicodeMinus.size();
  return s.starts_with('-') || s.starts_with('+') ? 1 : 0;
}

// Takes one prefix token (a sign or '£'); `took` is false when there is none left.
std::optional<std::string> take_prefix(AmountText& a, bool& took) {
  const size_t sign = sign_length(a.core);
  const bool pound = sign == 0 && a.core.starts_with(kPound);
  took = sign != 0 || pound;
  if (sign != 0) {
    if (a.signed_) return "two signs";
    a.signed_ = true;
    a.negative = !a.core.starts_with('+');
  }
  if (pound) {
    if (a.pound) return "'£' twice";
    a.pound = true;
  }
  a.core = trim(a.core.substr(sign + (pound ? kPound.size() : 0)));
  return std::nullopt;
}

void strip_suffix(AmountText& a) {
  if (a.core.empty()) return;
  const char last = a.core.back();
  if (last == 'k' || last == 'K') a.thousands_power = 1;
  if (last == 'm' || last == 'M') a.thousands_power = 2;
  if (a.thousands_power != 0) a.core = trim(a.core.substr(0, a.core.size() - 1));
}

std::optional<std::string> split_amount(std::string_view text, AmountText& a) {
  a.core = text;
  if (auto why = strip_parentheses(a)) return why;
  for (bool took = true; took;)
    if (auto why = take_prefix(a, took)) return why;
  strip_suffix(a);
  return std::nullopt;
}

int unit_power(MoneyUnit unit) {
  switch (unit) {
    case MoneyUnit::Pounds: return 0;
    case MoneyUnit::Thousands: return 1;
    case MoneyUnit::Millions: return 2;
  }
  return 0;
}

// The reason a scaled decimal is not an amount, for the error message.
std::string scale_failure(detail::ScaleStatus status, bool negative, bool scaled) {
  if (status == detail::ScaleStatus::TooPrecise)
    return scaled ? "more precise than a penny after scaling" : "more precise than a penny";
  return negative ? "overflow: below the smallest amount, " + format_money(Money::from_pence(kMinPence))
                  : "overflow: above the largest amount, " + format_money(Money::from_pence(kMaxPence));
}

Result<Money> to_money(const detail::Decimal& d, int thousands_power, std::string_view what, std::string_view text) {
  const auto scaled = detail::scale_exact(d, 2 + 3 * int64_t{thousands_power});
  if (scaled.status == detail::ScaleStatus::Ok) return Money::from_pence(scaled.value);
  const std::string why = scale_failure(scaled.status, d.negative, thousands_power != 0);
  return fail(fmt::format("invalid {} '{}': {}", what, text, why));
}

}  // namespace

Result<Money> parse_money(std::string_view text, MoneyUnit unit) {
  const std::string_view trimmed = trim(text);
  auto error = [&](const std::string& why) { return fail(fmt::format("invalid amount '{}': {}", trimmed, why)); };
  if (trimmed.empty()) return error("empty");
  AmountText a;
  if (auto why = split_amount(trimmed, a)) return error(*why);
  auto decimal = detail::read_decimal(a.core, true);
  if (!decimal) return error(decimal.error());
  decimal.value().negative = a.negative;
  return to_money(decimal.value(), unit_power(unit) + a.thousands_power, "amount", trimmed);
}

Result<Money> parse_json_number(std::string_view literal, MoneyUnit unit) {
  auto decimal = detail::read_json_number(literal);
  if (!decimal) return fail(fmt::format("invalid JSON number '{}': {}", literal, decimal.error()));
  return to_money(decimal.value(), unit_power(unit), "JSON number", literal);
}

// ---- Printing ---------------------------------------------------------------

std::string format_money(Money m) {
  const uint64_t mag = magnitude(m.pence());
  return fmt::format("{}£{}.{:02}", m.pence() < 0 ? "-" : "", detail::group_thousands(mag / 100), mag % 100);
}

std::string format_pounds(Money m) {
  const int64_t pounds = *detail::mul_div_round(m.pence(), 1, 100, Rounding::HalfUp);  // always fits
  return fmt::format("{}£{}", pounds < 0 ? "-" : "", detail::group_thousands(magnitude(pounds)));
}

std::string format_plain(Money m) {
  const uint64_t mag = magnitude(m.pence());
  return fmt::format("{}{}.{:02}", m.pence() < 0 ? "-" : "", mag / 100, mag % 100);
}

}  // namespace collab
