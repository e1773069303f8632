#include "sample_document.h"

#include <utility>

namespace collab::test {

using namespace collab::report;

namespace {

Cell text(std::string s) { return Cell{CellValue{std::move(s)}, "", "", false}; }
Cell money(int64_t pence, std::string explain = "") {
  return Cell{CellValue{Money::from_pence(pence)}, std::move(explain), "", false};
}
Cell computed_money(int64_t pence, std::string explain = "") {
  return Cell{CellValue{Money::from_pence(pence)}, std::move(explain), "", true};
}
Cell percent(int64_t units) { return Cell{CellValue{Percent::from_units(units)}, "", "", false}; }
Cell count(int64_t n) { return Cell{CellValue{n}, "", "", false}; }
Cell computed_count(int64_t n) { return Cell{CellValue{n}, "", "", true}; }
Cell empty() { return Cell{}; }

Table contributions() {
  Table t;
  t.id = "contributions";
  t.title = "Contributions <script>alert('t')</script> & more";
  t.source = "pcp-2017, Force Financial Contributions 2016/17";
  t.caption = {Span{"Computed to the pound; ", Span::Style::Plain, ""}, Span{"published", Span::Style::Emphasis, ""},
               Span{" beside.", Span::Style::Plain, ""}};
  t.columns = {
      Column{"unit", "Unit", ColumnType::Text, "", -1, std::nullopt, ""},
      Column{"notts", "Notts", ColumnType::Money, "Cash", 0, std::nullopt, ""},
      Column{"leics", "Leics | pipe", ColumnType::Money, "Cash", 0, std::nullopt, "fn-leics"},
      Column{"share", "Share", ColumnType::Percent, "", 1, std::nullopt, ""},
      Column{"published", "Published", ColumnType::Money, "", 0, std::nullopt, ""},
      Column{"variance", "Variance", ColumnType::Money, "", 0, std::make_pair(std::string("notts"), std::string("published")), ""},
  };
  // Row 0: 1,000.00 + 500.50; published 999.00 -> variance 1.00.
  t.rows.push_back(Row{RowKind::Body,
                       {text("EMSOU SOC"), money(100000, "x-soc-notts"), money(50050), percent(276000), money(99900),
                        computed_money(100)},
                       {}});
  // Row 1: hostile text; a formula-like cell; published blank -> variance blank.
  Cell leics_blank = empty();
  leics_blank.footnote = "fn-blank";
  t.rows.push_back(Row{RowKind::Body,
                       {text("=1+1 <b>bold</b>\nsecond line | pipe"), money(-250), leics_blank, percent(125000), empty(),
                        empty()},
                       {}});
  // Row 2: ordinary; published equals computed.
  t.rows.push_back(Row{RowKind::Body,
                       {text("@SUM(A1)"), money(1234567), money(7), percent(5), money(1234567), computed_money(0)},
                       {}});
  // Subtotal of rows 0-2: notts 100000 - 250 + 1234567 = 1334317; leics 50050 + 7 = 50057;
  // published 99900 + 1234567 = 1334467; variance 1334317 - 1334467 = -150.
  t.rows.push_back(Row{RowKind::Subtotal,
                       {text("Subtotal"), computed_money(1334317, "x-total-notts"), computed_money(50057), empty(),
                        computed_money(1334467), computed_money(-150)},
                       {0, 1, 2}});
  // Row 4: after the subtotal.
  t.rows.push_back(Row{RowKind::Body,
                       {text("-1+2"), money(10), money(20), percent(0), money(10), computed_money(0)},
                       {}});
  // Total of every body row (0, 1, 2, 4): notts 1334327; leics 50077; published 1334477; variance -150.
  t.rows.push_back(Row{RowKind::Total,
                       {text("Total"), computed_money(1334327), computed_money(50077), empty(), computed_money(1334477),
                        computed_money(-150)},
                       {0, 1, 2, 4}});
  return t;
}

Table workforce() {
  Table t;
  t.id = "workforce";
  t.title = "Officers and staff";
  t.columns = {
      Column{"function", "Function", ColumnType::Text, "", -1, std::nullopt, ""},
      Column{"officers", "Officers", ColumnType::Integer, "People", -1, std::nullopt, ""},
      Column{"staff", "Staff", ColumnType::Integer, "People", -1, std::nullopt, ""},
      Column{"year", "Year", ColumnType::Year, "", -1, std::nullopt, ""},
      Column{"established", "Established", ColumnType::Date, "", -1, std::nullopt, ""},
  };
  t.rows.push_back(Row{RowKind::Body,
                       {text("Serious and Organised Crime"), count(300), count(46),
                        Cell{CellValue{FinancialYear::starting(2012)}, "", "", false},
                        Cell{CellValue{PartialDate{2011, 9, 0}}, "", "", false}},
                       {}});
  t.rows.push_back(Row{RowKind::Body,
                       {text("Forensics"), count(20), count(180), Cell{CellValue{FinancialYear::starting(2013)}, "", "", false},
                        Cell{CellValue{PartialDate{2013, 3, 31}}, "", "", false}},
                       {}});
  t.rows.push_back(Row{RowKind::Total, {text("Total"), computed_count(320), computed_count(226), empty(), empty()}, {0, 1}});
  return t;
}

}  // namespace

Document sample_document() {
  Document doc;
  doc.id = "sample";
  doc.title = "Sample </title><script>alert(1)</script>";
  doc.subtitle = "Every block & column type";
  doc.params = {DocumentParam{"year", "2016/17"}};
  doc.blocks.push_back(Heading{1, "Heading with <i>markup</i>"});
  doc.blocks.push_back(Paragraph{{Span{"Plain, ", Span::Style::Plain, ""}, Span{"emphasis", Span::Style::Emphasis, ""},
                                  Span{", ", Span::Style::Plain, ""}, Span{"strong *stars*", Span::Style::Strong, ""},
                                  Span{"", Span::Style::Plain, "fn-leics"}}});
  doc.blocks.push_back(Note{{Span{"A note: figures are exact to the penny.", Span::Style::Plain, ""}}});
  doc.blocks.push_back(List{{{Span{"first", Span::Style::Plain, ""}}, {Span{"second <li>", Span::Style::Plain, ""}}}, false});
  doc.blocks.push_back(contributions());
  doc.blocks.push_back(Chart{ChartKind::StackedBar, "Cash by unit", "contributions", "unit", {"notts", "leics"}});
  doc.blocks.push_back(Heading{2, "People"});
  doc.blocks.push_back(workforce());
  doc.blocks.push_back(Chart{ChartKind::Bar, "Officers", "workforce", "function", {"officers", "staff"}});
  doc.blocks.push_back(Chart{ChartKind::Line, "Officers (line)", "workforce", "function", {"officers"}});
  doc.footnotes = {Footnote{"fn-leics", {Span{"Leicestershire's figures <as published>.", Span::Style::Plain, ""}}},
                   Footnote{"fn-blank", {Span{"Blank in the source.", Span::Style::Plain, ""}}}};
  doc.explanations = {
      Explanation{"x-soc-notts", "Nottinghamshire's contribution to EMSOU SOC, 2016/17",
                  {"budget £9,568,875", "share 27.6% <of grant>", "= £1,000.00"}},
      Explanation{"x-total-notts", "Nottinghamshire's subtotal", {"sum of rows 1 to 3"}},
  };
  return doc;
}

}  // namespace collab::test
