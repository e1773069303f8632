#pragma once
// What report scripts can ask of the rest of the host while they build: a year's ledger (computed
// once per year and kept) and the words of an explanation. The command provides both, so the
// reporting layer needs neither the formula library nor the text renderers.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/document_reader.h"
#include "core/diagnostic.h"
#include "ledger/ledger.h"
#include "report/document.h"

namespace collab::reporting {

/// A year's reconciliation as a report shows it, worded by the command (the same words as `collab
/// reconcile`): how the published table was made, and every published figure beside the computed
/// one with its cause.
struct ReconcileView {
  std::string source;               // "pcp-2017, Force Financial Contributions 2016/17"
  std::vector<std::string> process;  // how the table was made: the best explanation, its fit, the budgets in pence
  struct Figure {
    std::string row;     // as published
    std::string column;  // a force id, or "total" for the TOTAL column
    bool total_row = false;
    std::optional<Money> computed, published;
    std::string cause;  // empty when they agree plainly
  };
  std::vector<Figure> figures;
  std::vector<std::string> row_notes;
  /// The budgets the best explanation holds in pence: the data's figure and the feasible ranges
  /// ("£9,568,874.50 to £9,568,874.99"), its own and with every other budget whole.
  struct Budget {
    std::string row;
    Money data;
    std::string feasible, with_others_whole;
  };
  std::vector<Budget> budgets;
};

struct Services {
  /// The ledger of `year`, or null when it cannot be computed (the reason is in `diagnostics`).
  std::function<const ledger::Ledger*(FinancialYear year, Diagnostics& diagnostics)> ledger;
  /// An explanation for a cell's explain request (Share or Total), or nullopt with a reason.
  std::function<Result<report::Explanation>(const api::ExplainRequest& request)> explain;
  /// The reconciliation of `year` against its published table, or an error (no table, no ledger).
  std::function<Result<ReconcileView>(FinancialYear year)> reconcile;
};

}  // namespace collab::reporting
