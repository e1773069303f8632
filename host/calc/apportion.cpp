#include "calc/apportion.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>

namespace collab {

namespace {

// Weights brought to one scale, so they compare and add as integers.
std::vector<Int128> common_scale(const std::vector<Weighted>& weights) {
  int scale = 0;
  for (const auto& w : weights) scale = std::max(scale, w.weight.scale);
  std::vector<Int128> out;
  for (const auto& w : weights) out.push_back(checked::mul(Int128{w.weight.units}, pow10(scale - w.weight.scale)));
  return out;
}

}  // namespace

Result<ExactWeight> exact_weight(double value) {
  if (std::isnan(value)) return fail("weight is not a number (NaN)");
  if (std::isinf(value)) return fail("weight is infinite");
  if (value <= 0) return fail(fmt::format("weight is {} (weights must be above zero)", value));
  auto decimal = decimal_from_double(value);
  if (!decimal) return fail("weight " + decimal.error());
  return ExactWeight{checked::to_int64(decimal.value().units), decimal.value().scale};  // < 10^18: fits
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
  // Weights whose magnitudes or decimals differ wildly could overflow even 128 bits: refuse them.
  std::vector<Int128> scaled, remainders;
  std::vector<Part> parts;
  int64_t handed_out = 0;
  try {
    scaled = common_scale(weights);
    Int128 weight_sum = 0;
    for (Int128 w : scaled) weight_sum = checked::add(weight_sum, w);
    const Int128 unit_denominator = checked::mul(weight_sum, Int128{unit.pence()});  // shares counted in rounding units
    for (size_t i = 0; i < weights.size(); ++i) {
      const Int128 numerator = checked::mul(Int128{total.pence()}, scaled[i]);
      const int64_t whole_units = checked::to_int64(numerator / unit_denominator);
      remainders.push_back(numerator % unit_denominator);
      Part part{weights[i].party, weights[i].weight, numerator, weight_sum,
                Money::from_pence(checked::mul(whole_units, unit.pence())), {}, {}, 0};
      handed_out = checked::add(handed_out, part.rounded_down.pence());
      parts.push_back(part);
    }
  } catch (const ArithmeticOverflow&) {
    return fail("the weights span too many orders of magnitude to split exactly");
  }
  // The order leftover units go in: largest remainder, then larger weight, then as listed.
  std::vector<size_t> order(parts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
    return scaled[a] > scaled[b];
  });
  int64_t left = checked::sub(total.pence(), handed_out);
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
  // For any part apportion() made this never overflows: the share is at most the total.
  std::string digits = int128_text(checked::divide_scaled(part.share_numerator, part.share_denominator, decimals - 2));
  const bool negative = digits.front() == '-';
  if (negative) digits.erase(0, 1);
  if (decimals > 0) {
    auto places = static_cast<size_t>(decimals);
    if (digits.size() <= places) digits = std::string(places + 1 - digits.size(), '0') + digits;
    digits = digits.substr(0, digits.size() - places) + "." + digits.substr(digits.size() - places);
  }
  return (negative ? "-" : "") + digits;
}

Money exact_share_pence(const Part& part) {
  return Money::from_pence(checked::to_int64(checked::divide(part.share_numerator, part.share_denominator)));
}

Money exact_share_rounded(const Part& part, Money unit) {
  if (unit <= Money{}) throw std::invalid_argument("the rounding unit must be above zero");
  const Int128 units = checked::divide_scaled(part.share_numerator, part.share_denominator, 0, unit.pence());
  return Money::from_pence(checked::mul(checked::to_int64(units), unit.pence()));
}

}  // namespace collab
