#pragma once
// How a published contributions table was made: candidate processes (each cell rounded half up or
// half to even; totals rounded on their own from unrounded sums, or summed from rounded cells;
// budgets in whole pounds, or in pence the table does not print) tested against every published
// number. For budgets in pence, each published number is an interval constraint on the unrounded
// budgets; the solver finds the pence that satisfy them all, exactly (integers, no floating point).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calc/checked.h"
#include "ledger/ledger.h"

namespace collab::ledger {

/// How a rounding treats an exact half (amounts are never negative here).
enum class Halves { HalfUp, HalfEven };
enum class Totals { RoundedAlone, SummedCells };
enum class Budgets { WholePounds, Pence };

/// One way of producing the table from the budgets and the shares.
struct Process {
  Halves rounding = Halves::HalfUp;  // of every cell and total
  Totals totals = Totals::RoundedAlone;
  Budgets budgets = Budgets::WholePounds;
};
/// "pence/half-up/rounded-alone": the stable name used in JSON.
std::string process_name(const Process& p);

/// A share as an exact fraction num/den (den > 0, num > 0).
struct Fraction {
  Int128 num = 0;
  Int128 den = 1;
};

/// A table to test, independent of the ledger: budgets, shares and the published numbers.
/// Invariant: every row's shares and cells have one entry per column; a cell is published only
/// where the row has a share.
struct ProcessTable {
  struct Row {
    std::string label;
    Money budget;                                 // as the data holds it (whole pounds in the bundled data)
    std::vector<std::optional<Fraction>> shares;  // per column; absent: the force takes no part
    std::vector<std::optional<Money>> cells;      // per column, as published (absent: blank)
    std::optional<Money> total;                   // the TOTAL column, as published
  };
  struct TotalRow {
    std::string label;
    std::vector<int> rows;                    // the rows it adds up (indices into `rows`)
    std::vector<std::optional<Money>> cells;  // per column, as published
    std::optional<Money> total;
  };
  std::vector<std::string> columns;  // force ids
  std::vector<Row> rows;
  std::vector<TotalRow> totals;

  int published_numbers() const;
};

/// One published number and what a process predicts for it.
struct NumberCheck {
  std::string row;  // the row's label
  bool total_row = false;
  std::optional<std::string> column;  // a force id; absent: the TOTAL column
  Money published;
  Money predicted;
  bool reproduced() const { return published == predicted; }
};

/// A range of a budget's feasible values, to the penny, both ends included.
struct PenceRange {
  Money lowest;
  Money highest;
};

/// What the table says about one budget under a pence process.
struct BudgetFit {
  std::string row;
  Money data_budget;                 // the budget as the data holds it
  std::vector<PenceRange> feasible;  // the pence that fit every number (with the other budgets free); empty: none
  bool needs_pence = false;          // data_budget is not feasible
  std::vector<PenceRange> with_others_whole;  // feasible pence when every budget that need not is held whole
};

/// How well one process reproduces the table.
struct CandidateFit {
  Process process;
  int reproduced = 0;
  int published = 0;
  bool solved = true;                  // false: too many combinations to search exactly (pence only)
  std::vector<Money> budgets;          // the budgets the fit was evaluated at, per row
  std::vector<NumberCheck> misses;     // the numbers it does not reproduce
  std::vector<BudgetFit> budget_fits;  // pence processes: every row's feasible budgets
  /// The budgets that need pence, added up, with every other budget whole: their ranges above are
  /// each one's own, and the total rows tie them together. Empty when not one group of equal shares.
  std::vector<PenceRange> pence_sum;
  bool exact() const { return solved && reproduced == published; }
};

/// Every candidate, tested; the best is the one reproducing most numbers, simplest first.
struct ProcessReconciliation {
  int published = 0;
  std::vector<CandidateFit> candidates;  // in the order tested: whole pounds first, half up first
  int best = 0;                          // index into candidates
  std::vector<NumberCheck> unexplained;  // numbers that no candidate reproduces
  const CandidateFit& best_fit() const { return candidates.at(static_cast<std::size_t>(best)); }
  /// The best fit among whole-pound processes.
  const CandidateFit* best_whole_pounds() const;
};

/// round(x / scale) to whole pounds, by `r`; scale > 0.
Money round_pounds(Int128 x, Int128 scale, Halves r);

/// Every number `process` predicts for the table at `budgets` (pence, one per row).
std::vector<NumberCheck> predict(const ProcessTable& table, const Process& process, const std::vector<Money>& budgets);

/// Tests one process; pence processes search the budgets' pence.
CandidateFit fit(const ProcessTable& table, const Process& process);

/// Tests every candidate process.
ProcessReconciliation test_processes(const ProcessTable& table);

/// The table of `published` with the ledger's budgets and shares (the shares each row was
/// apportioned by). Rows the ledger could not compute, or does not have, are left out.
ProcessTable process_table(const Ledger& ledger, const PublishedContributions& published);

}  // namespace collab::ledger
