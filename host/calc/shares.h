#pragma once
// Renormalising a formula's weights over a unit's participants: each participant's share of
// 100%, exactly, and (as the published East Midlands tables do) optionally rounded to a step
// such as 0.1 percentage points, in which case the rounded shares are what gets apportioned.

#include <optional>
#include <string>
#include <vector>

#include "calc/apportion.h"
#include "calc/decimal.h"
#include "core/result.h"

namespace collab {

struct Share {
  std::string party;
  ExactWeight weight;               // what the formula gave
  Int128 percent_numerator = 0;     // exact share in percent = numerator / denominator
  Int128 percent_denominator = 1;
  std::optional<Decimal> rounded;   // the share rounded to the step, when there is one
  ExactWeight apportioned_by;       // `rounded` if any, else `weight`
};

/// Each party's exact share of the weights' sum, in percent; with `round_to` (percentage points,
/// > 0) also rounded to it, halves up. Errors: no parties, a share that rounds to 0.
Result<std::vector<Share>> renormalise(const std::vector<Weighted>& weights, std::optional<Decimal> round_to);

/// The exact share as decimal percent with `decimals` places ("31.6877"), halves up.
std::string share_percent_text(const Share& share, int decimals);

/// `total` split by the share's exact (unrounded) percentage, rounded half away from zero to a
/// multiple of `unit` (> 0), as a spreadsheet that split by unrounded shares would. The product
/// total x percent is never formed; ArithmeticOverflow only if the result is beyond int64 pence.
Money split_by_exact_share(Money total, const Share& share, Money unit);

}  // namespace collab
