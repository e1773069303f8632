// collab_render_sample_xlsx OUTDIR: writes OUTDIR/sample.xlsx from the sample document and
// OUTDIR/edge.xlsx from a small document of edge cases, for check_xlsx.py to open with a real
// reader (the xlsx-sample ctest).

#include <cstdint>
#include <cstdio>
#include <filesystem>

#include "report/render.h"
#include "sample_document.h"

namespace {

using namespace collab;
using namespace collab::report;

Cell money(int64_t pence, bool computed = false) { return Cell{CellValue{Money::from_pence(pence)}, "", "", computed}; }
Cell percent(int64_t units) { return Cell{CellValue{Percent::from_units(units)}, "", "", false}; }
Cell text(std::string s) { return Cell{CellValue{std::move(s)}, "", "", false}; }
Column column(std::string key, ColumnType type, int decimals) {
  return Column{key, key, type, "", decimals, std::nullopt, ""};
}

// Number formats by decimals, a figure too large for Excel, a total over it, a literal "_x0041_".
Table formats_table() {
  Table t;
  t.id = "formats";
  t.title = "History";  // reserved by Excel: "History (2)"
  t.columns = {column("label", ColumnType::Text, -1),   column("pence", ColumnType::Money, -1),
               column("pounds", ColumnType::Money, -1), column("two", ColumnType::Money, 2),
               column("p0", ColumnType::Percent, 0),    column("p2", ColumnType::Percent, 2),
               column("big", ColumnType::Money, 0)};
  t.rows.push_back(Row{RowKind::Body,
                       {text("_x0041_ literal"), money(150), money(10000), money(50000), percent(100000), percent(123400),
                        money(INT64_MAX)},
                       {}});
  t.rows.push_back(Row{RowKind::Body,
                       {text("tab\there"), money(200), money(20000), money(0), percent(0), percent(0), money(-(INT64_MAX - 100))},
                       {}});
  t.rows.push_back(Row{RowKind::Total,
                       {text("Total"), money(350, true), money(30000, true), money(50000, true), Cell{}, Cell{}, money(100, true)},
                       {0, 1}});
  return t;
}

Table named(std::string id, std::string title) {
  Table t;
  t.id = std::move(id);
  t.title = std::move(title);
  t.columns = {column("label", ColumnType::Text, -1), column("amount", ColumnType::Money, -1)};
  t.rows.push_back(Row{RowKind::Total, {text("Total"), money(0, true)}, {}});  // a total of no rows
  return t;
}

Document edge_document() {
  Document doc;
  doc.id = "edge";
  doc.title = "Edge cases";
  doc.blocks.push_back(formats_table());
  doc.blocks.push_back(named("about", "About"));
  doc.blocks.push_back(named("history", "history"));
  return doc;
}

bool write(const Document& doc, const std::filesystem::path& file) {
  if (const auto error = render_xlsx(doc, file)) {
    std::fprintf(stderr, "collab_render_sample_xlsx: %s\n", error->c_str());
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: collab_render_sample_xlsx OUTDIR\n");
    return 2;
  }
  const std::filesystem::path out(argv[1]);
  return write(test::sample_document(), out / "sample.xlsx") && write(edge_document(), out / "edge.xlsx") ? 0 : 1;
}
