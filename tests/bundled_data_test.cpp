// The bundled East Midlands data set, checked against the source documents'
// own figures (shared/seeds). If a transcription slips, these fail.

#include <catch2/catch.hpp>

#include <algorithm>

#include "load/loader.h"
#include "test_support.h"

using namespace collab;

namespace {

// Loaded once for every test here.
const load::LoadOutcome& loaded() {
  static const load::LoadOutcome outcome = load::load_data_set(test::source_dir());
  return outcome;
}

const Model& east_midlands() {
  if (!loaded().model) {
    for (const auto& d : loaded().diagnostics.items()) UNSCOPED_INFO(format_diagnostic(d));
    FAIL("the bundled data set does not load");
  }
  return *loaded().model;
}

const Diagnostics& east_midlands_diagnostics() { return loaded().diagnostics; }

Money pounds(int64_t p) { return Money::from_pounds(p); }

}  // namespace

TEST_CASE("bundled data: five forces, and the 2015/16 grants add up to £459,581,623 (pcp-2017)") {
  const Model& m = east_midlands();
  CHECK(m.forces.size() == 5);
  Money total;
  for (const auto& f : m.forces) {
    auto grant = m.central_grant(f.id, FinancialYear::starting(2015));
    REQUIRE(grant);
    total += *grant;
  }
  CHECK(total == pounds(459581623));
  CHECK(m.central_grant("nottinghamshire", FinancialYear::starting(2015)) == pounds(126777533));
  CHECK(m.central_grant("lincolnshire", FinancialYear::starting(2015)) == pounds(59064939));
}

TEST_CASE("bundled data: 620 officers and 535 staff work in collaborative functions (hmic-2013 Figure 5)") {
  const Model& m = east_midlands();
  REQUIRE(m.workforce);
  int64_t officers = 0, staff = 0;
  for (const auto& row : m.workforce->rows) {
    officers += row.officers;
    staff += row.staff;
  }
  CHECK(officers == 620);
  CHECK(staff == 535);
  REQUIRE(m.workforce->region_total);
  CHECK(m.workforce->region_total->total == 12740);
}

TEST_CASE("bundled data: savings against baseline add up to £13,757,887 at 32.76% (pcp-2017)") {
  const Model& m = east_midlands();
  REQUIRE(m.savings_against_baseline);
  Money saved, baseline;
  for (const auto& row : m.savings_against_baseline->rows) {
    saved += row.annual_saving;
    baseline += mul_div(row.annual_saving, 100 * Percent::kUnitsPerPercent, row.percent_of_baseline.units());
  }
  CHECK(m.savings_against_baseline->rows.size() == 9);
  CHECK(saved == pounds(13757887));
  CHECK(format_percent(percent_of(saved, baseline), 2) == "32.76%");
}

TEST_CASE("bundled data: the 2016/17 budgets are the contributions table's totals (pcp-2017)") {
  const Model& m = east_midlands();
  auto budget = std::find_if(m.budgets.begin(), m.budgets.end(),
                             [](const BudgetTable& b) { return b.year == FinancialYear::starting(2016); });
  REQUIRE(budget != m.budgets.end());
  Money cash, in_kind;
  for (const auto& line : budget->lines) {
    cash += line.cash.value_or(Money{});
    in_kind += line.in_kind.value_or(Money{});
  }
  // The printed "Total Cash Contributions" is £22,569,979; its rows' totals add up to £22,569,980.
  CHECK(cash == pounds(22569980));
  CHECK(in_kind == pounds(7760487));
}

TEST_CASE("bundled data: collab check warns about each published total that does not add up") {
  east_midlands();
  std::string text;
  for (const auto& d : east_midlands_diagnostics().items())
    if (d.severity == Severity::Warning) text += format_diagnostic(d) + "\n";
  INFO(text);
  CHECK_THAT(text, Catch::Contains("row 'EMSOU MC': the figures add up to £943,449.00 but the table prints £943,448.00 (difference +£1.00)"));
  CHECK_THAT(text, Catch::Contains("row 'EMCHRS L&D': the figures add up to £2,398,300.00 but the table prints £2,398,301.00 (difference -£1.00)"));
  CHECK_THAT(text, Catch::Contains("row 'EM LEGAL SERVICE': the figures add up to £1,405,899.00 but the table prints £1,405,900.00 (difference -£1.00)"));
  CHECK_THAT(text, Catch::Contains("'Total Cash Contributions', Notts column: the figures add up to £6,327,643.00 but the table prints £6,327,645.00 (difference -£2.00)"));
  CHECK(east_midlands_diagnostics().errors() == 0);
}
