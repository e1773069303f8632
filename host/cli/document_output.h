#pragma once
// Writing a document in a format to a file (whole or not at all) or standard output, for every
// command that builds one (report, whatif): CSV of several tables needs --table or a folder; XLSX
// is never written to a terminal.

#include <string>

#include "report/document.h"

namespace collab::cli {

struct OutputRequest {
  std::string format = "md";  // md, csv, json, html, xlsx
  std::string out;            // a file (or folder, for CSV); empty or "-" for standard output
  std::string table;          // CSV: only this table
  bool explanations = true;   // Markdown: list every figure's explanation after the tables
  const char* command = "collab";
};

/// True when the request cannot be met before anything is built (XLSX to a terminal); prints why.
bool output_refused(const OutputRequest& request);

/// Renders and writes `doc`; returns the exit code (kOk, kFailed on a write error, kBadInput for
/// an unknown --table).
int write_document(const report::Document& doc, const OutputRequest& request);

}  // namespace collab::cli
