#include "calc/shares.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace collab {

Result<std::vector<Share>> renormalise(const std::vector<Weighted>& weights, std::optional<Decimal> round_to) {
  if (weights.empty()) return fail("no participants to share among");
  int scale = 0;
  for (const auto& w : weights) scale = std::max(scale, w.weight.scale);
  std::vector<Share> shares;
  try {
    std::vector<Int128> scaled;
    for (const auto& w : weights) scaled.push_back(checked::mul(Int128{w.weight.units}, pow10(scale - w.weight.scale)));
    Int128 sum = 0;
    for (Int128 w : scaled) sum = checked::add(sum, w);
    if (sum <= 0) return fail("the weights add up to zero");
    for (size_t i = 0; i < weights.size(); ++i) {
      Share share{weights[i].party, weights[i].weight, checked::mul(scaled[i], Int128{100}), sum, std::nullopt,
                  weights[i].weight};
      if (round_to) {
        const Decimal rounded = round_fraction(share.percent_numerator, share.percent_denominator, *round_to);
        if (rounded.units <= 0)
          return fail(fmt::format("the share of '{}' ({}%) rounds to 0 at a step of {} points", share.party,
                                  share_percent_text(share, 4), decimal_text(*round_to)));
        if (rounded.scale > 18 || rounded.units > std::numeric_limits<int64_t>::max())
          return fail(fmt::format("the rounding step {} has too many decimals", decimal_text(*round_to)));
        share.rounded = rounded;
        share.apportioned_by = ExactWeight{static_cast<int64_t>(rounded.units), rounded.scale};
      }
      shares.push_back(share);
    }
  } catch (const ArithmeticOverflow&) {
    return fail("the weights span too many orders of magnitude to share exactly");
  }
  return shares;
}

std::string share_percent_text(const Share& share, int decimals) {
  const Decimal step{1, decimals};
  Decimal d = round_fraction(share.percent_numerator, share.percent_denominator, step);
  // Keep the trailing zeros a fixed number of decimals promises ("25.0000").
  std::string text = decimal_text(d);
  if (decimals > 0) {
    auto dot = text.find('.');
    if (dot == std::string::npos) {
      text += '.';
      dot = text.size() - 1;
    }
    text.append(static_cast<size_t>(decimals) - (text.size() - dot - 1), '0');
  }
  return text;
}

Money split_by_exact_share(Money total, const Share& share, Money unit) {
  if (unit <= Money{}) throw std::invalid_argument("the rounding unit must be above zero");
  // total x numerator / (denominator x 100) pence, in units: divided by unit.pence() too.
  const Int128 magnitude = checked::mul_div(share.percent_numerator, checked::abs(Int128{total.pence()}),
                                            share.percent_denominator, checked::mul(Int128{100}, Int128{unit.pence()}));
  const Int128 units = total < Money{} ? checked::negate(magnitude) : magnitude;
  return Money::from_pence(checked::mul(checked::to_int64(units), unit.pence()));
}

}  // namespace collab
