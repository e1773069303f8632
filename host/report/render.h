#pragma once
// The renderers: one per format, each in its own file, all reading the same completed Document
// (complete_document has run: every row has a cell per column, totals and differences hold
// their values). None of them changes a figure; each escapes every text for its format.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "report/document.h"

namespace collab::report {

/// Markdown: headings, paragraphs, pipe tables (`|` and line breaks inside a cell escaped),
/// footnotes, and each chart as a short note naming its table (a terminal cannot draw it). With
/// `explanations`, "Where the figures come from" lists every cell's explanation after the blocks.
std::string render_markdown(const Document& doc, bool explanations = true);

/// One CSV file (RFC 4180, CRLF line ends) for one table.
struct CsvFile {
  std::string name;  // "<report id>-<table id>.csv"
  std::string text;
};
/// Every table of the document as its own CSV. Numbers stay numbers (money in pounds with two
/// decimals, percent as a number of percent); a text cell a spreadsheet would run as a formula
/// (beginning with =, +, -, @, tab or carriage return) is written as text.
std::vector<CsvFile> render_csv(const Document& doc);

/// The document as JSON, schema "collab.report" version 1 (docs/report-json.md): sorted keys, money
/// as integer pence, percentages as numbers of percent.
std::string render_json(const Document& doc);

/// One self-contained HTML file: inline CSS, inline SVG charts, tables with <th scope>, every
/// text escaped; each cell with an explanation links to it.
std::string render_html(const Document& doc);

/// An XLSX workbook written to `file`: one sheet per table (unique names Excel accepts), money
/// and percent number formats, frozen header, totals and differences as live formulas with
/// their values cached. Returns nullopt when written, else what libxlsxwriter refused.
std::optional<std::string> render_xlsx(const Document& doc, const std::filesystem::path& file);

}  // namespace collab::report
