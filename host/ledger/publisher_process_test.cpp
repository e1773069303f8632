// The publisher-process solver on small tables worked by hand (the figures in the comments); the
// bundled 2016/17 table of pcp-2017 is tested in ledger_test.cpp, where its ledger is built.

#include "ledger/publisher_process.h"

#include <catch2/catch.hpp>

using namespace collab;
using namespace collab::ledger;

namespace {

Money pounds(int64_t p) { return Money::from_pounds(p); }
Money pence(int64_t p) { return Money::from_pence(p); }

ProcessTable::Row row(std::string label, int64_t budget, std::vector<Fraction> shares, std::vector<int64_t> cells,
                      int64_t total) {
  ProcessTable::Row r{std::move(label), pounds(budget), {}, {}, pounds(total)};
  for (const auto& s : shares) r.shares.push_back(s);
  for (int64_t c : cells) r.cells.push_back(pounds(c));
  return r;
}

ProcessTable::TotalRow total_row(std::vector<int> rows, std::vector<int64_t> cells, int64_t total) {
  ProcessTable::TotalRow t{"Total", std::move(rows), {}, pounds(total)};
  for (int64_t c : cells) t.cells.push_back(pounds(c));
  return t;
}

const Process kPenceHalfUp{Halves::HalfUp, Totals::RoundedAlone, Budgets::Pence};

}  // namespace

TEST_CASE("round_pounds rounds halves up or to even, exactly") {
  CHECK(round_pounds(250, 100, Halves::HalfUp) == pounds(3));
  CHECK(round_pounds(250, 100, Halves::HalfEven) == pounds(2));
  CHECK(round_pounds(350, 100, Halves::HalfEven) == pounds(4));
  CHECK(round_pounds(249, 100, Halves::HalfUp) == pounds(2));
  CHECK(round_pounds(251, 100, Halves::HalfEven) == pounds(3));
  // £9,568,875 x 27.6% = £2,641,009.50: both rules give £2,641,010 (2,641,009 is odd).
  CHECK(round_pounds(Int128{956887500} * 276, 100000, Halves::HalfUp) == pounds(2641010));
  CHECK(round_pounds(Int128{956887500} * 276, 100000, Halves::HalfEven) == pounds(2641010));
}

TEST_CASE("a table rounded half to even with whole-pound budgets is named so") {
  // £5 split 1/2 : 1/2 is £2.50 each: half to even prints 2 and 2, half up 3 and 3.
  ProcessTable t{{"a", "b"}, {row("X", 5, {{1, 2}, {1, 2}}, {2, 2}, 5)}, {}};
  const ProcessReconciliation r = test_processes(t);
  CHECK(r.published == 3);
  CHECK(process_name(r.best_fit().process) == "whole-pounds/half-even/totals-rounded-alone");
  CHECK(r.best_fit().exact());
  CHECK(r.candidates.front().reproduced == 1);  // half up misses both cells
  CHECK(r.unexplained.empty());
}

TEST_CASE("a table whose totals are sums of rounded cells is named so") {
  // £5 split 1/2 : 1/2 rounds half up to 3 and 3, printed with a TOTAL of 6: the cells added up.
  ProcessTable t{{"a", "b"}, {row("X", 5, {{1, 2}, {1, 2}}, {3, 3}, 6)}, {}};
  const ProcessReconciliation r = test_processes(t);
  CHECK(process_name(r.best_fit().process) == "whole-pounds/half-up/totals-summed");
  CHECK(r.best_fit().exact());
  REQUIRE(r.candidates.front().misses.size() == 1);
  CHECK(r.candidates.front().misses[0].predicted == pounds(5));
}

TEST_CASE("budgets in pence are solved from the cells and the coupled total row") {
  // Shares 1/4 : 3/4. Row A prints 2, 7, TOTAL 10: at £10 the cells would be 3 (2.50 up) and 8
  // (7.50 up), so A is in [£9.50, £9.99] (p/4 < 2.5, 3p/4 < 7.5, p >= 950). Row B prints 5, 15,
  // 20: B in [£19.50, £20.49]. The total row prints 7, 22, 29: A + B in [£28.67, £29.49]
  // (3s/4 >= 21.5, s < 29.50), so B <= £29.49 - £9.50 = £19.99: B must carry pence too.
  ProcessTable t{{"a", "b"},
                 {row("A", 10, {{1, 4}, {3, 4}}, {2, 7}, 10), row("B", 20, {{1, 4}, {3, 4}}, {5, 15}, 20)},
                 {total_row({0, 1}, {7, 22}, 29)}};
  const CandidateFit f = fit(t, kPenceHalfUp);
  CHECK(f.published == 9);
  CHECK(f.exact());
  REQUIRE(f.budget_fits.size() == 2);
  REQUIRE(f.budget_fits[0].feasible.size() == 1);
  CHECK(f.budget_fits[0].feasible[0].lowest == pence(950));
  CHECK(f.budget_fits[0].feasible[0].highest == pence(999));
  CHECK(f.budget_fits[0].needs_pence);
  REQUIRE(f.budget_fits[1].feasible.size() == 1);
  CHECK(f.budget_fits[1].feasible[0].lowest == pence(1950));
  CHECK(f.budget_fits[1].feasible[0].highest == pence(1999));
  CHECK(f.budget_fits[1].needs_pence);
  // Whole pounds: A's cells are 2.50 and 7.50, the total row's 7.50, 22.50 and £30 (printed 29).
  // Half up gives 3, 8, 8, 23, 30: 4 of 9 right (A's TOTAL, B's three). Half to even gives 2, 8,
  // 8, 22, 30: 6 of 9.
  CHECK(fit(t, {Halves::HalfUp, Totals::RoundedAlone, Budgets::WholePounds}).reproduced == 4);
  CHECK(fit(t, {Halves::HalfEven, Totals::RoundedAlone, Budgets::WholePounds}).reproduced == 6);
  const ProcessReconciliation r = test_processes(t);
  CHECK(process_name(r.best_fit().process) == "pence/half-up/totals-rounded-alone");
}

TEST_CASE("a budget the coupled totals leave whole is not said to need pence") {
  // As above, with B printed 5, 15, 20 and a total row of 7, 22, 30: A + B in [£29.50, £29.99]
  // with A in [£9.50, £9.99] lets B be £20.00 (A + B = £29.50..£29.99).
  ProcessTable t{{"a", "b"},
                 {row("A", 10, {{1, 4}, {3, 4}}, {2, 7}, 10), row("B", 20, {{1, 4}, {3, 4}}, {5, 15}, 20)},
                 {total_row({0, 1}, {7, 22}, 30)}};
  const CandidateFit f = fit(t, kPenceHalfUp);
  CHECK(f.exact());
  REQUIRE(f.budget_fits.size() == 2);
  CHECK(f.budget_fits[0].needs_pence);
  CHECK_FALSE(f.budget_fits[1].needs_pence);
  REQUIRE(f.budget_fits[0].with_others_whole.size() == 1);  // B at £20: A + 2000 in [2950, 2999]
  CHECK(f.budget_fits[0].with_others_whole[0].lowest == pence(950));
  CHECK(f.budget_fits[0].with_others_whole[0].highest == pence(999));
}

TEST_CASE("a coupled total no budgets can meet is a miss, and the fit says how many were met") {
  // Row A alone needs [£9.50, £9.99]; a total row printing 11 for A's TOTAL cannot be met.
  ProcessTable t{{"a", "b"}, {row("A", 10, {{1, 4}, {3, 4}}, {2, 7}, 10)}, {total_row({0}, {2, 7}, 11)}};
  const CandidateFit f = fit(t, kPenceHalfUp);
  CHECK(f.published == 6);
  CHECK(f.reproduced == 5);
  CHECK_FALSE(f.exact());
  REQUIRE(f.misses.size() == 1);
  CHECK(f.misses[0].total_row);
  CHECK_FALSE(f.misses[0].column.has_value());
  CHECK(f.budget_fits.empty());
}

TEST_CASE("numbers no candidate reproduces are listed as unexplained") {
  // £5 split 1/2 : 1/2 can never print 10 for a cell, whatever the pence or the rounding.
  ProcessTable t{{"a", "b"}, {row("X", 5, {{1, 2}, {1, 2}}, {10, 2}, 5)}, {}};
  const ProcessReconciliation r = test_processes(t);
  REQUIRE(r.unexplained.size() == 1);
  CHECK(r.unexplained[0].published == pounds(10));
  CHECK(r.unexplained[0].column == std::optional<std::string>("a"));
}

TEST_CASE("a coupled search too large to finish says so rather than guessing") {
  // Five rows with five different share vectors under one total row: four groups enumerated of
  // about 100 pence each is 10^8 combinations, beyond the search's bound.
  ProcessTable t{{"a", "b"}, {}, {}};
  for (int64_t k = 2; k <= 6; ++k) {
    // £60 split 1/k : (k-1)/k: whole pounds throughout, so each row's own numbers allow ±50p.
    t.rows.push_back(row("R" + std::to_string(k), 60, {{1, k}, {k - 1, k}}, {60 / k, 60 - 60 / k}, 60));
  }
  t.totals.push_back(total_row({0, 1, 2, 3, 4}, {30 + 20 + 15 + 12 + 10, 300 - 87}, 300));
  const CandidateFit f = fit(t, kPenceHalfUp);
  CHECK_FALSE(f.solved);
  CHECK_FALSE(f.exact());
  CHECK(f.budget_fits.empty());
  // Whole pounds reproduce every number: the simplest process is still found.
  const ProcessReconciliation r = test_processes(t);
  CHECK(r.best_fit().exact());
  CHECK(process_name(r.best_fit().process) == "whole-pounds/half-up/totals-rounded-alone");
}
