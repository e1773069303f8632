#pragma once
// collab.ledger(year): the year's contributions as a report sees them, a fresh plain table:
//   { year = "2016/17", rounding_unit = 100,
//     rows = { { unit =, label =, kind = "cash"|"in_kind", formula =, budget = pence, total = pence,
//                failed = false, participants = { ids }, parts = { [force id] = pence } }, ... },
//     totals = { [force id] = { cash =, in_kind =, all = } } }
// A year the ledger cannot compute is an error naming why.
// collab.reconcile(year): the year's published table reconciled, as `collab reconcile` words it:
//   { source =, process = { lines }, row_notes = { lines },
//     figures = { { row =, column = force id or "total", total_row =, computed =, published =, cause = }, ... } }

#include "api/api.h"
#include "reporting/services.h"

namespace collab::reporting {

void install_ledger_api(lua::Sandbox& sandbox, Services& services);

}  // namespace collab::reporting
