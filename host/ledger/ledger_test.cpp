// The 2016/17 ledger of the bundled data, checked against pcp-2017's "Force Financial
// Contributions 2016/17" table (shared/seeds): every row adds up to its budget exactly, every
// cell is within £2 of the published one, and the shares are the published percentages.

#include "ledger/ledger.h"
#include "ledger/publisher_process.h"
#include "ledger/reconcile.h"
#include "formula/formula_library.h"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <random>

#include "load/loader.h"
#include "test_support.h"

using namespace collab;
using namespace collab::ledger;

namespace {

const FinancialYear k2016 = FinancialYear::starting(2016);
const Money kPound = Money::from_pounds(1);

std::string all(const Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items()) out += format_diagnostic(item) + "\n";
  return out;
}

struct Computed {
  std::shared_ptr<const Model> model;
  std::unique_ptr<formula::FormulaLibrary> formulae;
  Ledger ledger;
};

Computed compute(const std::filesystem::path& data_root, FinancialYear year, Money unit = kPound) {
  auto outcome = load::load_data_set(data_root);
  REQUIRE(outcome.model);
  Diagnostics d;
  auto formulae = formula::FormulaLibrary::load(test::source_dir(), outcome.model, d);
  Ledger ledger = compute_ledger(*formulae, outcome.model, year, unit, d);
  INFO(all(d));
  REQUIRE(d.empty());
  return {outcome.model, std::move(formulae), std::move(ledger)};
}

const Computed& east_midlands_2016() {
  static const Computed computed = compute(test::source_dir(), k2016);
  return computed;
}

const PublishedContributions& published_2016(const Model& m) {
  for (const auto& table : m.published_contributions)
    if (table.year == k2016) return table;
  FAIL("no published 2016/17 table");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("2016/17: every computed row adds up exactly to its unit's budget") {
  const Computed& c = east_midlands_2016();
  REQUIRE(c.ledger.rows.size() == 9);  // eight cash lines and EMSOU officers in kind
  for (const LedgerRow& row : c.ledger.rows) {
    INFO(row.unit);
    CHECK(row.total() == row.budget);
    for (const Contribution& contribution : row.contributions) CHECK(contribution.part.amount.pence() % 100 == 0);
  }
  Money all;
  for (const ForceTotal& t : c.ledger.totals) all = all + t.all();
  CHECK(all == c.ledger.total(ContributionKind::Cash) + c.ledger.total(ContributionKind::InKind));
  CHECK(c.ledger.total(ContributionKind::InKind) == Money::from_pounds(7760487));
}

TEST_CASE("2016/17: five-force rows split by 27.6/23.0/21.8/14.7/12.9, the L&D row by 31.7/26.4/25.0/16.9") {
  const Computed& c = east_midlands_2016();
  auto shares = [&](const UnitId& unit) {
    const LedgerRow* row = c.ledger.find(unit, ContributionKind::Cash);
    REQUIRE(row != nullptr);
    std::map<ForceId, std::string> out;
    for (const Contribution& contribution : row->contributions) out[contribution.force] = decimal_text(*contribution.share.rounded);
    return out;
  };
  using S = std::map<ForceId, std::string>;
  CHECK(shares("emsou-soc") == S{{"nottinghamshire", "27.6"},
                                 {"leicestershire", "23"},
                                 {"derbyshire", "21.8"},
                                 {"northamptonshire", "14.7"},
                                 {"lincolnshire", "12.9"}});
  CHECK(shares("emchrs-ld") == S{{"nottinghamshire", "31.7"},
                                 {"leicestershire", "26.4"},
                                 {"derbyshire", "25"},
                                 {"northamptonshire", "16.9"}});
  // The published table's column headings carry the same percentages.
  for (const PublishedColumn& column : published_2016(*c.model).columns) {
    const Contribution* soc = c.ledger.find("emsou-soc", ContributionKind::Cash)->find(column.force);
    REQUIRE(soc != nullptr);
    CHECK(decimal_text(*soc->share.rounded) == decimal_text(Decimal{column.percent->units(), 4}));
  }
}

TEST_CASE("2016/17: every published cell is matched within £2") {
  const Computed& c = east_midlands_2016();
  const PublishedContributions& published = published_2016(*c.model);
  int cells = 0;
  for (const PublishedRow& row : published.rows) {
    REQUIRE(row.unit);
    const LedgerRow* computed = c.ledger.find(*row.unit, row.kind);
    REQUIRE(computed != nullptr);
    CHECK(computed->contributions.size() == row.amounts.size());
    for (const auto& [force, amount] : row.amounts) {
      const Contribution* contribution = computed->find(force);
      REQUIRE(contribution != nullptr);
      INFO(*row.unit << " " << force << ": computed " << format_money(contribution->part.amount) << ", published "
                     << format_money(amount));
      const int64_t variance = contribution->part.amount.pence() - amount.pence();
      CHECK(std::abs(variance) <= 200);
      ++cells;
    }
  }
  CHECK(cells == 44);  // 8 five-force rows, and L&D's four cells
}

TEST_CASE("to the penny, rows still add up exactly") {
  const Computed c = compute(test::source_dir(), k2016, Money::from_pence(1));
  for (const LedgerRow& row : c.ledger.rows) CHECK(row.total() == row.budget);
  const Contribution* notts = c.ledger.find("emsou-soc", ContributionKind::Cash)->find("nottinghamshire");
  CHECK(notts->part.amount == Money::from_pence(264100950));  // £9,568,875 x 27.6% exactly
}

TEST_CASE("a year without budgets is an error that names the years that have them") {
  auto outcome = load::load_data_set(test::source_dir());
  Diagnostics d;
  auto formulae = formula::FormulaLibrary::load(test::source_dir(), outcome.model, d);
  const Ledger ledger = compute_ledger(*formulae, outcome.model, FinancialYear::starting(2019), kPound, d);
  CHECK(ledger.rows.empty());
  REQUIRE(d.errors() == 1);
  CHECK(d.items()[0].message == "no budgets for 2019/20");
  CHECK(d.items()[0].hint == "budgets are given for 2016/17");
}

TEST_CASE("2016/17 reconciliation: every variance is a rounding the source did, and says so") {
  const Computed& c = east_midlands_2016();
  const Reconciliation r = reconcile(c.ledger, published_2016(*c.model));
  CHECK(r.cells() == 54);  // 44 unit cells and two total rows of five
  CHECK(r.matching() == 46);
  CHECK(r.totals() == 11);  // the TOTAL column: nine rows and two total rows
  CHECK(r.totals_matching() == 9);
  CHECK(r.largest_variance() == Money::from_pounds(2));
  // A total row's cell that differs is its column's exact shares added up, then rounded on its own:
  // Notts' cash cells add up to £6,327,643, the exact shares to £6,327,644.82, printed £6,327,645.
  for (const RowCheck& row : r.rows)
    for (const CellCheck& cell : row.cells) {
      if (cell.matches()) continue;
      INFO(row.label << " " << cell.force << ": " << cause_name(cell.cause->kind));
      CHECK(cell.cause->kind == (row.total_row ? CauseKind::TotalRoundedAlone : CauseKind::CellRounding));
    }
  const CellCheck& cash_notts = r.rows[9].cells[0];
  REQUIRE(cash_notts.cause);
  CHECK(cash_notts.cause->exact_sum == Money::from_pence(632764482));
  CHECK(cash_notts.cause->published_sum == Money::from_pounds(6327643));
  // Two cells agree with the ledger but are not their exact share rounded on its own: SOC Notts
  // (£2,641,009.50, which rounds to £2,641,010 halves up or to even) and EMPCT Derbys
  // (£112,782.518); and the two grand totals are not the budgets' sum: budgets with pence.
  CHECK(r.noted() == 4);
  const CellCheck& soc = r.rows[0].cells[0];
  REQUIRE(soc.cause);
  CHECK(soc.cause->kind == CauseKind::BudgetPence);
  CHECK(soc.cause->half_up == Money::from_pounds(2641010));
  CHECK(soc.cause->half_even == Money::from_pounds(2641010));
  REQUIRE(soc.cause->budget.size() == 1);
  CHECK(soc.cause->budget[0].lowest == Money::from_pence(956887450));
  const CellCheck& pct = r.rows[7].cells[2];
  REQUIRE(pct.cause);
  CHECK(pct.cause->kind == CauseKind::BudgetPence);
  CHECK(pct.cause->exact_share == Money::from_pence(11278252));
  REQUIRE(r.rows[9].total);
  CHECK(r.rows[9].total->computed == Money::from_pounds(22569980));
  CHECK(r.rows[9].total->published == Money::from_pounds(22569979));
  CHECK(r.rows[9].total->cause->kind == CauseKind::BudgetPence);
  const RowCheck& mc = r.rows[2];
  REQUIRE(mc.label == "EMSOU MC");
  CHECK(mc.note == RowNote::CellsDoNotAddUp);
  CHECK(mc.published_sum == Money::from_pounds(943449));
  CHECK(mc.published_total == Money::from_pounds(943448));
  CHECK(mc.budget == Money::from_pounds(943448));
  REQUIRE(mc.cells[0].cause);
  CHECK(mc.cells[0].cause->kind == CauseKind::CellRounding);
  CHECK(mc.cells[0].cause->exact_share == Money::from_pence(26039165));
  CHECK(mc.cells[0].published == Money::from_pounds(260392));
  CHECK(mc.cells[0].computed == Money::from_pounds(260391));
}

TEST_CASE("a participant the formula gives no weight is an error naming the formula, the force and the unit") {
  // A copy of the bundled data in which L&D names `fixed` with a share for Notts alone.
  test::TempDir dir;
  std::filesystem::copy(test::source_dir() / "data", dir.path() / "data");
  const auto file = dir.path() / "data/collaborations.json";
  nlohmann::json data = nlohmann::json::parse(std::ifstream(file));
  for (auto& unit : data["collaborations"])
    if (unit["id"] == "emchrs-ld")
      unit["formula"] = {{{"from", "2016/17"}, {"id", "fixed"}, {"params", {{"shares", {{"nottinghamshire", 100}}}}}}};
  std::ofstream(file) << data.dump(2);

  auto outcome = load::load_data_set(dir.path());
  REQUIRE(outcome.model);
  Diagnostics d;
  auto formulae = formula::FormulaLibrary::load(test::source_dir(), outcome.model, d);
  const Ledger ledger = compute_ledger(*formulae, outcome.model, k2016, kPound, d);
  REQUIRE(ledger.rows.size() == 9);  // the failed row is kept, marked; every other row is computed
  CHECK(ledger.failed() == 1);
  const LedgerRow* ld = ledger.find("emchrs-ld", ContributionKind::Cash);
  REQUIRE(ld != nullptr);
  CHECK(ld->failed());
  CHECK(ld->contributions.empty());
  for (const LedgerRow& row : ledger.rows)
    if (&row != ld) CHECK(row.total() == row.budget);
  // The totals leave the failed row out.
  CHECK(ledger.total(ContributionKind::Cash) == Money::from_pounds(22569980 - 2398301));
  REQUIRE(d.errors() == 1);
  REQUIRE(ld->problems.size() == 1);
  CHECK(d.items()[0].message == "parameter 'shares' of formula 'fixed': no share for 'derbyshire', which takes part");
  CHECK(d.items()[0].where.file == "data/collaborations.json");
  CHECK(d.items()[0].where.line > 0);
  CHECK(d.items()[0].hint.starts_with("raised at scripts/formulae/fixed.lua:"));
  // A second ledger on the same library gets the same error: a failure is never cached away.
  Diagnostics again;
  const Ledger second = compute_ledger(*formulae, outcome.model, k2016, kPound, again);
  CHECK(second.failed() == 1);
  CHECK(again.errors() == 1);
}

TEST_CASE("a true 50/50 blend of grant and equal shares among L&D's four forces, against hand-worked figures") {
  // On a changed copy of the model, evaluated by the same warm library: the baseline stays.
  const Computed& c = east_midlands_2016();
  auto changed = std::make_shared<Model>(*c.model);
  for (Collaboration& unit : changed->collaborations)
    if (unit.id == "emchrs-ld")
      unit.formula = {FormulaChoice{FinancialYear::starting(2016), "blended",
                                    test::params({{"mix", {{"grant", 50}, {"equal", 50}}}}), {"data/test.json", 1, 1}}};
  Diagnostics d;
  const Ledger blended = compute_ledger(*c.formulae, changed, k2016, kPound, d);
  INFO(all(d));
  REQUIRE(d.empty());
  const LedgerRow* ld = blended.find("emchrs-ld", ContributionKind::Cash);
  REQUIRE(ld != nullptr);
  // Notts: (126,777,533 / 400,516,684 / 2 + 1/4 / 2) x £2,398,301 = £679,360.68; with the
  // largest remainder at £1: Derbys 600,403, Leics 615,945, Northants 502,592, Notts 679,361.
  using A = std::map<ForceId, int64_t>;
  A got;
  for (const Contribution& contribution : ld->contributions) got[contribution.force] = contribution.part.amount.pence() / 100;
  INFO(got.at("derbyshire") << " " << got.at("leicestershire") << " " << got.at("northamptonshire") << " "
                             << got.at("nottinghamshire"));
  CHECK(got == A{{"derbyshire", 600403}, {"leicestershire", 615945}, {"northamptonshire", 502592}, {"nottinghamshire", 679361}});
  CHECK(ld->total() == ld->budget);
  // The baseline ledger is untouched.
  CHECK(c.ledger.find("emchrs-ld", ContributionKind::Cash)->find("nottinghamshire")->part.amount ==
        Money::from_pounds(760261));
}

TEST_CASE("random budgets with pence: every row adds up exactly, at most one part has pence") {
  const Computed& c = east_midlands_2016();
  std::mt19937_64 random(20161701);
  for (int round = 0; round < 100; ++round) {
    auto changed = std::make_shared<Model>(*c.model);
    for (BudgetTable& table : changed->budgets)
      for (BudgetLine& line : table.lines) {
        if (line.cash) line.cash = Money::from_pence(static_cast<int64_t>(random() % 5'000'000'000ULL));
        if (line.in_kind) line.in_kind = Money::from_pence(static_cast<int64_t>(random() % 5'000'000'000ULL));
      }
    for (Money unit : {kPound, Money::from_pence(1)}) {
      Diagnostics d;
      const Ledger ledger = compute_ledger(*c.formulae, changed, k2016, unit, d);
      REQUIRE(d.empty());
      for (const LedgerRow& row : ledger.rows) {
        INFO(row.unit << " " << format_money(row.budget));
        CHECK(row.total() == row.budget);
        int with_pence = 0;
        for (const Contribution& part : row.contributions) {
          CHECK(part.part.amount >= Money{});
          with_pence += part.part.amount.pence() % unit.pence() == 0 ? 0 : 1;
        }
        CHECK(with_pence <= (row.budget.pence() % unit.pence() == 0 ? 0 : 1));
      }
    }
  }
}

namespace {

// The 2016/17 reconciliation of a copy of the bundled model whose published table `edit` changed.
template <class Edit>
Reconciliation reconcile_edited(Edit edit) {
  const Computed& c = east_midlands_2016();
  auto changed = std::make_shared<Model>(*c.model);
  edit(*changed);
  Diagnostics d;
  const Ledger ledger = compute_ledger(*c.formulae, changed, k2016, kPound, d);
  return reconcile(ledger, *published_for(*changed, k2016));
}

PublishedRow& published_row(Model& m, const std::string& label) {
  for (auto& table : m.published_contributions)
    for (auto& row : table.rows)
      if (row.label == label) return row;
  throw std::logic_error("no published row " + label);
}

const CellCheck& cell_of(const Reconciliation& r, const std::string& label, const ForceId& force) {
  for (const auto& row : r.rows)
    if (row.label == label)
      for (const auto& cell : row.cells)
        if (cell.force == force) return cell;
  throw std::logic_error("no cell " + label + " " + force);
}

}  // namespace

TEST_CASE("each cause of a variance is found where it applies") {
  SECTION("the source rounded each cell (the bundled table)") {
    const Reconciliation r = reconcile_edited([](Model&) {});
    const CellCheck& cell = cell_of(r, "EMSOU SOC", "nottinghamshire");
    CHECK(cell.matches());  // exact £2,641,009.50: the largest remainder gives £2,641,009, as published
    const CellCheck& mc = cell_of(r, "EMSOU MC", "nottinghamshire");
    REQUIRE(mc.cause);
    CHECK(mc.cause->kind == CauseKind::CellRounding);
  }
  SECTION("the source split by unrounded shares") {
    // L&D Notts: 27.6 / 87.1 = 31.6877% unrounded, x £2,398,301 = £759,966.79, printed £759,967.
    const Reconciliation r = reconcile_edited([](Model& m) {
      published_row(m, "EMCHRS L&D").amounts.at("nottinghamshire") = Money::from_pounds(759967);
    });
    const CellCheck& cell = cell_of(r, "EMCHRS L&D", "nottinghamshire");
    REQUIRE(cell.cause);
    CHECK(cell.cause->kind == CauseKind::UnroundedShares);
    CHECK(decimal_text(*cell.cause->unrounded_percent) == "31.6877");
    CHECK(decimal_text(*cell.cause->step) == "0.1");
  }
  SECTION("within one rounding unit, but not the nearest pound") {
    const Reconciliation r = reconcile_edited([](Model& m) {
      published_row(m, "EMSOU SOC").amounts.at("nottinghamshire") = Money::from_pounds(2641008);
    });
    const CellCheck& cell = cell_of(r, "EMSOU SOC", "nottinghamshire");
    REQUIRE(cell.cause);
    CHECK(cell.cause->kind == CauseKind::BudgetPence);
    CHECK(cell.cause->exact_share == Money::from_pence(264100950));
  }
  SECTION("further off than any rounding") {
    const Reconciliation r = reconcile_edited([](Model& m) {
      published_row(m, "EMSOU SOC").amounts.at("nottinghamshire") = Money::from_pounds(2640000);
    });
    const CellCheck& cell = cell_of(r, "EMSOU SOC", "nottinghamshire");
    REQUIRE(cell.cause);
    CHECK(cell.cause->kind == CauseKind::NotRounding);
    CHECK(cell.cause->gap == Money::from_pence(-100950));
    CHECK(r.largest_variance() == Money::from_pounds(1009));
  }
  SECTION("a blank published cell for a participant") {
    const Reconciliation r = reconcile_edited([](Model& m) { published_row(m, "EMPCT").amounts.erase("lincolnshire"); });
    const CellCheck& cell = cell_of(r, "EMPCT", "lincolnshire");
    REQUIRE(cell.cause);
    CHECK(cell.cause->kind == CauseKind::NotPublished);
    CHECK_FALSE(cell.published);
  }
  SECTION("a published cell for a force the register does not list") {
    const Reconciliation r = reconcile_edited([](Model& m) {
      published_row(m, "EMCHRS L&D").amounts["lincolnshire"] = Money::from_pounds(1);
    });
    const CellCheck& cell = cell_of(r, "EMCHRS L&D", "lincolnshire");
    REQUIRE(cell.cause);
    CHECK(cell.cause->kind == CauseKind::NotInRegister);
    CHECK_FALSE(cell.computed);
  }
  SECTION("a row the ledger could not compute") {
    const Reconciliation r = reconcile_edited([](Model& m) {
      for (Collaboration& unit : m.collaborations)
        if (unit.id == "emchrs-ld")
          unit.formula = {FormulaChoice{FinancialYear::starting(2016), "fixed",
                                        test::params({{"shares", {{"nottinghamshire", 100}}}}), {"data/test.json", 1, 1}}};
    });
    const CellCheck& cell = cell_of(r, "EMCHRS L&D", "nottinghamshire");
    REQUIRE(cell.cause);
    CHECK(cell.cause->kind == CauseKind::RowNotComputed);
    for (const auto& row : r.rows)
      if (row.label == "EMCHRS L&D") CHECK(row.note == RowNote::RowFailed);
  }
  SECTION("a total row's cell is its exact shares added up and rounded on its own") {
    const Reconciliation r = reconcile_edited([](Model&) {});
    const CellCheck& cell = cell_of(r, "TOTAL COST OF COLLABORATION", "nottinghamshire");
    REQUIRE(cell.cause);
    CHECK(cell.cause->kind == CauseKind::TotalRoundedAlone);
    CHECK(cell.computed == Money::from_pounds(8469537));
    CHECK(cell.cause->published_sum == Money::from_pounds(8469537));
    CHECK(cell.cause->exact_sum == Money::from_pence(846953923));
  }
  SECTION("a total row's cell that is the sum of the published cells above") {
    // SOC Notts printed £3 higher and the total with it: £8,469,540 is the column's sum.
    const Reconciliation r = reconcile_edited([](Model& m) {
      published_row(m, "EMSOU SOC").amounts.at("nottinghamshire") = Money::from_pounds(2641012);
      for (auto& t : m.published_contributions[0].totals)
        if (t.label == "TOTAL COST OF COLLABORATION") t.amounts.at("nottinghamshire") = Money::from_pounds(8469540);
    });
    const CellCheck& cell = cell_of(r, "TOTAL COST OF COLLABORATION", "nottinghamshire");
    REQUIRE(cell.cause);
    CHECK(cell.cause->kind == CauseKind::SumOfRows);
    CHECK(cell.cause->published_sum == Money::from_pounds(8469540));
  }
}

TEST_CASE("2016/17: the published table is budgets in pence, every cell and total rounded half up on its own") {
  // Worked from the table in shared/seeds/000_61fbe8061e1c3c09.txt with the formula's shares
  // (27.6/23.0/21.8/14.7/12.9%; L&D 31.7/26.4/25.0/16.9%). At whole pounds SOC Notts is exactly
  // £2,641,009.50 and EMPCT Derbys £112,782.518, so neither rounds to the printed figure, and the
  // total rows' TOTALs come to £22,569,980 and £30,330,467 against 22,569,979 and 30,330,466.
  const Computed& c = east_midlands_2016();
  const ProcessTable table = process_table(c.ledger, published_2016(*c.model));
  const ProcessReconciliation r = test_processes(table);
  CHECK(r.published == 65);
  CHECK(process_name(r.best_fit().process) == "pence/half-up/totals-rounded-alone");
  CHECK(r.best_fit().exact());
  CHECK(r.unexplained.empty());
  const CandidateFit* whole = r.best_whole_pounds();
  REQUIRE(whole != nullptr);
  CHECK(whole->reproduced == 61);
  std::vector<std::string> missed;
  for (const auto& m : whole->misses) missed.push_back(fmt::format("{} {} {}", m.row, m.column.value_or("TOTAL"), m.predicted.pence() / 100));
  CHECK(missed == std::vector<std::string>{"EMSOU SOC nottinghamshire 2641010", "EMPCT derbyshire 112783",
                                           "Total Cash Contributions TOTAL 22569980",
                                           "TOTAL COST OF COLLABORATION TOTAL 30330467"});
  std::map<std::string, std::pair<int64_t, int64_t>> pence;
  for (const auto& b : r.best_fit().budget_fits) {
    REQUIRE(b.feasible.size() == 1);
    pence[b.row] = {b.feasible[0].lowest.pence(), b.feasible[0].highest.pence()};
    CHECK(b.needs_pence == (b.row == "EMSOU SOC" || b.row == "EMPCT"));
  }
  // SOC: 27.6% x budget < 2,641,009.50 needs < £9,568,875; EMPCT: 21.8% x budget < 112,782.50
  // needs <= £517,350.91; each rounds to its TOTAL, so neither is below .50.
  CHECK(pence["EMSOU SOC"] == std::pair<int64_t, int64_t>{956887450, 956887499});
  CHECK(pence["EMPCT"] == std::pair<int64_t, int64_t>{51735050, 51735091});
  CHECK(pence["EMCHRS L&D"] == std::pair<int64_t, int64_t>{239830051, 239830113});
  CHECK(pence["EMSOU - Officers in Kind"] == std::pair<int64_t, int64_t>{776048687, 776048708});
  // With the other budgets whole, SOC + EMPCT must be £10,086,225.42 to .49 (the cash TOTAL below
  // 22,569,979.50, Leics' cash total at least 5,272,637.50), so SOC cannot be .50.
  for (const auto& b : r.best_fit().budget_fits)
    if (b.row == "EMSOU SOC") {
      REQUIRE(b.with_others_whole.size() == 1);
      CHECK(b.with_others_whole[0].lowest.pence() == 956887451);
      CHECK(b.with_others_whole[0].highest.pence() == 956887499);
    }
  REQUIRE(r.best_fit().pence_sum.size() == 1);
  CHECK(r.best_fit().pence_sum[0].lowest.pence() == 1008622542);
  CHECK(r.best_fit().pence_sum[0].highest.pence() == 1008622549);
}
