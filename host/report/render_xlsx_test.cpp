// render_xlsx: sheet names Excel accepts, and workbooks written whole, the same bytes every time,
// or refused with an error. What is inside a workbook is read by tests/report/check_xlsx.py.

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "report/render.h"
#include "report/xlsx_sheet_name.h"
#include "sample_document.h"
#include "test_support.h"

using namespace collab;
using namespace collab::report;

namespace {

std::string read_bytes(const std::filesystem::path& file) {
  // Sized by the file: GCC 12 -O2 warns (-Wnull-dereference) inside istreambuf_iterator.
  std::ifstream in(file, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(std::filesystem::file_size(file)), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

std::string repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

Table one_column_table(std::string id, std::string title) {
  Table t;
  t.id = std::move(id);
  t.title = std::move(title);
  t.columns = {Column{"amount", "Amount", ColumnType::Money, "", -1, std::nullopt, ""}};
  t.rows = {Row{RowKind::Body, {Cell{CellValue{Money::from_pence(150)}, "", "", false}}, {}}};
  return t;
}

}  // namespace

TEST_CASE("clean_sheet_name replaces what Excel forbids in a sheet name", "[report][xlsx]") {
  CHECK(clean_sheet_name("Costs: 2016/17 [draft] *?\\") == "Costs 2016-17 (draft) -");
  CHECK(clean_sheet_name("Line\nbreak\ttab") == "Line break tab");
  CHECK(clean_sheet_name("bell\x07") == "bell-x07");  // control characters made visible first
  CHECK(clean_sheet_name("'quoted'") == "quoted");
  CHECK(clean_sheet_name("  ' padded '  ") == "padded");
  CHECK(clean_sheet_name("???") == "");
  CHECK(clean_sheet_name("") == "");
}

TEST_CASE("clean_sheet_name cuts to 31 characters, never inside a character", "[report][xlsx]") {
  CHECK(clean_sheet_name(std::string(40, 'a')) == std::string(31, 'a'));
  CHECK(clean_sheet_name(repeat("£", 40)) == repeat("£", 31));  // 31 characters, 62 bytes
  CHECK(clean_sheet_name(repeat("😀", 20)) == repeat("😀", 15));  // two UTF-16 units each, as Excel counts
  // A cut that leaves an apostrophe or a space at the end trims it.
  CHECK(clean_sheet_name(std::string(30, 'a') + "'b") == std::string(30, 'a'));
  CHECK(clean_sheet_name(std::string(30, 'a') + " b") == std::string(30, 'a'));
}

TEST_CASE("SheetNames makes names unique ignoring case, within 31 characters", "[report][xlsx]") {
  SheetNames names;
  CHECK(names.take("Costs") == "Costs");
  CHECK(names.take("COSTS") == "COSTS (2)");
  CHECK(names.take("costs") == "costs (3)");
  CHECK(names.take("Écoles") == "Écoles");
  CHECK(names.take("écoles") == "écoles (2)");  // Latin-1 capitals fold too
  CHECK(names.take(std::string(40, 'a')) == std::string(31, 'a'));
  CHECK(names.take(std::string(40, 'a')) == std::string(27, 'a') + " (2)");
  CHECK(names.take(repeat("£", 40)) == repeat("£", 31));
  CHECK(names.take(repeat("£", 40)) == repeat("£", 27) + " (2)");
}

TEST_CASE("SheetNames reserves History and falls back when a name cleans to nothing", "[report][xlsx]") {
  SheetNames names;
  CHECK(names.take("History") == "History (2)");
  CHECK(names.take("HISTORY") == "HISTORY (3)");
  CHECK(names.take("???", "table-id") == "table-id");
  CHECK(names.take("", "") == "Sheet");
  CHECK(names.take("[]", "") == "()");
}

TEST_CASE("render_xlsx writes the sample as a zip, the same bytes every time", "[report][xlsx]") {
  test::TempDir dir;
  const Document doc = test::sample_document();
  REQUIRE(render_xlsx(doc, dir.path() / "a.xlsx") == std::nullopt);
  // Over a second apart: a creation time taken from the clock would differ.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  REQUIRE(render_xlsx(doc, dir.path() / "b.xlsx") == std::nullopt);
  const std::string a = read_bytes(dir.path() / "a.xlsx");
  CHECK(a.substr(0, 4) == std::string("PK\x03\x04", 4));
  CHECK(a.size() > 4000);
  CHECK(a == read_bytes(dir.path() / "b.xlsx"));
}

TEST_CASE("render_xlsx refuses a path it cannot write, saying why", "[report][xlsx]") {
  test::TempDir dir;
  SECTION("in a folder that does not exist") {
    const auto file = dir.path() / "no-such-folder" / "out.xlsx";
    const auto error = render_xlsx(test::sample_document(), file);
    REQUIRE(error.has_value());
    CHECK_THAT(*error, Catch::Contains(file.string()) && Catch::Contains("there is no folder"));
    CHECK_FALSE(std::filesystem::exists(file));
  }
  SECTION("where a folder stands (libxlsxwriter's own refusal)") {
    const auto file = dir.path() / "a-folder.xlsx";
    std::filesystem::create_directory(file);
    const auto error = render_xlsx(test::sample_document(), file);
    REQUIRE(error.has_value());
    CHECK_THAT(*error, Catch::Contains(file.string()) && Catch::Contains("Error creating output xlsx file"));
    CHECK(std::filesystem::is_directory(file));
  }
}

TEST_CASE("render_xlsx gives clashing and reserved table titles their own sheets", "[report][xlsx]") {
  // libxlsxwriter refuses a duplicate or invalid sheet name: writing proves the names were made valid
  // (even for two tables with one id, which an unchecked document may hold).
  test::TempDir dir;
  Document doc;
  doc.title = "Clashes";
  for (const auto& [id, title] : {std::pair{"a", "History"}, {"b", "history"}, {"c", "About"}, {"d", "x/y: [z]?"},
                                  {"e", "x-y (z)"}, {"f", ""}, {"g", "'"}, {"a", "Same id as the first"}})
    doc.blocks.push_back(one_column_table(id, title));
  CHECK(render_xlsx(doc, dir.path() / "clash.xlsx") == std::nullopt);
}

TEST_CASE("render_xlsx writes an empty document and figures beyond Excel's precision", "[report][xlsx]") {
  test::TempDir dir;
  CHECK(render_xlsx(Document{}, dir.path() / "empty.xlsx") == std::nullopt);
  Document doc;
  Table t = one_column_table("big", "Big");
  t.rows.push_back(Row{RowKind::Body, {Cell{CellValue{Money::from_pence(INT64_MAX)}, "", "", false}}, {}});
  t.rows.push_back(Row{RowKind::Total, {Cell{CellValue{Money::from_pence(INT64_MIN)}, "", "", true}}, {0, 1}});
  doc.blocks.push_back(t);
  CHECK(render_xlsx(doc, dir.path() / "big.xlsx") == std::nullopt);
}

TEST_CASE("render_xlsx refuses a table that was not completed", "[report][xlsx]") {
  test::TempDir dir;
  Document doc;
  Table t = one_column_table("short", "Short");
  t.rows.push_back(Row{RowKind::Body, {}, {}});
  doc.blocks.push_back(t);
  const auto error = render_xlsx(doc, dir.path() / "short.xlsx");
  REQUIRE(error.has_value());
  CHECK_THAT(*error, Catch::Contains("table 'short', row 2: 0 cells for 1 columns"));
}

TEST_CASE("render_xlsx writes hostile and oversized text without a refusal", "[report][xlsx]") {
  // Each of these would make libxlsxwriter refuse the cell or write XML Excel cannot read,
  // unless made visible (control characters, bad UTF-8) or capped (32,767 characters a cell).
  test::TempDir dir;
  Document doc;
  doc.title = std::string("nul\0, bell\a, bad \xff\xfe bytes", 25);
  Table t;
  t.id = "hostile";
  t.title = repeat("😀", 40) + "\x01";
  t.columns = {Column{"text", std::string(40'000, 'h'), ColumnType::Text, "group \x02", -1, std::nullopt, "fn"}};
  t.rows = {Row{RowKind::Body, {Cell{CellValue{std::string(40'000, 'x') + "\xc3"}, "x", "fn", false}}, {}}};
  doc.blocks.push_back(t);
  doc.footnotes = {Footnote{"fn", {Span{std::string(40'000, 'f'), Span::Style::Plain, ""}}}};
  doc.explanations = {Explanation{"x", "why \x1b[31m", {std::string(40'000, 'e')}}};
  CHECK(render_xlsx(doc, dir.path() / "hostile.xlsx") == std::nullopt);
}
