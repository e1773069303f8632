#pragma once
// Writing a document in a format to a file (whole or not at all) or standard output, for every
// command that builds one (report, whatif): CSV of several tables needs --table or a folder; XLSX
// is never written to a terminal.

#include <string>

#include <optional>

#include "report/document.h"
#include "run/staging.h"

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

/// The text of `doc` in a text format: md, json or html (Markdown with or without the list of
/// explanations).
std::string render_text(const report::Document& doc, const std::string& format, bool explanations = true);

/// Renders `doc` in `format` into the run's staging folder as `folder`/`stem`.<format> (CSV of
/// several tables: one file each under `folder`/`stem`-csv/). Nullopt, or what failed.
std::optional<std::string> render_into(run::Staging& staging, const std::string& folder, const std::string& stem,
                                       const report::Document& doc, const std::string& format);

}  // namespace collab::cli
