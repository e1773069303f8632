// render_html_test: the HTML renderer and its SVG charts, on the hostile sample document
// (tests/report/sample_document.cpp) and on charts of awkward tables.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "report/chart_svg.h"
#include "report/html_text.h"
#include "report/render.h"
#include "sample_document.h"

namespace {

using namespace collab;
using namespace collab::report;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// Each opened element is closed, in order (void and self-closing ones aside). Every text is
// escaped, so each '<' starts a tag.
bool balanced_tags(const std::string& html) {
  static const std::set<std::string> kVoid = {"meta", "br", "link", "img", "hr", "col", "input", "wbr"};
  std::vector<std::string> open;
  for (auto at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    const auto end = html.find('>', at);
    if (end == std::string::npos) return false;
    const std::string tag = html.substr(at + 1, end - at - 1);
    if (tag.empty() || tag[0] == '!') continue;
    const bool closing = tag[0] == '/';
    const std::string name = tag.substr(closing ? 1 : 0, tag.find_first_of(" \n/", 1) - (closing ? 1 : 0));
    if (closing) {
      if (open.empty() || open.back() != name) return false;
      open.pop_back();
    } else if (tag.back() != '/' && kVoid.count(name) == 0) {
      open.push_back(name);
    }
  }
  return open.empty();
}

std::vector<std::string> captures(const std::string& text, const std::string& pattern) {
  const std::regex re(pattern);
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1].str());
  return out;
}

Column money_column(std::string key) { return Column{key, key, ColumnType::Money, "", 0, std::nullopt, ""}; }

Cell money(int64_t pence) { return Cell{CellValue{Money::from_pence(pence)}, "", "", false}; }

// A table of a text column "name" and money columns "a" and "b", one body row per entry.
Table money_table(const std::vector<std::pair<std::optional<int64_t>, std::optional<int64_t>>>& values) {
  Table t;
  t.id = "t";
  t.title = "T";
  t.columns = {Column{"name", "Name", ColumnType::Text, "", -1, std::nullopt, ""}, money_column("a"), money_column("b")};
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto cell = [](std::optional<int64_t> v) { return v ? money(*v) : Cell{}; };
    t.rows.push_back(Row{RowKind::Body,
                         {Cell{CellValue{"row " + std::to_string(i)}, "", "", false}, cell(values[i].first),
                          cell(values[i].second)},
                         {}});
  }
  return t;
}

Chart chart_of(ChartKind kind) { return Chart{kind, "Chart <b>", "t", "name", {"a", "b"}}; }

// A chart's SVG is one balanced element with no unprintable numbers in it.
void check_svg(const std::string& svg) {
  CHECK(svg.rfind("<svg", 0) == 0);
  CHECK(svg.size() >= 6);
  CHECK(svg.substr(svg.size() - 6) == "</svg>");
  CHECK(balanced_tags(svg));
  CHECK(svg.find("nan") == std::string::npos);
  CHECK(svg.find("inf") == std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find("Chart &lt;b&gt;") != std::string::npos);
}

}  // namespace

TEST_CASE("the sample renders as one self-contained HTML5 file", "[report][html]") {
  const std::string html = render_html(test::sample_document());
  CHECK(html.rfind("<!doctype html>\n", 0) == 0);
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("<meta name=\"viewport\"") != std::string::npos);
  CHECK(count(html, "<style>") == 1);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  CHECK(balanced_tags(html));
  CHECK(html.substr(html.size() - 8) == "</html>\n");
}

TEST_CASE("html: hostile text shows as text and no script gets in", "[report][html]") {
  const std::string html = render_html(test::sample_document());
  const std::regex script("<\\s*script", std::regex::icase);
  CHECK_FALSE(std::regex_search(html, script));
  CHECK(html.find("<h1>Sample &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>") != std::string::npos);
  CHECK(html.find("<title>Sample &lt;/title&gt;") != std::string::npos);
  CHECK(html.find("<caption>Contributions &lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; more</caption>") !=
        std::string::npos);
  CHECK(html.find("=1+1 &lt;b&gt;bold&lt;/b&gt;<br>\nsecond line | pipe") != std::string::npos);
  CHECK(html.find("<h2>Heading with &lt;i&gt;markup&lt;/i&gt;</h2>") != std::string::npos);
  CHECK(html.find("second &lt;li&gt;") != std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("<i>") == std::string::npos);
}

TEST_CASE("html: escaping and ids", "[report][html]") {
  CHECK(escape_html("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  CHECK(escape_html("bell\x07 £") == "bell\\x07 £");
  CHECK(html_id("x-", "soc-notts2") == "x-soc-notts2");
  const std::vector<std::string> ids = {"a b", "a_b", "a_20b", "a/b", "", "\"><script>", "a-b"};
  std::set<std::string> seen;
  for (const std::string& id : ids) {
    const std::string safe = html_id("x-", id);
    CHECK(std::regex_match(safe, std::regex("x-[A-Za-z0-9_-]*")));
    seen.insert(safe);
  }
  CHECK(seen.size() == ids.size());
}

TEST_CASE("html: tables have scoped headings, column groups and a foot", "[report][html]") {
  const std::string html = render_html(test::sample_document());
  for (const std::string& attrs : captures(html, "<th((?:\\s[^>]*)?)>")) CHECK_THAT(attrs, Catch::Contains("scope=\""));
  CHECK(count(html, "<th scope=\"row\"") == 9);  // every row of both tables
  CHECK(html.find("<th scope=\"col\" rowspan=\"2\">Unit</th><th scope=\"colgroup\" colspan=\"2\">Cash</th>") !=
        std::string::npos);
  CHECK(html.find("<th scope=\"colgroup\" colspan=\"2\">People</th>") != std::string::npos);
  CHECK(html.find("<tr><th scope=\"col\" class=\"num\">Notts</th><th scope=\"col\" class=\"num\">Leics | pipe") !=
        std::string::npos);
  // The subtotal sits among the body rows; the closing total is the table's foot.
  const auto subtotal = html.find("<tr class=\"subtotal\">");
  const auto foot = html.find("</tbody>\n<tfoot>\n<tr class=\"total\">");
  REQUIRE(subtotal != std::string::npos);
  REQUIRE(foot != std::string::npos);
  CHECK(subtotal < foot);
  CHECK(count(html, "<tfoot>") == 2);
  CHECK(html.find("<p class=\"source\">Source: pcp-2017, Force Financial Contributions 2016/17</p>") != std::string::npos);
  CHECK(html.find("<p class=\"caption\">Computed to the pound; <em>published</em> beside.</p>") != std::string::npos);
}

TEST_CASE("html: figures as a reader expects them", "[report][html]") {
  const std::string html = render_html(test::sample_document());
  CHECK(html.find(">£1,000</a></td>") != std::string::npos);           // 1,000.00, whole pounds, explained
  CHECK(html.find("<td class=\"num\">£501</td>") != std::string::npos);  // 500.50 rounds half up
  CHECK(html.find("<td class=\"num neg\">-£3</td>") != std::string::npos);  // -2.50 rounds away from zero
  CHECK(html.find("<td class=\"num\">27.6%</td>") != std::string::npos);
  CHECK(html.find("<td class=\"num\">£12,346</td>") != std::string::npos);  // 12,345.67
  CHECK(html.find("<td class=\"num\">300</td>") != std::string::npos);
  CHECK(html.find("<td>2012/13</td>") != std::string::npos);
  CHECK(html.find("<td>Sep 2011</td>") != std::string::npos);
  CHECK(html.find("<td class=\"num neg computed\" title=\"Computed: Notts minus Published\">-£2</td>") !=
        std::string::npos);  // the subtotal's variance, -1.50
  CHECK(html.find("<td class=\"num computed\" title=\"Computed: the sum of 4 rows\">£13,343</td>") != std::string::npos);
  CHECK(html.find("<td class=\"num\"></td>") != std::string::npos);  // an empty cell stays empty
}

TEST_CASE("html: every explained cell links to its explanation, and every link has a target", "[report][html]") {
  const std::string html = render_html(test::sample_document());
  const auto ids = captures(html, " id=\"([^\"]*)\"");
  const std::set<std::string> unique(ids.begin(), ids.end());
  CHECK(unique.size() == ids.size());
  const auto links = captures(html, "href=\"#([^\"]*)\"");
  CHECK(links.size() >= 8);
  for (const std::string& link : links) {
    INFO(link);
    CHECK(unique.count(link) == 1);
  }
  const Document doc = test::sample_document();
  std::size_t explained = 0;
  for (const Block& block : doc.blocks)
    if (const auto* table = std::get_if<Table>(&block))
      for (const Row& row : table->rows)
        for (const Cell& cell : row.cells)
          if (!cell.explain.empty()) {
            ++explained;
            const std::string id = html_id("x-", cell.explain);
            CHECK(html.find("<a class=\"explain\" href=\"#" + id + "\"") != std::string::npos);
            CHECK(unique.count(id) == 1);
          }
  CHECK(explained == 2);
  CHECK(count(html, "<a class=\"explain\" href=\"#x-x-soc-notts\"") == 1);
  CHECK(count(html, "<a class=\"explain\" href=\"#x-x-total-notts\"") == 1);
  CHECK(html.find("<h2>Where the figures come from</h2>") != std::string::npos);
  CHECK(html.find("<article class=\"explanation\" id=\"x-x-soc-notts\">") != std::string::npos);
  CHECK(html.find("<li>share 27.6% &lt;of grant&gt;</li>") != std::string::npos);
  CHECK(html.find(".explanation:target") != std::string::npos);
  CHECK(html.find("<a href=\"#t-contributions\">Back to Contributions") != std::string::npos);
}

TEST_CASE("html: any explanation id gives a working link; an empty explain gives none", "[report][html]") {
  Table t;
  t.id = "odd id";
  t.columns = {Column{"name", "Name", ColumnType::Text, "", -1, std::nullopt, ""}};
  t.rows.push_back(Row{RowKind::Body, {Cell{CellValue{std::string("odd")}, "a b\"<", "", false}}, {}});
  t.rows.push_back(Row{RowKind::Body, {Cell{CellValue{std::string("plain")}, "", "", false}}, {}});
  Document doc;
  doc.blocks.push_back(t);
  doc.explanations = {Explanation{"a b\"<", "Odd", {"line"}}, Explanation{"", "Empty id", {}}};
  const std::string html = render_html(doc);
  CHECK(count(html, "class=\"explain\"") == 1);
  CHECK(html.find("<a class=\"explain\" href=\"#x-a_20b_22_3C\"") != std::string::npos);
  CHECK(html.find("<article class=\"explanation\" id=\"x-a_20b_22_3C\">") != std::string::npos);
  CHECK(html.find("<a href=\"#t-odd_20id\">Back to") != std::string::npos);
  CHECK(html.find("<section class=\"table\" id=\"t-odd_20id\">") != std::string::npos);
}

TEST_CASE("html: footnotes are numbered in the document's order", "[report][html]") {
  const std::string html = render_html(test::sample_document());
  CHECK(html.find("<sup><a href=\"#fn-fn-leics\" id=\"fnref-fn-leics\" class=\"fnref\">1</a></sup>") != std::string::npos);
  CHECK(count(html, "href=\"#fn-fn-leics\"") == 2);  // the paragraph and the column heading
  CHECK(count(html, "<a href=\"#fn-fn-blank\" id=\"fnref-fn-blank\" class=\"fnref\">2</a>") == 1);
  CHECK(html.find("<li id=\"fn-fn-leics\">Leicestershire&#39;s figures &lt;as published&gt;.") != std::string::npos);
  CHECK(html.find("<li id=\"fn-fn-blank\">") != std::string::npos);
}

TEST_CASE("html: each chart is a figure with an accessible svg", "[report][html]") {
  const std::string html = render_html(test::sample_document());
  CHECK(count(html, "<figure class=\"chart\">") == 3);
  CHECK(count(html, "<svg ") == 3);
  CHECK(count(html, "role=\"img\" aria-label=\"") == 3);
  CHECK(html.find("<figcaption>Cash by unit <span class=\"from\">(from <a href=\"#t-contributions\">") != std::string::npos);
  CHECK(html.find("<title>Officers (line)</title>") != std::string::npos);
}

TEST_CASE("html: the same document gives the same bytes", "[report][html]") {
  CHECK(render_html(test::sample_document()) == render_html(test::sample_document()));
}

TEST_CASE("html: a document with no blocks renders", "[report][html]") {
  const std::string html = render_html(Document{});
  CHECK(balanced_tags(html));
  CHECK(html.find("<h1></h1>") != std::string::npos);
  CHECK(html.find("Where the figures come from") == std::string::npos);
  CHECK(html.find("<section class=\"footnotes\">") == std::string::npos);
}

TEST_CASE("html: a chart whose table is missing says so", "[report][html]") {
  Document doc;
  doc.blocks.push_back(Chart{ChartKind::Bar, "Lost", "nowhere<", "name", {"a"}});
  const std::string html = render_html(doc);
  CHECK(html.find("This chart's table, 'nowhere&lt;', is not in the document.") != std::string::npos);
  CHECK(balanced_tags(html));
}

TEST_CASE("svg: bars, stacks and lines of the body rows only", "[report][html]") {
  Table t = money_table({{100000, 5000}, {250000, std::nullopt}});
  t.rows.push_back(Row{RowKind::Total, {Cell{CellValue{std::string("Total")}, "", "", false}, money(350000), money(5000)}, {0, 1}});
  const std::string bars = chart_svg(chart_of(ChartKind::Bar), t);
  check_svg(bars);
  CHECK(count(bars, "<rect x=") == 3);  // the empty cell and the total row draw nothing
  CHECK(bars.find("<title>row 0, a: £1,000.00</title>") != std::string::npos);
  CHECK(bars.find(">£2,500<") != std::string::npos);  // the top tick
  CHECK(bars.find("Total") == std::string::npos);
  const std::string stacked = chart_svg(chart_of(ChartKind::StackedBar), t);
  check_svg(stacked);
  CHECK(count(stacked, "<rect x=") == 3);
  const std::string lines = chart_svg(chart_of(ChartKind::Line), t);
  check_svg(lines);
  CHECK(count(lines, "<circle ") == 3);
  CHECK(count(lines, "<path ") == 2);
}

TEST_CASE("svg: money ticks read like £1.2m", "[report][html]") {
  const std::string svg = chart_svg(chart_of(ChartKind::Bar), money_table({{120'000'000, 30'000'000}}));
  CHECK(svg.find(">£1.2m</text>") != std::string::npos);
  CHECK(svg.find(">£0.2m</text>") != std::string::npos);
  CHECK(svg.find(">£0</text>") != std::string::npos);
  const std::string k = chart_svg(chart_of(ChartKind::Bar), money_table({{50'000'000, 0}}));
  CHECK(k.find(">£500k</text>") != std::string::npos);
}

TEST_CASE("svg: percent ticks", "[report][html]") {
  Table t = money_table({{0, 0}});
  t.columns[1].type = ColumnType::Percent;
  t.rows[0].cells[1].value = Percent::from_units(276000);  // 27.6%
  const std::string svg = chart_svg(Chart{ChartKind::Bar, "Shares", "t", "name", {"a"}}, t);
  CHECK(svg.find(">30%</text>") != std::string::npos);
  CHECK(svg.find(">5%</text>") != std::string::npos);
  CHECK(svg.find("<title>row 0, a: 27.6%</title>") != std::string::npos);
}

TEST_CASE("svg: negative values stack below zero", "[report][html]") {
  const std::string svg = chart_svg(chart_of(ChartKind::StackedBar), money_table({{100000, -50000}}));
  check_svg(svg);
  CHECK(svg.find(">-£200</text>") != std::string::npos);  // a tick below zero
  CHECK(svg.find("<title>row 0, b: -£500.00</title>") != std::string::npos);
  // The zero line lies between the top and the bottom of the plot.
  const auto zero = captures(svg, "<line class=\"zero\" x1=\"[0-9.]+\" y1=\"([0-9.]+)\"");
  REQUIRE(zero.size() == 1);
  CHECK(std::stod(zero[0]) > 16.5);
  CHECK(std::stod(zero[0]) < 235.5);
}

TEST_CASE("svg: awkward tables draw without a fault", "[report][html]") {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  const std::vector<Table> tables = {
      money_table({}),
      money_table({{0, 0}, {0, 0}}),
      money_table({{1, std::nullopt}}),
      money_table({{-5, -7}, {-1, 3}}),
      money_table({{kMax, kMax}, {kMin, kMin}, {kMax - 1, 1}}),
      money_table({{std::nullopt, std::nullopt}}),
  };
  for (const Table& t : tables)
    for (const ChartKind kind : {ChartKind::Bar, ChartKind::StackedBar, ChartKind::Line}) {
      INFO(chart_kind_name(kind) << " of " << t.rows.size() << " rows");
      check_svg(chart_svg(chart_of(kind), t));
    }
  CHECK(chart_svg(chart_of(ChartKind::Bar), tables[0]).find(">No data</text>") != std::string::npos);
  const std::string huge = chart_svg(chart_of(ChartKind::Bar), tables[4]);
  CHECK(huge.find("<title>row 0, a: £92,233,720,368,547,758.07</title>") != std::string::npos);
}

TEST_CASE("svg: a long category is cut, its full text kept in a title", "[report][html]") {
  Table t = money_table({{1, 2}});
  const std::string name = "Regional Organised Crime Unit & Serious Collision Investigation";
  t.rows[0].cells[0].value = name;
  const std::string svg = chart_svg(chart_of(ChartKind::Bar), t);
  check_svg(svg);
  CHECK(svg.find("<title>Regional Organised Crime Unit &amp; Serious Collision Investigation</title>") != std::string::npos);
  CHECK(svg.find("\u2026</text>") == std::string::npos);  // one wide band: the whole name fits
  for (int i = 0; i < 19; ++i) t.rows.push_back(t.rows[0]);
  const std::string narrow = chart_svg(chart_of(ChartKind::Bar), t);
  check_svg(narrow);
  CHECK(count(narrow, "\u2026</text>") == 20);
  CHECK(narrow.find("rotate(-40") != std::string::npos);
}

TEST_CASE("svg: the same table gives the same bytes", "[report][html]") {
  const Table t = money_table({{123456, 789}, {-42, std::nullopt}});
  CHECK(chart_svg(chart_of(ChartKind::Line), t) == chart_svg(chart_of(ChartKind::Line), t));
}
