#pragma once
// How the commands print an amount: exactly. A whole number of pounds prints without pence
// ("£2,641,009"), anything else with them ("£2,641,009.50"), so every view of a row (table,
// CSV, explain) shows the same figures and they add up to the budget as printed.

#include <string>

#include "money/money.h"

namespace collab {

/// "£2,641,009" or "£2,641,009.50".
std::string amount_text(Money m);
/// amount_text without the pound sign, for table cells: "2,641,009.50"; with `pence`, whole
/// pounds too show their pence ("9,568,875.00"), for tables split to the penny.
std::string amount_cell(Money m, bool pence = false);
/// "+£2", "-£1.50" or "£0".
std::string signed_amount(Money m);

}  // namespace collab
