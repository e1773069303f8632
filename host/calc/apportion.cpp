#include "calc/apportion.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace collab {

namespace {

// Weights brought to one scale, so they compare and add as integers.
std::vector<Int128> common_scale(const std::vector<Weighted>& weights) {
  int scale = 0;
  for (const auto& w : weights) scale = std::max(scale, w.weight.scale);
  std::vector<Int128> out;
  for (const auto& w : weights) out.push_back(static_cast<Int128>(w.weight.units) * pow10(scale - w.weight.scale));
  return out;
}

}  // namespace

Result<ExactWeight> exact_weight(double value) {
  if (std::isnan(value)) return fail("weight is not a number (NaN)");
  if (std::isinf(value)) return fail("weight is infinite");
  if (value <= 0) return fail(fmt::format("weight is {} (weights must be above zero)", value));
  auto decimal = decimal_from_double(value);
  if (!decimal) return fail("weight " + decimal.error());
  return ExactWeight{static_cast<int64_t>(decimal.value().units), decimal.value().scale};
}

Result<std::vector<Part>> apportion(Money total, const std::vector<Weighted>& weights, Money unit) {
  if (weights.empty()) return fail("nothing to apportion among: no participants");
  if (total < Money{}) return fail(fmt::format("cannot apportion a negative total ({})", format_money(total)));
  if (unit <= Money{}) return fail("the rounding unit must be above zero");
  std::set<std::string> seen;
  for (const auto& w : weights) {
    if (!seen.insert(w.party).second) return fail(fmt::format("'{}' is given a weight twice", w.party));
    if (w.weight.units <= 0) return fail(fmt::format("weight for '{}' must be above zero", w.party));
  }
  std::vector<Int128> scaled = common_scale(weights);
  // Weights whose magnitudes or decimals differ wildly could overflow even 128 bits: refuse them.
  const Error too_wide = fail("the weights span too many orders of magnitude to split exactly");
  Int128 weight_sum = 0;
  for (Int128 w : scaled)
    if (__builtin_add_overflow(weight_sum, w, &weight_sum)) return too_wide;
  Int128 unit_denominator = 0;  // shares counted in rounding units
  if (__builtin_mul_overflow(weight_sum, static_cast<Int128>(unit.pence()), &unit_denominator)) return too_wide;

  std::vector<Part> parts;
  std::vector<Int128> remainders;
  int64_t handed_out = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    Int128 numerator = 0;
    if (__builtin_mul_overflow(static_cast<Int128>(total.pence()), scaled[i], &numerator)) return too_wide;
    Int128 whole_units = numerator / unit_denominator;
    remainders.push_back(numerator % unit_denominator);
    Part part{weights[i].party, weights[i].weight, numerator, weight_sum, Money::from_pence(static_cast<int64_t>(whole_units) * unit.pence()), {}, {}, 0};
    handed_out += part.rounded_down.pence();
    parts.push_back(part);
  }
  // The order leftover units go in: largest remainder, then larger weight, then as listed.
  std::vector<size_t> order(parts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
    return scaled[a] > scaled[b];
  });
  int64_t left = total.pence() - handed_out;
  for (size_t rank = 0; rank < order.size(); ++rank) {
    Part& part = parts[order[rank]];
    part.remainder_rank = static_cast<int>(rank) + 1;
    int64_t give = std::min(left, unit.pence());
    part.adjustment = Money::from_pence(give);
    left -= give;
  }
  for (auto& part : parts) part.amount = part.rounded_down + part.adjustment;
  return parts;
}

std::string exact_share_text(const Part& part, int decimals) {
  // share in pounds = numerator / (denominator * 100); scaled by 10^decimals, rounded half up.
  Int128 scale = pow10(decimals);
  Int128 denominator = part.share_denominator * 100;
  Int128 scaled = (part.share_numerator * scale * 2 + denominator) / (denominator * 2);
  std::string digits = int128_text(scaled);
  if (decimals == 0) return digits;
  auto places = static_cast<size_t>(decimals);
  if (digits.size() <= places) digits = std::string(places + 1 - digits.size(), '0') + digits;
  return digits.substr(0, digits.size() - places) + "." + digits.substr(digits.size() - places);
}

Money exact_share_pence(const Part& part) {
  const Int128 pence = (part.share_numerator * 2 + part.share_denominator) / (part.share_denominator * 2);
  return Money::from_pence(static_cast<int64_t>(pence));
}

}  // namespace collab
