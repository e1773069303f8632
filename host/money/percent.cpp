#include "money/percent.h"

#include <fmt/format.h>

#include <stdexcept>

namespace collab {
namespace {

[[noreturn]] void overflow(const std::string& what) {
  throw std::overflow_error(fmt::format("percent overflow: {} is out of range", what));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// 10^(4 - decimals): the number of units in the last place kept.
int64_t place_units(int decimals) {
  if (decimals < 0 || decimals > 4)
    throw std::invalid_argument(fmt::format("percent decimals must be 0 to 4, not {}", decimals));
  int64_t units = 1;
  for (int i = decimals; i < 4; ++i) units *= 10;
  return units;
}

Result<Percent> to_percent(const detail::Decimal& d, std::string_view what, std::string_view text) {
  const auto scaled = detail::scale_exact(d, 4);
  if (scaled.status == detail::ScaleStatus::Ok) return Percent::from_units(scaled.value);
  const char* why = scaled.status == detail::ScaleStatus::TooPrecise
                        ? "more than 4 decimal places (the finest is 0.0001%)"
                        : "overflow: too large";
  return fail(fmt::format("invalid {} '{}': {}", what, text, why));
}

// Splits "-12.5" into its sign and digits; false if there are two signs.
bool take_sign(std::string_view& core, bool& negative) {
  if (!core.starts_with('-') && !core.starts_with('+')) return true;
  negative = core.starts_with('-');
  core.remove_prefix(1);
  return !core.starts_with('-') && !core.starts_with('+');
}

Percent ratio(int64_t part, int64_t whole, int64_t units_per_part) {
  if (whole == 0) throw std::invalid_argument("percent_of: the whole is zero");
  const auto units = detail::mul_div_round(part, units_per_part, whole, Rounding::HalfUp);
  if (!units) overflow(fmt::format("{} / {} as a percent", part, whole));
  return Percent::from_units(*units);
}

}  // namespace

Percent Percent::operator+(Percent other) const {
  int64_t sum = 0;
  if (__builtin_add_overflow(units_, other.units_, &sum)) overflow(fmt::format("{} + {} units", units_, other.units_));
  return Percent(sum);
}

Percent Percent::operator-(Percent other) const {
  int64_t difference = 0;
  if (__builtin_sub_overflow(units_, other.units_, &difference))
    overflow(fmt::format("{} - {} units", units_, other.units_));
  return Percent(difference);
}

Result<Percent> parse_percent(std::string_view text) {
  const std::string_view trimmed = trim(text);
  auto error = [&](const std::string& why) { return fail(fmt::format("invalid percentage '{}': {}", trimmed, why)); };
  std::string_view core = trimmed;
  if (core.ends_with('%')) core = trim(core.substr(0, core.size() - 1));
  if (trimmed.empty()) return error("empty");
  bool negative = false;
  if (!take_sign(core, negative)) return error("two signs");
  auto decimal = detail::read_decimal(core, false);
  if (!decimal) return error(decimal.error());
  decimal.value().negative = negative;
  return to_percent(decimal.value(), "percentage", trimmed);
}

Result<Percent> parse_percent_json_number(std::string_view literal) {
  auto decimal = detail::read_json_number(literal);
  if (!decimal) return fail(fmt::format("invalid JSON number '{}': {}", literal, decimal.error()));
  return to_percent(decimal.value(), "JSON number", literal);
}

Percent round_percent(Percent p, int decimals, Rounding r) {
  const int64_t place = place_units(decimals);
  const int64_t places = *detail::mul_div_round(p.units(), 1, place, r);  // |places| <= |units|
  int64_t units = 0;
  if (__builtin_mul_overflow(places, place, &units)) overflow(fmt::format("{} units rounded", p.units()));
  return Percent::from_units(units);
}

Percent percent_of(Money part, Money whole) { return percent_of(part.pence(), whole.pence()); }

Percent percent_of(int64_t part, int64_t whole) { return ratio(part, whole, 100 * Percent::kUnitsPerPercent); }

Percent percent_of(Percent part, Percent whole) { return percent_of(part.units(), whole.units()); }

std::string format_percent(Percent p, int decimals) {
  const int64_t place = place_units(decimals);
  const int64_t places = *detail::mul_div_round(p.units(), 1, place, Rounding::HalfUp);
  const uint64_t mag = places < 0 ? uint64_t{0} - static_cast<uint64_t>(places) : static_cast<uint64_t>(places);
  const uint64_t scale = static_cast<uint64_t>(Percent::kUnitsPerPercent / place);  // 10^decimals
  const char* sign = places < 0 ? "-" : "";
  if (decimals == 0) return fmt::format("{}{}%", sign, mag);
  return fmt::format("{}{}.{:0{}}%", sign, mag / scale, mag % scale, decimals);
}

}  // namespace collab
