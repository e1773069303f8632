#pragma once
// Limiting each party's year-on-year change: a cap (the most a part may rise, in per cent of last
// year's), a floor (the most it may fall) or both (damping), with what the limited parts give up
// or take redistributed exactly among the others.
//
// Method, all in integer pence at the rounding unit:
//   1. each part with a previous year gets bounds: hi = previous x (100 + rise)/100 rounded down
//      to the unit, lo = previous x (100 - fall)/100 rounded up to the unit (so a bound holds);
//   2. every part outside its bounds is fixed at the bound it breaches;
//   3. the rest of the total (total less the fixed parts) is apportioned among the parts not
//      fixed, by their weights (largest remainder at the unit, as the ledger does);
//   4. repeat 2-3 until no part breaches: redistribution can push another part over its bound,
//      which is then fixed in turn. Each round fixes at least one part, so it ends.
// The parts add up to the total exactly. A part without a previous year (a force that joined)
// has no bounds. When every part is fixed and they do not add up to the total, no split holds
// every bound: an error.

#include <optional>
#include <string>
#include <vector>

#include "calc/apportion.h"
#include "core/result.h"
#include "money/money.h"
#include "money/percent.h"

namespace collab {

/// One party's part before limiting: last year's amount (if it took part), the part the
/// formula gives this year, and its weight for redistribution.
struct UnlimitedPart {
  std::string party;
  std::optional<Money> previous;
  Money proposed;
  ExactWeight weight;
};

/// The most a part may rise and fall in a year, in per cent of last year's (either absent).
struct ChangeBounds {
  std::optional<Percent> rise;  // a cap: +5% means at most 105% of last year's
  std::optional<Percent> fall;  // a floor: 5% means at least 95% of last year's
};

struct LimitedPart {
  std::string party;
  Money amount;            // after limiting
  Money moved;             // amount - proposed: what limiting (or redistribution) changed
  bool fixed = false;      // held at a bound
  int round = 0;           // the round in which it was fixed (1 = the first), 0 when free
};

/// Limits `parts` (whose proposed amounts add up to `total`) by `bounds` at `unit` (> 0). The
/// result is in the order given and adds up to `total` exactly. Errors: proposed amounts that
/// do not add up, a bound no split can hold.
Result<std::vector<LimitedPart>> limit_changes(Money total, const std::vector<UnlimitedPart>& parts,
                                              const ChangeBounds& bounds, Money unit);

}  // namespace collab
