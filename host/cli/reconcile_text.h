#pragma once
// The words for a reconciliation's causes and row notes, shared by `reconcile` and `explain`.

#include <string>

#include "ledger/reconcile.h"

namespace collab::cli {

/// "the source rounded each cell on its own: the exact share £260,391.65 rounds to £260,392; ..."
std::string cause_text(const ledger::CellCheck& cell);
/// "the published cells add up to £943,449, not the published total £943,448; ...", or empty.
std::string row_note_text(const ledger::RowCheck& row, FinancialYear year);

}  // namespace collab::cli
