#pragma once
// The chain behind one figure of the ledger: budget, participants, formula and its inputs, the
// force's weight, the renormalisation, the exact share, the rounding adjustment, and the
// published figure. Data, not text layout: `collab explain` prints it; reports can reuse it.

#include <string>
#include <vector>

#include "ledger/ledger.h"

namespace collab::ledger {

struct ExplainStep {
  std::string label;               // "budget", "formula", "exact share"...
  std::vector<std::string> lines;  // what it says, one or more lines
};

struct Explanation {
  std::string headline;  // "Nottinghamshire pays £2,641,009 cash to EMSOU SOC (emsou-soc) in 2016/17"
  std::vector<ExplainStep> steps;
};

/// Explains `force`'s contribution to `row`. The row must hold a contribution from the force.
Explanation explain(const Ledger& ledger, const LedgerRow& row, const ForceId& force);

}  // namespace collab::ledger
