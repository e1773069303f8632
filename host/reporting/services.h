#pragma once
// What report scripts can ask of the rest of the host while they build: a year's ledger (computed
// once per year and kept) and the words of an explanation. The command provides both, so the
// reporting layer needs neither the formula library nor the text renderers.

#include <functional>
#include <optional>

#include "api/document_reader.h"
#include "core/diagnostic.h"
#include "ledger/ledger.h"
#include "report/document.h"

namespace collab::reporting {

struct Services {
  /// The ledger of `year`, or null when it cannot be computed (the reason is in `diagnostics`).
  std::function<const ledger::Ledger*(FinancialYear year, Diagnostics& diagnostics)> ledger;
  /// An explanation for a cell's explain request (Share or Total), or nullopt with a reason.
  std::function<Result<report::Explanation>(const api::ExplainRequest& request)> explain;
};

}  // namespace collab::reporting
