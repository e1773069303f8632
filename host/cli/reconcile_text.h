#pragma once
// The words for a reconciliation's causes and row notes, shared by `reconcile` and `explain`.

#include <functional>
#include <string>

#include "ledger/reconcile.h"

namespace collab::cli {

/// "the source rounded each cell on its own: the exact share £260,391.65 rounds to £260,392; ..."
std::string cause_text(const ledger::CellCheck& cell);
/// "the published cells add up to £943,449, not the published total £943,448; ...", or empty.
std::string row_note_text(const ledger::RowCheck& row, FinancialYear year);

/// "budgets held in pence the table does not print; every cell and every total rounded on its own
/// from the exact shares, halves up".
std::string process_words(const ledger::Process& p);
/// "EMSOU SOC Notts: £2,641,010 for the published £2,641,009"; `force_name` gives a column's name.
std::string number_text(const ledger::NumberCheck& n, const std::function<std::string(const std::string&)>& force_name);
/// How the table was made: the best explanation, its fit, the budgets held in pence, the numbers
/// no candidate explains, and every candidate's fit. Lines end in newlines.
std::string process_text(const ledger::ProcessReconciliation& p,
                         const std::function<std::string(const std::string&)>& force_name);

}  // namespace collab::cli
