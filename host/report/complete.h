#pragma once
// Checking a document a layout built and computing what the host owns in it: the sums of
// subtotal and total rows and the cells of difference columns, exactly, in pence.

#include <string>
#include <vector>

#include "report/document.h"

namespace collab::report {

/// Checks `doc` (unique table ids, column keys and explanation ids; a cell per column of the
/// column's type; charts naming a table's columns; footnotes and explanations that exist) and
/// fills in every total, subtotal and difference. Each problem is one message naming the
/// block, row and column ("table 'contributions', row 4, column 'notts': ..."); with any, the
/// document is not fit to render.
std::vector<std::string> complete_document(Document& doc);

}  // namespace collab::report
