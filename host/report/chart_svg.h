#pragma once
// Charts drawn by the host as inline SVG for the HTML renderer: bar, stacked bar and line charts
// of a table's body rows, with a value axis, category labels, a legend and exact values in tooltips.

#include <string>

#include "report/document.h"

namespace collab::report {

/// `chart` of `table` (the table the chart names) as one <svg> element: deterministic text,
/// every label escaped, numbers at fixed precision. Subtotal and total rows are not drawn; an
/// empty cell draws nothing; a table without body rows gives an empty plot saying so.
std::string chart_svg(const Chart& chart, const Table& table);

}  // namespace collab::report
