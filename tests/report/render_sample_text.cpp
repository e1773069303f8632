// collab_render_sample_text OUTDIR: the sample document as sample.md, one CSV per table and
// sample.json, plus injection-cells.csv (every text a spreadsheet would run as a formula), for the
// format checkers (check_csv.py, check_report_json.py) to read.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "report/render.h"
#include "sample_document.h"

namespace {

bool write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (out) return true;
  std::fprintf(stderr, "cannot write %s\n", path.string().c_str());
  return false;
}

/// A one-table document whose text cells each begin as a formula would, beside money cells.
collab::report::Document injection_document() {
  using namespace collab::report;
  Table t;
  t.id = "cells";
  t.title = "Formula-like text";
  t.columns = {Column{"text", "Text", ColumnType::Text, "", -1, std::nullopt, ""},
               Column{"amount", "Amount", ColumnType::Money, "", 2, std::nullopt, ""}};
  const char* texts[] = {"=1+1", "+1", "-1+2", "@SUM(A1)", "\tTAB", "\rCR", "-2.50", "plain"};
  int64_t pence = -250;
  for (const char* text : texts) {
    t.rows.push_back(Row{RowKind::Body, {Cell{CellValue{std::string(text)}, "", "", false},
                                         Cell{CellValue{collab::Money::from_pence(pence)}, "", "", false}}, {}});
    pence = pence < 0 ? 100 : pence * 7;
  }
  Document doc;
  doc.id = "injection";
  doc.title = "Injection";
  doc.blocks.push_back(std::move(t));
  return doc;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: collab_render_sample_text OUTDIR\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const collab::report::Document doc = collab::test::sample_document();
  bool ok = write_file(dir / "sample.md", collab::report::render_markdown(doc));
  for (const auto& file : collab::report::render_csv(doc)) ok = write_file(dir / file.name, file.text) && ok;
  ok = write_file(dir / "sample.json", collab::report::render_json(doc)) && ok;
  for (const auto& file : collab::report::render_csv(injection_document())) ok = write_file(dir / file.name, file.text) && ok;
  return ok ? 0 : 1;
}
