#pragma once
// Evaluating a compiled plan for one scenario's budgets: integer arithmetic over the plan's flat
// arrays into buffers the caller keeps, so that after the first evaluation nothing is allocated.

#include <cstdint>
#include <span>
#include <vector>

#include "plan/plan.h"

namespace collab::plan {

/// Scratch space and results of evaluate(): keep one per thread and pass it to every evaluation.
struct Buffers {
  std::vector<int64_t> cash;         // per force, in pence
  std::vector<int64_t> in_kind;      // per force, in pence
  std::vector<Int128> remainders;    // per participant of the row being split
  std::vector<int64_t> parts;        // per participant of the row being split, in pence
  std::vector<std::uint32_t> order;  // the order leftover units go in
};

/// Each force's total over the plan's rows, in pence, indexed as Plan::forces. Views into the
/// Buffers it was computed in: valid until they are next used.
struct ForceTotals {
  std::span<const int64_t> cash;
  std::span<const int64_t> in_kind;
};

/// Splits every row's budget (the plan's, or `budget_pence[i]` for row i when given: one per row,
/// each >= 0) by largest remainder at the plan's rounding unit, exactly as the ledger's apportion
/// does, and adds each part to its force. Throws std::invalid_argument for overrides of the wrong
/// count or below zero, ArithmeticOverflow if a total leaves int64 pence.
ForceTotals evaluate(const Plan& plan, std::span<const int64_t> budget_pence, Buffers& buffers);

}  // namespace collab::plan
