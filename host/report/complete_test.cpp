// Tests of complete_document: each check with its exact message, sums and differences worked out
// by hand, overflow, idempotence, and the sample document.
#include "report/complete.h"

#include <catch2/catch.hpp>

#include <limits>

#include "sample_document.h"

using namespace collab;
using namespace collab::report;

namespace {

using Strings = std::vector<std::string>;

Cell text(std::string s) { return Cell{CellValue{std::move(s)}, "", "", false}; }
Cell pence(int64_t p) { return Cell{CellValue{Money::from_pence(p)}, "", "", false}; }
Cell count(int64_t n) { return Cell{CellValue{n}, "", "", false}; }
Cell pct(int64_t units) { return Cell{CellValue{Percent::from_units(units)}, "", "", false}; }
Cell empty() { return Cell{}; }

Column col(std::string key, ColumnType type) { return Column{key, key, type, "", -1, std::nullopt, ""}; }
Column difference(std::string key, ColumnType type, std::string a, std::string b) {
  Column c = col(std::move(key), type);
  c.difference = std::make_pair(std::move(a), std::move(b));
  return c;
}

Row body(std::vector<Cell> cells) { return Row{RowKind::Body, std::move(cells), {}}; }
Row subtotal(std::vector<Cell> cells) { return Row{RowKind::Subtotal, std::move(cells), {}}; }
Row total(std::vector<Cell> cells) { return Row{RowKind::Total, std::move(cells), {}}; }

/// A table "t": unit (text), notts (money), people (integer), share (percent).
Table small_table() {
  Table t;
  t.id = "t";
  t.title = "Small";
  t.columns = {col("unit", ColumnType::Text), col("notts", ColumnType::Money), col("people", ColumnType::Integer),
               col("share", ColumnType::Percent)};
  return t;
}

Document doc_with(Table t) {
  Document doc;
  doc.id = "d";
  doc.title = "D";
  doc.blocks.push_back(std::move(t));
  return doc;
}

Table& table_of(Document& doc, std::size_t block = 0) { return std::get<Table>(doc.blocks.at(block)); }

const CellValue& value(Document& doc, std::size_t row, std::size_t column) {
  return table_of(doc).rows.at(row).cells.at(column).value;
}

int64_t money_at(Document& doc, std::size_t row, std::size_t column) {
  return std::get<Money>(value(doc, row, column)).pence();
}

Strings problems_of(Table t) {
  Document doc = doc_with(std::move(t));
  return complete_document(doc);
}

/// Every figure, flag and sum of two documents' tables are the same.
void require_same_tables(const Document& a, const Document& b) {
  REQUIRE(a.blocks.size() == b.blocks.size());
  for (std::size_t i = 0; i < a.blocks.size(); ++i) {
    const auto* ta = std::get_if<Table>(&a.blocks[i]);
    const auto* tb = std::get_if<Table>(&b.blocks[i]);
    REQUIRE((ta == nullptr) == (tb == nullptr));
    if (!ta) continue;
    REQUIRE(ta->rows.size() == tb->rows.size());
    for (std::size_t r = 0; r < ta->rows.size(); ++r) {
      INFO("table " << ta->id << " row " << r);
      CHECK(ta->rows[r].sums == tb->rows[r].sums);
      REQUIRE(ta->rows[r].cells.size() == tb->rows[r].cells.size());
      for (std::size_t c = 0; c < ta->rows[r].cells.size(); ++c) {
        INFO("column " << c);
        CHECK(ta->rows[r].cells[c].value == tb->rows[r].cells[c].value);
        CHECK(ta->rows[r].cells[c].computed == tb->rows[r].cells[c].computed);
      }
    }
  }
}

}  // namespace

TEST_CASE("subtotals sum the body rows since the previous subtotal, totals every body row", "[report]") {
  Table t = small_table();
  t.rows = {body({text("a"), pence(100050), count(3), pct(276000)}),
            body({text("b"), pence(-250), empty(), pct(125000)}),
            subtotal({text("Subtotal"), empty(), empty(), empty()}),
            body({text("c"), pence(7), count(40), pct(1)}),
            subtotal({text("Subtotal"), empty(), empty(), empty()}),
            total({text("Total"), empty(), empty(), empty()})};
  Document doc = doc_with(t);
  REQUIRE(complete_document(doc).empty());
  const Table& done = table_of(doc);
  CHECK(done.rows[2].sums == std::vector<std::size_t>{0, 1});
  CHECK(done.rows[4].sums == std::vector<std::size_t>{3});
  CHECK(done.rows[5].sums == std::vector<std::size_t>{0, 1, 3});
  CHECK(money_at(doc, 2, 1) == 99800);  // 1,000.50 - 2.50
  CHECK(std::get<int64_t>(value(doc, 2, 2)) == 3);  // the empty cell adds nothing
  CHECK(money_at(doc, 4, 1) == 7);
  CHECK(std::get<int64_t>(value(doc, 4, 2)) == 40);
  CHECK(money_at(doc, 5, 1) == 99807);
  CHECK(std::get<int64_t>(value(doc, 5, 2)) == 43);
  CHECK(done.rows[5].cells[1].computed);
  CHECK_FALSE(done.rows[0].cells[1].computed);
  // Percent and text cells of totals are left as the layout gave them.
  CHECK(std::holds_alternative<std::monostate>(value(doc, 5, 3)));
  CHECK(std::get<std::string>(value(doc, 5, 0)) == "Total");
}

TEST_CASE("a total over rows with no figures stays as the layout gave it", "[report]") {
  Table t = small_table();
  t.rows = {body({text("a"), empty(), empty(), empty()}), total({text("Total"), empty(), count(5), empty()})};
  Document doc = doc_with(t);
  REQUIRE(complete_document(doc).empty());
  CHECK(std::holds_alternative<std::monostate>(value(doc, 1, 1)));
  CHECK_FALSE(table_of(doc).rows[1].cells[1].computed);
  CHECK(std::get<int64_t>(value(doc, 1, 2)) == 5);
}

TEST_CASE("a total the layout fills is checked against the rows above", "[report]") {
  Table t = small_table();
  t.id = "x";
  t.rows = {body({text("a"), pence(50000), count(1), empty()}), body({text("b"), pence(49900), count(2), empty()}),
            body({text("c"), empty(), empty(), empty()}), body({text("d"), empty(), empty(), empty()}),
            body({text("e"), empty(), empty(), empty()}), total({text("Total"), pence(100000), count(3), empty()})};
  Document doc = doc_with(t);
  CHECK(complete_document(doc) ==
        Strings{"table 'x', row 6 (total), column 'notts': the layout gives £1,000.00 but the rows above sum to £999.00"});
  CHECK(money_at(doc, 5, 1) == 100000);  // never overwritten
  CHECK_FALSE(table_of(doc).rows[5].cells[1].computed);
  // The integer column agreed: no problem and nothing changed.
  CHECK(std::get<int64_t>(value(doc, 5, 2)) == 3);
}

TEST_CASE("a computed total that no longer matches is recomputed", "[report]") {
  Table t = small_table();
  t.rows = {body({text("a"), pence(10), empty(), empty()}), total({text("Total"), pence(999), empty(), empty()})};
  t.rows[1].cells[1].computed = true;
  Document doc = doc_with(t);
  REQUIRE(complete_document(doc).empty());
  CHECK(money_at(doc, 1, 1) == 10);
}

TEST_CASE("differences are minuend minus subtrahend in every row, empty when an operand is", "[report]") {
  Table t = small_table();
  t.columns.push_back(col("published", ColumnType::Money));
  t.columns.push_back(difference("variance", ColumnType::Money, "notts", "published"));
  t.columns.push_back(difference("pdiff", ColumnType::Percent, "share", "base"));
  t.columns.push_back(col("base", ColumnType::Percent));
  t.rows = {body({text("a"), pence(100000), empty(), pct(276000), pence(99900), empty(), empty(), pct(100000)}),
            body({text("b"), pence(-250), empty(), pct(5), empty(), empty(), empty(), pct(10)}),
            total({text("Total"), empty(), empty(), empty(), empty(), empty(), empty(), empty()})};
  Document doc = doc_with(t);
  REQUIRE(complete_document(doc).empty());
  CHECK(money_at(doc, 0, 5) == 100);            // 1,000.00 - 999.00
  CHECK(table_of(doc).rows[0].cells[5].computed);
  CHECK(std::holds_alternative<std::monostate>(value(doc, 1, 5)));  // published blank
  CHECK_FALSE(table_of(doc).rows[1].cells[5].computed);
  CHECK(money_at(doc, 2, 5) == 99750 - 99900);  // the totals' difference: -1.50
  CHECK(std::get<Percent>(value(doc, 0, 6)).units() == 176000);  // 27.6% - 10%
  CHECK(std::get<Percent>(value(doc, 1, 6)).units() == -5);
  CHECK(std::holds_alternative<std::monostate>(value(doc, 2, 6)));  // percent totals stay empty
}

TEST_CASE("a difference of a difference to its left is computed in order", "[report]") {
  Table t;
  t.id = "t";
  t.title = "T";
  t.columns = {col("a", ColumnType::Integer), col("b", ColumnType::Integer), difference("d", ColumnType::Integer, "a", "b"),
               difference("dd", ColumnType::Integer, "d", "b")};
  t.rows = {body({count(10), count(3), empty(), empty()})};
  Document doc = doc_with(t);
  REQUIRE(complete_document(doc).empty());
  CHECK(std::get<int64_t>(value(doc, 0, 2)) == 7);
  CHECK(std::get<int64_t>(value(doc, 0, 3)) == 4);
}

TEST_CASE("a difference cell the layout fills is a problem", "[report]") {
  Table t;
  t.id = "t";
  t.title = "T";
  t.columns = {col("a", ColumnType::Integer), col("b", ColumnType::Integer), difference("d", ColumnType::Integer, "a", "b")};
  t.rows = {body({count(10), count(3), count(7)})};
  CHECK(problems_of(t) ==
        Strings{"table 't', row 1 (body), column 'd': the layout fills a difference cell; the host computes it (leave it empty)"});
}

TEST_CASE("difference columns must name two other columns of their own numeric type", "[report]") {
  Table t;
  t.id = "t";
  t.title = "T";
  t.columns = {col("label", ColumnType::Text),
               col("a", ColumnType::Money),
               col("n", ColumnType::Integer),
               difference("missing", ColumnType::Money, "a", "nope"),
               difference("self", ColumnType::Money, "self", "a"),
               difference("mixed", ColumnType::Money, "a", "n"),
               difference("words", ColumnType::Text, "label", "label"),
               difference("forward", ColumnType::Money, "later", "a"),
               difference("later", ColumnType::Money, "a", "a")};
  CHECK(problems_of(t) == Strings{
                              "table 't', column 'missing': the difference's operand 'nope' is not a column of the table",
                              "table 't', column 'self': the difference's operand 'self' is the column itself",
                              "table 't', column 'mixed': the difference's operand 'n' is an integer column, not money like "
                              "the difference",
                              "table 't', column 'words': a difference column must be money, integer or percent, not text",
                              "table 't', column 'forward': the difference's operand 'later' is a difference column to its "
                              "right",
                          });
}

TEST_CASE("sums and differences that overflow are problems, never wrapped", "[report]") {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  Table t;
  t.id = "big";
  t.title = "Big";
  t.columns = {col("m", ColumnType::Money), col("n", ColumnType::Integer), col("low", ColumnType::Money),
               difference("d", ColumnType::Money, "low", "m")};
  t.rows = {body({pence(kMax), count(kMax), pence(-2), empty()}), body({pence(1), count(1), pence(0), empty()}),
            total({empty(), empty(), empty(), empty()})};
  Document doc = doc_with(t);
  CHECK(complete_document(doc) == Strings{
                                      "table 'big', row 3 (total), column 'm': the sum of the rows above is out of range",
                                      "table 'big', row 3 (total), column 'n': the sum of the rows above is out of range",
                                      "table 'big', row 1 (body), column 'd': low - m is out of range",
                                  });
  CHECK(std::holds_alternative<std::monostate>(value(doc, 2, 0)));
  CHECK(money_at(doc, 1, 3) == -1);
  // The total's low is -2 and m is empty: the difference is empty.
  CHECK(std::holds_alternative<std::monostate>(value(doc, 2, 3)));
}

TEST_CASE("a row with the wrong number of cells is a problem, not padded", "[report]") {
  Table t = small_table();
  t.rows = {body({text("a"), pence(1)}), total({text("Total"), empty(), empty(), empty()})};
  Document doc = doc_with(t);
  CHECK(complete_document(doc) == Strings{"table 't', row 1 (body): 2 cells for 4 columns"});
  CHECK(table_of(doc).rows[0].cells.size() == 2);
  CHECK(std::holds_alternative<std::monostate>(value(doc, 1, 1)));  // nothing computed
}

TEST_CASE("each cell's value must be of its column's type", "[report]") {
  Table t = small_table();
  t.columns.push_back(col("when", ColumnType::Date));
  t.columns.push_back(col("year", ColumnType::Year));
  t.rows = {body({pence(1), text("1"), pct(1), count(1), Cell{CellValue{FinancialYear::starting(2016)}, "", "", false},
                  Cell{CellValue{PartialDate{2016, 4, 1}}, "", "", false}}),
            body({empty(), empty(), empty(), empty(), empty(), empty()})};
  CHECK(problems_of(t) == Strings{
                              "table 't', row 1 (body), column 'unit': a money value in a text column",
                              "table 't', row 1 (body), column 'notts': a text value in a money column",
                              "table 't', row 1 (body), column 'people': a percent value in an integer column",
                              "table 't', row 1 (body), column 'share': an integer value in a percent column",
                              "table 't', row 1 (body), column 'when': a year value in a date column",
                              "table 't', row 1 (body), column 'year': a date value in a year column",
                          });
}

TEST_CASE("table ids and column keys are unique lower-case identifiers", "[report]") {
  Document doc;
  doc.id = "d";
  doc.title = "D";
  Table a = small_table();
  a.id = "a";
  a.columns[1].key = "Notts";
  a.columns[2].key = "";
  a.columns[3].key = "unit";
  Table b = small_table();
  b.id = "a";
  Table c = small_table();
  c.id = "9lives";
  Table d = small_table();
  d.id = "";
  doc.blocks = {a, b, c, d};
  CHECK(complete_document(doc) ==
        Strings{
            "table 'a', column 'Notts': the key is not a lower-case identifier ([a-z][a-z0-9_-]*)",
            "table 'a', column 3: the key is empty",
            "table 'a', column 'unit': the key is used twice",
            "table 'a': the id is used by another table",
            "table '9lives': the id is not a lower-case identifier ([a-z][a-z0-9_-]*)",
            "table (block 4): the id is empty",
        });
}

TEST_CASE("decimals: percent 0 to 4 or -1, money -1, 0 or 2", "[report]") {
  Table t = small_table();
  t.columns[1].decimals = 1;
  t.columns[3].decimals = 5;
  t.columns[2].decimals = 9;  // an integer column's decimals mean nothing: not checked
  CHECK(problems_of(t) == Strings{"table 't', column 'notts': money decimals 1 is not -1, 0 or 2",
                                  "table 't', column 'share': percent decimals 5 is not 0 to 4 (or -1 for the default)"});
  t.columns[1].decimals = 2;
  t.columns[3].decimals = -1;
  CHECK(problems_of(t).empty());
  t.columns[3].decimals = -2;
  CHECK(problems_of(t) == Strings{"table 't', column 'share': percent decimals -2 is not 0 to 4 (or -1 for the default)"});
}

TEST_CASE("the document needs an id, a title, and each param once", "[report]") {
  Document doc;
  doc.params = {DocumentParam{"year", "2016/17"}, DocumentParam{"year", "2017/18"}};
  CHECK(complete_document(doc) == Strings{"document: the id is empty", "document: the title is empty",
                                          "document: param 'year' is given twice"});
}

TEST_CASE("charts name a table, a category column and numeric series", "[report]") {
  Document doc = doc_with(small_table());
  doc.blocks.push_back(Chart{ChartKind::Bar, "Good", "t", "unit", {"notts", "people", "share"}});
  doc.blocks.push_back(Chart{ChartKind::Bar, "No table", "nope", "unit", {"notts"}});
  doc.blocks.push_back(Chart{ChartKind::Line, "Bad columns", "t", "who", {"unit", "gone"}});
  doc.blocks.push_back(Chart{ChartKind::StackedBar, "Empty", "t", "unit", {}});
  CHECK(complete_document(doc) == Strings{
                                      "block 3 (chart 'No table'): table 'nope' does not exist",
                                      "block 4 (chart 'Bad columns'): category 'who' is not a column of table 't'",
                                      "block 4 (chart 'Bad columns'): series 'unit' is a text column, not money, integer "
                                      "or percent",
                                      "block 4 (chart 'Bad columns'): series 'gone' is not a column of table 't'",
                                      "block 5 (chart 'Empty'): no series",
                                  });
}

TEST_CASE("footnotes and explanations referred to exist, and are defined once", "[report]") {
  Table t = small_table();
  t.columns[1].footnote = "fn-col";
  t.caption = {Span{"", Span::Style::Plain, "fn-cap"}};
  Cell cell = pence(1);
  cell.footnote = "fn-cell";
  cell.explain = "x-cell";
  t.rows = {body({text("a"), cell, count(1), empty()})};
  Document doc = doc_with(t);
  doc.blocks.insert(doc.blocks.begin(), Paragraph{{Span{"see", Span::Style::Plain, ""}, Span{"", Span::Style::Plain, "fn-p"}}});
  doc.blocks.push_back(Note{{Span{"", Span::Style::Plain, "fn-note"}}});
  doc.blocks.push_back(List{{{Span{"ok", Span::Style::Plain, "fn-ok"}}, {Span{"", Span::Style::Plain, "fn-item"}}}, true});
  doc.footnotes = {Footnote{"fn-ok", {Span{"fine", Span::Style::Plain, "fn-in-note"}}}, Footnote{"fn-ok", {}},
                   Footnote{"", {}}};
  doc.explanations = {Explanation{"x-a", "A", {}}, Explanation{"x-a", "again", {}}, Explanation{"", "", {}}};
  CHECK(complete_document(doc) == Strings{
                                      "footnote 'fn-ok' is defined twice",
                                      "footnote 3: the id is empty",
                                      "explanation 'x-a' is defined twice",
                                      "explanation 3: the id is empty",
                                      "footnote 'fn-ok': footnote 'fn-in-note' does not exist",
                                      "block 1 (paragraph): footnote 'fn-p' does not exist",
                                      "table 't', caption: footnote 'fn-cap' does not exist",
                                      "table 't', column 'notts': footnote 'fn-col' does not exist",
                                      "table 't', row 1 (body), column 'notts': footnote 'fn-cell' does not exist",
                                      "table 't', row 1 (body), column 'notts': explanation 'x-cell' does not exist",
                                      "block 3 (note): footnote 'fn-note' does not exist",
                                      "block 4 (list), item 2: footnote 'fn-item' does not exist",
                                  });
}

TEST_CASE("heading levels are 1 to 3", "[report]") {
  Document doc;
  doc.id = "d";
  doc.title = "D";
  doc.blocks = {Heading{1, "a"}, Heading{3, "b"}, Heading{0, "c"}, Heading{4, "d"}};
  CHECK(complete_document(doc) ==
        Strings{"block 3 (heading): level 0 is not 1 to 3", "block 4 (heading): level 4 is not 1 to 3"});
}

TEST_CASE("completing twice changes nothing and finds nothing", "[report]") {
  Table t = small_table();
  t.columns.push_back(col("published", ColumnType::Money));
  t.columns.push_back(difference("variance", ColumnType::Money, "notts", "published"));
  t.rows = {body({text("a"), pence(100), count(1), pct(1), pence(90), empty()}),
            subtotal({text("Sub"), empty(), count(1), empty(), empty(), empty()}),
            body({text("b"), pence(5), count(2), pct(2), empty(), empty()}),
            total({text("Total"), empty(), empty(), empty(), pence(90), empty()})};
  Document once = doc_with(t);
  REQUIRE(complete_document(once).empty());
  Document twice = once;
  REQUIRE(complete_document(twice).empty());
  require_same_tables(once, twice);
  CHECK(money_at(twice, 3, 5) == 15);  // 105 - 90
}

TEST_CASE("the sample document completes with no problems and is unchanged", "[report]") {
  const Document sample = collab::test::sample_document();
  Document doc = sample;
  CHECK(complete_document(doc).empty());
  require_same_tables(sample, doc);
  // The same from scratch: clear what the host computes and complete again.
  Document fresh = sample;
  for (Block& block : fresh.blocks)
    if (auto* table = std::get_if<Table>(&block))
      for (Row& row : table->rows) {
        row.sums.clear();
        for (Cell& cell : row.cells)
          if (cell.computed) cell = Cell{CellValue{}, cell.explain, cell.footnote, false};
      }
  CHECK(complete_document(fresh).empty());
  require_same_tables(sample, fresh);
}
