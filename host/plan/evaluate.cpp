#include "plan/evaluate.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace collab::plan {

namespace {

// calc/apportion.cpp's largest remainder, on indices: each part's share rounded down to the unit,
// then the units left over one at a time by largest remainder, then larger weight, then the party
// listed first; the last unit handed out may be partial (a total that is not whole units).
// compile_plan() bounded the weights, so no product here leaves 128 bits.
void split_row(const Plan& plan, const PlanRow& row, int64_t total, Buffers& buffers) {
  const int64_t unit = plan.rounding_unit_pence;
  const Int128* weights = plan.weights.data() + row.first;
  const Int128 unit_denominator = row.weight_sum * unit;
  int64_t handed_out = 0;
  for (std::uint32_t i = 0; i < row.count; ++i) {
    const Int128 numerator = Int128{total} * weights[i];
    const auto whole_units = static_cast<int64_t>(numerator / unit_denominator);  // at most total / unit
    buffers.remainders[i] = numerator % unit_denominator;
    buffers.parts[i] = whole_units * unit;
    handed_out += buffers.parts[i];
  }
  int64_t left = total - handed_out;
  if (left > 0) {
    std::uint32_t* order = buffers.order.data();
    std::iota(order, order + row.count, 0u);
    const Int128* remainders = buffers.remainders.data();
    // The index last makes the order total, so std::sort gives what apportion's stable sort does.
    std::sort(order, order + row.count, [remainders, weights](std::uint32_t a, std::uint32_t b) {
      if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
      if (weights[a] != weights[b]) return weights[a] > weights[b];
      return a < b;
    });
    for (std::uint32_t rank = 0; rank < row.count && left > 0; ++rank) {
      const int64_t give = std::min(left, unit);
      buffers.parts[order[rank]] += give;
      left -= give;
    }
  }
  int64_t* totals = row.kind == ContributionKind::Cash ? buffers.cash.data() : buffers.in_kind.data();
  const std::int32_t* forces = plan.participants.data() + row.first;
  for (std::uint32_t i = 0; i < row.count; ++i) totals[forces[i]] = checked::add(totals[forces[i]], buffers.parts[i]);
}

}  // namespace

ForceTotals evaluate(const Plan& plan, std::span<const int64_t> budget_pence, Buffers& buffers) {
  if (!budget_pence.empty() && budget_pence.size() != plan.rows.size())
    throw std::invalid_argument("plan::evaluate: give one budget per row of the plan, or none");
  // assign() keeps the capacity, so only the first evaluation with a plan allocates.
  buffers.cash.assign(plan.forces.size(), 0);
  buffers.in_kind.assign(plan.forces.size(), 0);
  if (buffers.order.size() < plan.widest_row) {
    buffers.remainders.resize(plan.widest_row);
    buffers.parts.resize(plan.widest_row);
    buffers.order.resize(plan.widest_row);
  }
  for (std::size_t r = 0; r < plan.rows.size(); ++r) {
    const PlanRow& row = plan.rows[r];
    const int64_t total = budget_pence.empty() ? row.budget_pence : budget_pence[r];
    if (total < 0) throw std::invalid_argument("plan::evaluate: a budget below zero cannot be apportioned");
    split_row(plan, row, total, buffers);
  }
  return {buffers.cash, buffers.in_kind};
}

}  // namespace collab::plan
