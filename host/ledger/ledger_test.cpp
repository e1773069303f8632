// The 2016/17 ledger of the bundled data, checked against pcp-2017's "Force Financial
// Contributions 2016/17" table (shared/seeds): every row adds up to its budget exactly, every
// cell is within £2 of the published one, and the shares are the published percentages.

#include "ledger/ledger.h"
#include "ledger/reconcile.h"

#include <catch2/catch.hpp>

#include <fstream>

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
  Ledger ledger = compute_ledger(*formulae, year, unit, d);
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
  const Ledger ledger = compute_ledger(*formulae, FinancialYear::starting(2019), kPound, d);
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
  CHECK(r.largest_variance() == Money::from_pounds(2));
  for (const RowCheck& row : r.rows)
    for (const CellCheck& cell : row.cells) {
      if (cell.cause.empty()) continue;
      INFO(row.label << " " << cell.force << ": " << cell.cause);
      if (row.total_row)
        CHECK(cell.cause.starts_with("the sum of this force's rows above"));
      else
        CHECK(cell.cause.starts_with("the source rounded each cell on its own"));
    }
  const RowCheck& mc = r.rows[2];
  REQUIRE(mc.label == "EMSOU MC");
  CHECK(mc.row_note ==
        "the published cells add up to £943,449, not the published total £943,448; the computed row adds up to its "
        "budget £943,448");
  CHECK(mc.cells[0].cause ==
        "the source rounded each cell on its own: the exact share £260,391.65 rounds to £260,392; the largest "
        "remainder gives £260,391 so that the row adds up to its budget");
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
  const Ledger ledger = compute_ledger(*formulae, k2016, kPound, d);
  CHECK(ledger.rows.size() == 8);  // every other row is still computed
  CHECK(ledger.find("emchrs-ld", ContributionKind::Cash) == nullptr);
  REQUIRE(d.errors() == 1);
  CHECK(d.items()[0].message ==
        "formula 'fixed' gives no weight to Derbyshire Constabulary, which takes part in 'emchrs-ld' in 2016/17");
  CHECK(d.items()[0].where.file == "data/collaborations.json");
  CHECK(d.items()[0].hint == "scripts/formulae/fixed.lua must return a weight for every participant");
}
