#pragma once
// Apportionment: a total split by weights so that the parts add up to the total
// exactly, each part a multiple of a rounding unit (£1 in published tables, or 1p).
//
// Method (largest remainder, Hamilton's method), all in exact integer arithmetic:
//   1. each part's exact share is total * weight / sum of weights;
//   2. each part first gets its share rounded down to the rounding unit;
//   3. the units left over go one at a time to the parts with the largest
//      remainders; ties go to the larger weight, then to the party listed first.
//   If the total is not a whole number of rounding units, the odd pence are the
//   last (partial) unit handed out, by the same order.
// Weights must be finite and above zero: a zero weight means "does not take part",
// which is the participant list's job, not the formula's.

#include <string>
#include <vector>

#include "calc/decimal.h"
#include "core/result.h"
#include "money/money.h"

namespace collab {

/// An exact weight: `units` * 10^-scale (27.6 is {276, 1}). Invariant: units > 0, 0 <= scale <= 18.
struct ExactWeight {
  int64_t units = 0;
  int scale = 0;
};

/// The weight a Lua number (a double) stands for: its shortest decimal form, read
/// exactly (27.6 means 276/10, not the binary double nearest to it). NaN, infinities,
/// zero and negative numbers are errors, as are weights needing more than 18 decimals.
Result<ExactWeight> exact_weight(double value);

/// One party's part: what it gets and how it got there (for `collab explain`).
struct Part {
  std::string party;
  ExactWeight weight;
  Int128 share_numerator = 0;    // exact share in pence = share_numerator / share_denominator
  Int128 share_denominator = 1;
  Money rounded_down;              // step 2
  Money adjustment;                // step 3: what the largest remainder rule added
  Money amount;                    // rounded_down + adjustment
  int remainder_rank = 0;          // 1 = largest remainder (first to get a leftover unit)
};

struct Weighted {
  std::string party;
  ExactWeight weight;
};

/// Splits `total` (>= 0) by `weights` at `unit` (> 0). The parts come back in the
/// order given and add up to `total` exactly. Errors: no parties, a party twice, weights so far
/// apart that total * weight overflows 128 bits ("the weights span too many orders of magnitude").
/// For every part it returns, exact_share_text/pence/rounded below cannot overflow.
Result<std::vector<Part>> apportion(Money total, const std::vector<Weighted>& weights, Money unit);

/// The exact share of a part as decimal pounds with `decimals` places of a penny
/// ("2641009.5000" for four), rounded half up; for explanations.
std::string exact_share_text(const Part& part, int decimals);
/// The exact share to the nearest penny (halves up), as money: £260,391.65.
Money exact_share_pence(const Part& part);
/// The exact share rounded half up to a multiple of `unit` (> 0), as a spreadsheet's ROUND does
/// each cell on its own: £260,391.65 at £1 is £260,392. No intermediate product is formed.
Money exact_share_rounded(const Part& part, Money unit);

}  // namespace collab
