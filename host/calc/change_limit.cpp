#include "calc/change_limit.h"

#include <fmt/format.h>

namespace collab {

namespace {

constexpr int64_t kWhole = 100 * Percent::kUnitsPerPercent;

// previous x (100 + p)/100, rounded down (a cap) or up (a floor) to the unit: the bound holds.
Money bound(Money previous, Percent change, Money unit, bool up) {
  if (!up) return round_to(mul_div(previous, kWhole + change.units(), kWhole, Rounding::Floor), unit, Rounding::Floor);
  const Money below = mul_div(-previous, kWhole + change.units(), kWhole, Rounding::Floor);  // ceiling by negation
  return -round_to(below, unit, Rounding::Floor);
}

}  // namespace

Result<std::vector<LimitedPart>> limit_changes(Money total, const std::vector<UnlimitedPart>& parts,
                                              const ChangeBounds& bounds, Money unit) {
  Money proposed;
  for (const auto& p : parts) proposed += p.proposed;
  if (proposed != total)
    return fail(fmt::format("the parts add up to {}, not the total {}", format_money(proposed), format_money(total)));
  std::vector<LimitedPart> out;
  std::vector<std::optional<Money>> hi(parts.size()), lo(parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out.push_back({parts[i].party, parts[i].proposed, {}, false, 0});
    if (!parts[i].previous) continue;
    if (bounds.rise) hi[i] = bound(*parts[i].previous, *bounds.rise, unit, false);
    if (bounds.fall) lo[i] = bound(*parts[i].previous, Percent{} - *bounds.fall, unit, true);
    if (hi[i] && lo[i] && *lo[i] > *hi[i]) lo[i] = hi[i];  // a bound rounded past the other: the cap wins
  }
  for (int round = 1;; ++round) {
    bool breached = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].fixed) continue;
      const std::optional<Money> at = hi[i] && out[i].amount > *hi[i]   ? hi[i]
                                      : lo[i] && out[i].amount < *lo[i] ? lo[i]
                                                                         : std::nullopt;
      if (!at) continue;
      out[i].amount = *at;
      out[i].fixed = true;
      out[i].round = round;
      breached = true;
    }
    if (!breached) break;
    Money rest = total;
    std::vector<Weighted> free;
    std::vector<std::size_t> free_at;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].fixed) rest -= out[i].amount;
      else {
        free.push_back({out[i].party, parts[i].weight});
        free_at.push_back(i);
      }
    }
    if (free.empty()) {
      if (rest == Money{}) break;
      return fail(fmt::format("no split holds every bound: held at their bounds, the parts {} the total by {}",
                              rest > Money{} ? "fall short of" : "exceed", format_money(rest > Money{} ? rest : -rest)));
    }
    if (rest < Money{})
      return fail(fmt::format("no split holds every bound: the parts held at their bounds exceed the total by {}",
                              format_money(-rest)));
    auto split = apportion(rest, free, unit);
    if (!split) return fail(split.error());
    for (std::size_t k = 0; k < free_at.size(); ++k) out[free_at[k]].amount = split.value()[k].amount;
  }
  for (std::size_t i = 0; i < out.size(); ++i) out[i].moved = out[i].amount - parts[i].proposed;
  return out;
}

}  // namespace collab
