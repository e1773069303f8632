#pragma once
// A completed document using every block, column type and row kind, with hostile text in its
// titles and cells: what the renderer tests and the format checkers (browser, openpyxl, csv)
// read. Its figures are small and worked out by hand in sample_document.cpp.

#include "report/document.h"

namespace collab::test {

/// The sample, already completed (totals and differences filled in, as complete_document would).
report::Document sample_document();

}  // namespace collab::test
