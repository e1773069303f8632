// Fuzz target: random documents, built from the input by a small generator (blocks, typed
// columns, groups, differences, total rows, cells of any type including the wrong one, hostile
// text, footnotes, explanations, charts naming tables and columns that may not exist), checked and
// completed by the host, then written by every renderer. complete_document must refuse or
// complete; a completed document must render in every format without a crash.

#include <fuzzer/FuzzedDataProvider.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "report/complete.h"
#include "report/render.h"

using namespace collab;
using namespace collab::report;

namespace {

std::string text(FuzzedDataProvider& in) { return in.ConsumeRandomLengthString(40); }
std::string key(FuzzedDataProvider& in) {
  static const char* kKeys[] = {"a", "b", "c", "unit", "notts", "x-y", "total", "A", ""};
  return kKeys[in.ConsumeIntegralInRange<int>(0, 8)];
}

CellValue value(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 6)) {
    case 0: return std::monostate{};
    case 1: return text(in);
    case 2: return Money::from_pence(in.ConsumeIntegral<int64_t>() >> in.ConsumeIntegralInRange<int>(0, 63));
    case 3: return Percent::from_units(in.ConsumeIntegralInRange<int64_t>(-2'000'000, 2'000'000));
    case 4: return in.ConsumeIntegral<int64_t>() >> in.ConsumeIntegralInRange<int>(0, 63);
    case 5: return PartialDate{in.ConsumeIntegralInRange<int>(1900, 2100), in.ConsumeIntegralInRange<int>(0, 12),
                               in.ConsumeIntegralInRange<int>(0, 28)};
    default: return FinancialYear::starting(in.ConsumeIntegralInRange<int>(1900, 2199));
  }
}

Table table(FuzzedDataProvider& in, int n) {
  Table t;
  t.id = in.ConsumeBool() ? "t" + std::to_string(n) : key(in);
  t.title = text(in);
  t.source = text(in);
  const int columns = in.ConsumeIntegralInRange<int>(0, 6);
  for (int c = 0; c < columns; ++c) {
    Column col;
    col.key = key(in);
    col.title = text(in);
    col.type = static_cast<ColumnType>(in.ConsumeIntegralInRange<int>(0, 5));
    col.group = in.ConsumeBool() ? "" : text(in);
    col.decimals = in.ConsumeIntegralInRange<int>(-2, 5);
    col.sum = in.ConsumeBool();
    if (in.ConsumeIntegralInRange<int>(0, 3) == 0) col.difference = std::make_pair(key(in), key(in));
    if (in.ConsumeIntegralInRange<int>(0, 5) == 0) col.footnote = "f" + std::to_string(in.ConsumeIntegralInRange<int>(0, 2));
    t.columns.push_back(col);
  }
  const int rows = in.ConsumeIntegralInRange<int>(0, 12);
  for (int r = 0; r < rows; ++r) {
    Row row;
    row.kind = static_cast<RowKind>(in.ConsumeIntegralInRange<int>(0, 2));
    const int cells = in.ConsumeIntegralInRange<int>(0, 3) == 0 ? in.ConsumeIntegralInRange<int>(0, 7) : columns;
    for (int c = 0; c < cells; ++c) {
      Cell cell;
      cell.value = value(in);
      if (in.ConsumeIntegralInRange<int>(0, 4) == 0) cell.explain = "x" + std::to_string(in.ConsumeIntegralInRange<int>(0, 2));
      if (in.ConsumeIntegralInRange<int>(0, 6) == 0) cell.footnote = "f" + std::to_string(in.ConsumeIntegralInRange<int>(0, 2));
      row.cells.push_back(cell);
    }
    t.rows.push_back(row);
  }
  return t;
}

Document document(FuzzedDataProvider& in) {
  Document doc;
  doc.id = in.ConsumeBool() ? "fuzz" : text(in);
  doc.title = text(in);
  doc.subtitle = text(in);
  const int blocks = in.ConsumeIntegralInRange<int>(0, 8);
  for (int b = 0; b < blocks; ++b) {
    switch (in.ConsumeIntegralInRange<int>(0, 5)) {
      case 0: doc.blocks.push_back(Heading{in.ConsumeIntegralInRange<int>(0, 4), text(in)}); break;
      case 1: doc.blocks.push_back(Paragraph{{Span{text(in), static_cast<Span::Style>(in.ConsumeIntegralInRange<int>(0, 2)), ""},
                                              Span{"", Span::Style::Plain, in.ConsumeBool() ? "f0" : ""}}}); break;
      case 2: doc.blocks.push_back(Note{{Span{text(in), Span::Style::Plain, ""}}}); break;
      case 3: doc.blocks.push_back(List{{{Span{text(in), Span::Style::Plain, ""}}}, in.ConsumeBool()}); break;
      case 4: doc.blocks.push_back(table(in, b)); break;
      default:
        doc.blocks.push_back(Chart{static_cast<ChartKind>(in.ConsumeIntegralInRange<int>(0, 2)), text(in),
                                   "t" + std::to_string(in.ConsumeIntegralInRange<int>(0, 7)), key(in), {key(in), key(in)}});
    }
  }
  for (int f = 0; f < in.ConsumeIntegralInRange<int>(0, 3); ++f)
    doc.footnotes.push_back(Footnote{"f" + std::to_string(f), {Span{text(in), Span::Style::Plain, ""}}});
  for (int x = 0; x < in.ConsumeIntegralInRange<int>(0, 3); ++x) doc.explanations.push_back(Explanation{"x" + std::to_string(x), text(in), {text(in)}});
  return doc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  Document doc = document(in);
  if (!complete_document(doc).empty()) return 0;
  (void)render_markdown(doc);
  (void)render_csv(doc);
  (void)render_json(doc);
  (void)render_html(doc);
  static const std::filesystem::path xlsx =
      std::filesystem::temp_directory_path() / ("collab-fuzz-" + std::to_string(getpid()) + ".xlsx");
  (void)render_xlsx(doc, xlsx);
  return 0;
}
