// Tests of the text renderers: Markdown escaping and tables, CSV quoting and formula-injection
// guard, JSON shape and exact numbers, and that each is deterministic.
#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include "report/render.h"
#include "sample_document.h"

using namespace collab;
using namespace collab::report;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Cell text(std::string s) { return Cell{CellValue{std::move(s)}, "", "", false}; }
Cell pence(int64_t p) { return Cell{CellValue{Money::from_pence(p)}, "", "", false}; }

Column col(std::string key, std::string title, ColumnType type, int decimals = -1) {
  return Column{std::move(key), std::move(title), type, "", decimals, std::nullopt, ""};
}

/// A document "d" with one table "t" of a text column and a money column, a row per text.
Document text_and_money(const std::vector<std::pair<std::string, int64_t>>& rows) {
  Table t;
  t.id = "t";
  t.title = "T";
  t.columns = {col("label", "Label", ColumnType::Text), col("amount", "Amount", ColumnType::Money, 2)};
  for (const auto& [label, amount] : rows) t.rows.push_back(Row{RowKind::Body, {text(label), pence(amount)}, {}});
  Document doc;
  doc.id = "d";
  doc.title = "D";
  doc.blocks.push_back(std::move(t));
  return doc;
}

Document paragraph_doc(std::string s) {
  Document doc;
  doc.id = "d";
  doc.title = "D";
  doc.blocks.push_back(Paragraph{{Span{std::move(s), Span::Style::Plain, ""}}});
  return doc;
}

}  // namespace

// ---- Markdown --------------------------------------------------------------------------------

TEST_CASE("Markdown escapes pipes, line breaks, markup and HTML in cells", "[report]") {
  const std::string md = render_markdown(collab::test::sample_document());
  CHECK(has(md, "| =1+1 \\<b\\>bold\\</b\\><br>second line \\| pipe | -£3 | [^2] | 12.5% |  |  |\n"));
  CHECK(has(md, "| \\@SUM(A1) |") == false);  // @ is not Markdown: left alone
  CHECK(has(md, "| @SUM(A1) | £12,346 | £0 | 0.0% | £12,346 | £0 |\n"));
  CHECK_FALSE(has(md, "<script>"));
  CHECK_FALSE(has(md, "<b>"));
  CHECK(has(md, "# Sample \\</title\\>\\<script\\>alert(1)\\</script\\>\n"));
}

TEST_CASE("Markdown headings, spans, notes, lists, charts and footnotes", "[report]") {
  const std::string md = render_markdown(collab::test::sample_document());
  CHECK(md.rfind("# Sample", 0) == 0);
  CHECK(has(md, "\n\n*Every block & column type*\n\nyear: 2016/17\n\n## Heading with \\<i\\>markup\\</i\\>\n\n"));
  CHECK(has(md, "\nPlain, *emphasis*, **strong \\*stars\\***[^1]\n"));
  CHECK(has(md, "\n> A note: figures are exact to the penny.\n"));
  CHECK(has(md, "\n- first\n- second \\<li\\>\n"));
  CHECK(has(md, "\nChart (stacked bar): Cash by unit — from table 'Contributions \\<script\\>alert('t')\\</script\\> & "
                "more'\n"));
  CHECK(has(md, "\n### People\n"));
  CHECK(has(md, "\nComputed to the pound; *published* beside.\n\nSource: pcp-2017, Force Financial Contributions "
                "2016/17\n"));
  CHECK(has(md, "\n## Where the figures come from\n\n**Nottinghamshire's contribution to EMSOU SOC, 2016/17**\n\n"
                "- budget £9,568,875\n- share 27.6% \\<of grant\\>\n- \\= £1,000.00\n"));
  // Definitions come last, numbered in the document's order.
  const std::string tail = "[^1]: Leicestershire's figures \\<as published\\>.\n[^2]: Blank in the source.\n";
  CHECK(md.size() > tail.size());
  CHECK(md.substr(md.size() - tail.size()) == tail);
}

TEST_CASE("Markdown tables right-align numbers, group headings and bold totals", "[report]") {
  const std::string md = render_markdown(collab::test::sample_document());
  CHECK(has(md, "\n**Contributions \\<script\\>alert('t')\\</script\\> & more**\n\n"
                "| Unit | Cash: Notts | Cash: Leics \\| pipe[^1] | Share | Published | Variance |\n"
                "| --- | ---: | ---: | ---: | ---: | ---: |\n"
                "| EMSOU SOC | £1,000 | £501 | 27.6% | £999 | £1 |\n"));
  CHECK(has(md, "| **Subtotal** | **£13,343** | **£501** |  | **£13,345** | **-£2** |\n"));
  CHECK(has(md, "| **Total** | **£13,343** | **£501** |  | **£13,345** | **-£2** |\n"));
  CHECK(has(md, "| Function | People: Officers | People: Staff | Year | Established |\n"
                "| --- | ---: | ---: | --- | --- |\n"
                "| Serious and Organised Crime | 300 | 46 | 2012/13 | Sep 2011 |\n"));
}

TEST_CASE("Markdown money shows pence as the column's decimals say", "[report]") {
  Document doc = text_and_money({{"a", 123456}, {"b", 123400}});
  auto& t = std::get<Table>(doc.blocks[0]);
  CHECK(has(render_markdown(doc), "| a | £1,234.56 |\n| b | £1,234.00 |\n"));
  t.columns[1].decimals = -1;
  CHECK(has(render_markdown(doc), "| a | £1,234.56 |\n| b | £1,234 |\n"));
  t.columns[1].decimals = 0;
  CHECK(has(render_markdown(doc), "| a | £1,235 |\n| b | £1,234 |\n"));
}

TEST_CASE("Markdown text cannot open a block or a tag of its own", "[report]") {
  CHECK(render_markdown(paragraph_doc("- not a list")) == "# D\n\n\\- not a list\n");
  CHECK(render_markdown(paragraph_doc("2016. A year")) == "# D\n\n2016\\. A year\n");
  CHECK(render_markdown(paragraph_doc("  # no heading\n> no quote")) == "# D\n\n\\# no heading \\> no quote\n");
  CHECK(render_markdown(paragraph_doc("&amp; <a href=x>_x_</a> `code` [l](u)")) ==
        "# D\n\n\\&amp; \\<a href=x\\>\\_x\\_\\</a\\> \\`code\\` \\[l\\](u)\n");
  CHECK(render_markdown(paragraph_doc("red \x1b[31m")) == "# D\n\nred \\\\x1b\\[31m\n");
  // Emphasis keeps blanks outside its marks: "*\tcode*" would be a list item, "* x *" no emphasis.
  Document doc = paragraph_doc("");
  doc.blocks[0] = Paragraph{{Span{"\tcode ", Span::Style::Emphasis, ""}, Span{"x", Span::Style::Strong, ""}}};
  CHECK(render_markdown(doc) == "# D\n\n*code* **x**\n");
}

// ---- CSV -------------------------------------------------------------------------------------

TEST_CASE("CSV: one file per table, RFC 4180 quoting and CRLF", "[report]") {
  const auto files = render_csv(collab::test::sample_document());
  REQUIRE(files.size() == 2);
  CHECK(files[0].name == "sample-contributions.csv");
  CHECK(files[1].name == "sample-workforce.csv");
  CHECK(files[1].text ==
        "Function,People: Officers,People: Staff,Year,Established\r\n"
        "Serious and Organised Crime,300,46,2012/13,Sep 2011\r\n"
        "Forensics,20,180,2013/14,31 Mar 2013\r\n"
        "Total,320,226,,\r\n");
  const auto quoted = render_csv(text_and_money({{"a, b", 1}, {"say \"hi\"", 2}, {"two\nlines", 3}, {"tab\there", 4}}));
  CHECK(quoted.at(0).text ==
        "Label,Amount\r\n\"a, b\",0.01\r\n\"say \"\"hi\"\"\",0.02\r\n\"two\nlines\",0.03\r\ntab\there,0.04\r\n");
}

TEST_CASE("CSV: a control character in a text is shown as \\xNN, never written raw", "[report]") {
  // An ESC sequence in a label would drive the terminal the CSV is printed on; a lone CR would
  // end the line in some readers. Both are shown as on every other output.
  const auto files = render_csv(text_and_money({{"SOC \x1b[5mblink", 1}, {"cr\rhere", 2}, {"bell\a", 3}}));
  CHECK(files.at(0).text == "Label,Amount\r\nSOC \\x1b[5mblink,0.01\r\ncr\\x0dhere,0.02\r\nbell\\x07,0.03\r\n");
}

TEST_CASE("CSV: text a spreadsheet would run is prefixed with a quote; numbers never are", "[report]") {
  const auto files =
      render_csv(text_and_money({{"=1+1", -250}, {"+1", 0}, {"-1+2", 1}, {"@SUM(A1)", -1}, {"\tx", 2}, {"\rx", 3}}));
  // A leading CR is shown as \x0d (see the test above): a spreadsheet cannot run that.
  CHECK(files.at(0).text ==
        "Label,Amount\r\n\"'=1+1\",-2.50\r\n\"'+1\",0.00\r\n\"'-1+2\",0.01\r\n\"'@SUM(A1)\",-0.01\r\n"
        "\"'\tx\",0.02\r\n\\x0dx,0.03\r\n");
  const std::string sample = render_csv(collab::test::sample_document()).at(0).text;
  CHECK(sample.rfind("Unit,Cash: Notts,Cash: Leics | pipe,Share,Published,Variance\r\n"
                     "EMSOU SOC,1000.00,500.50,27.6,999.00,1.00\r\n"
                     "\"'=1+1 <b>bold</b>\nsecond line | pipe\",-2.50,,12.5,,\r\n"
                     "\"'@SUM(A1)\",12345.67,0.07,0.0005,12345.67,0.00\r\n"
                     "Subtotal,13343.17,500.57,,13344.67,-1.50\r\n",
                     0) == 0);
  CHECK(has(sample, "\r\n\"'-1+2\",0.10,0.20,0,0.10,0.00\r\nTotal,13343.27,500.77,,13344.77,-1.50\r\n"));
}

TEST_CASE("CSV: percentages are exact numbers of percent, headings guarded too", "[report]") {
  Document doc = text_and_money({});
  auto& t = std::get<Table>(doc.blocks[0]);
  t.columns[0].title = "=HYPERLINK(x)";
  t.columns.push_back(col("share", "Share", ColumnType::Percent, 1));
  t.rows.push_back(Row{RowKind::Body, {text("a"), pence(1), Cell{CellValue{Percent::from_units(-5)}, "", "", false}}, {}});
  t.rows.push_back(Row{RowKind::Body, {text("b"), pence(1), Cell{CellValue{Percent::from_units(1000000)}, "", "", false}}, {}});
  CHECK(render_csv(doc).at(0).text == "\"'=HYPERLINK(x)\",Amount,Share\r\na,0.01,-0.0005\r\nb,0.01,100\r\n");
}

// ---- JSON ------------------------------------------------------------------------------------

TEST_CASE("JSON parses back with pence integers, percent numbers and rows keyed by column", "[report]") {
  const std::string out = render_json(collab::test::sample_document());
  const auto j = nlohmann::json::parse(out);
  CHECK(j["schema"] == "collab.report");
  CHECK(j["version"] == 1);
  CHECK(j["params"] == nlohmann::json{{"year", "2016/17"}});
  const auto& table = j["blocks"][4];
  CHECK(table["type"] == "table");
  CHECK(table["columns"][1] == nlohmann::json{{"key", "notts"}, {"title", "Notts"}, {"type", "money"}, {"group", "Cash"},
                                              {"decimals", 0}});
  CHECK(table["columns"][5]["difference"] == nlohmann::json{"notts", "published"});
  const auto& first = table["rows"][0];
  CHECK(first["$kind"] == "body");
  CHECK(first["notts"].is_number_integer());
  CHECK(first["notts"] == 100000);
  CHECK(first["share"].get<double>() == Approx(27.6));
  CHECK(first["$explain"] == nlohmann::json{{"notts", "x-soc-notts"}});
  CHECK(first["$computed"] == nlohmann::json{"variance"});
  CHECK(table["rows"][1]["leics"].is_null());
  CHECK(table["rows"][1]["$footnotes"] == nlohmann::json{{"leics", "fn-blank"}});
  CHECK(table["rows"][3]["$sums"] == nlohmann::json{0, 1, 2});
  CHECK(table["rows"][5]["variance"] == -150);
  CHECK_FALSE(first.contains("$sums"));
  CHECK(j["blocks"][8] == nlohmann::json{{"type", "chart"}, {"kind", "bar"}, {"title", "Officers"}, {"table", "workforce"},
                                         {"category", "function"}, {"series", {"officers", "staff"}}});
  CHECK(j["blocks"][1]["spans"][4] == nlohmann::json{{"footnote", "fn-leics"}});
  CHECK(j["blocks"][7]["rows"][0]["year"] == "2012/13");
  CHECK(j["blocks"][7]["rows"][0]["established"] == "Sep 2011");
}

TEST_CASE("JSON keys are sorted, indented by two, with a final newline", "[report]") {
  const std::string out = render_json(collab::test::sample_document());
  CHECK(nlohmann::json::parse(out).dump(2) + "\n" == out);
  CHECK(out.rfind("{\n  \"blocks\": [\n", 0) == 0);
  CHECK(has(out, "\n      \"rows\": [\n        {\n          \"$computed\": [\n            \"variance\"\n          ],\n"));
  CHECK(has(out, "\"share\": 27.6,\n"));
}

TEST_CASE("JSON writes a percentage from its exact units, however large", "[report]") {
  Document doc = text_and_money({});
  auto& t = std::get<Table>(doc.blocks[0]);
  t.columns.push_back(col("share", "Share", ColumnType::Percent, 4));
  for (int64_t units : {int64_t{316877}, int64_t{-5}, int64_t{100000000159}, int64_t{1000000}})
    t.rows.push_back(Row{RowKind::Body, {text("a"), pence(1), Cell{CellValue{Percent::from_units(units)}, "", "", false}}, {}});
  const std::string out = render_json(doc);
  CHECK(has(out, "\"share\": 31.6877\n"));
  CHECK(has(out, "\"share\": -0.0005\n"));
  CHECK(has(out, "\"share\": 10000000.0159\n"));  // a double would print 10000000.015900001
  CHECK(has(out, "\"share\": 100\n"));
  CHECK_NOTHROW(nlohmann::json::parse(out));
}

TEST_CASE("JSON replaces bytes that are not UTF-8 rather than failing", "[report]") {
  const std::string out = render_json(paragraph_doc("bad \xff byte"));
  CHECK(has(out, "\"text\": \"bad \xef\xbf\xbd byte\""));
}

// ---- All three -------------------------------------------------------------------------------

TEST_CASE("the text renderers are deterministic", "[report]") {
  const Document doc = collab::test::sample_document();
  CHECK(render_markdown(doc) == render_markdown(collab::test::sample_document()));
  CHECK(render_json(doc) == render_json(collab::test::sample_document()));
  const auto a = render_csv(doc), b = render_csv(collab::test::sample_document());
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) CHECK((a[i].name == b[i].name && a[i].text == b[i].text));
}
