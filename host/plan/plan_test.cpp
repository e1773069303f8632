// The compiled plan against the full ledger: on the bundled East Midlands data and on a synthetic
// national set, for thousands of random budgets (zero, a few pence, odd pence, millions, far beyond
// any real budget), every force's cash and in-kind total is the ledger's to the penny, and the
// totals add up to the budgets; and, recompiled, for random grants within 10%.

#include "plan/evaluate.h"
#include "plan/plan.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>

#include "formula/formula_library.h"
#include "generate/national.h"
#include "ledger/ledger.h"
#include "load/loader.h"
#include "test_support.h"

using namespace collab;

namespace {

const Money kPound = Money::from_pounds(1);

std::string messages(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) out += format_diagnostic(d) + "\n";
  return out;
}

// A budget of every kind the arithmetic treats differently; draws of the generator itself, so
// the same seed gives the same scenarios whatever the standard library.
int64_t random_budget(std::mt19937_64& random) {
  switch (random() % 10) {
    case 0: return 0;
    case 1: return static_cast<int64_t>(random() % 300);                         // less than a few rounding units
    case 2: return static_cast<int64_t>(random() % 100'000) * 100;               // whole pounds
    case 3: return static_cast<int64_t>(random() % 1'000'000'000'000'000);       // up to £10 trillion
    default: return static_cast<int64_t>(random() % 5'000'000'000);             // up to £50m, odd pence
  }
}

void set_budget(Model& model, const plan::PlanRow& row, int64_t pence) {
  BudgetLine& line = model.budgets.at(row.table).lines.at(row.line);
  (row.kind == ContributionKind::Cash ? line.cash : line.in_kind) = Money::from_pence(pence);
}

struct Sums {
  int64_t cash = 0;
  int64_t in_kind = 0;
};

// `scenarios` random budget sets: each computed by the ledger on a model with those budgets and by
// the plan with them as overrides, compared force by force.
void compare_with_ledger(const std::shared_ptr<const Model>& base, FinancialYear year, Money unit, int scenarios,
                         std::uint64_t seed) {
  Diagnostics d;
  auto formulae = formula::FormulaLibrary::load(test::source_dir(), base, d);
  const plan::Plan plan = plan::compile_plan(base, year, *formulae, unit, d);
  INFO(messages(d));
  REQUIRE(d.errors() == 0);
  REQUIRE_FALSE(plan.rows.empty());

  auto scenario = std::make_shared<Model>(*base);
  std::mt19937_64 random(seed);
  std::vector<int64_t> budgets(plan.rows.size());
  plan::Buffers buffers;
  for (int s = 0; s < scenarios; ++s) {
    Sums budgeted;
    for (std::size_t r = 0; r < plan.rows.size(); ++r) {
      budgets[r] = random_budget(random);
      set_budget(*scenario, plan.rows[r], budgets[r]);
      (plan.rows[r].kind == ContributionKind::Cash ? budgeted.cash : budgeted.in_kind) += budgets[r];
    }
    Diagnostics scenario_diagnostics;
    const ledger::Ledger ledger = ledger::compute_ledger(*formulae, scenario, year, unit, scenario_diagnostics);
    REQUIRE(scenario_diagnostics.errors() == 0);
    const plan::ForceTotals totals = plan::evaluate(plan, budgets, buffers);
    REQUIRE(totals.cash.size() == ledger.totals.size());
    Sums paid;
    for (std::size_t f = 0; f < ledger.totals.size(); ++f) {
      INFO("scenario " << s << ", " << plan.forces[f]);
      REQUIRE(plan.forces[f] == ledger.totals[f].force);
      REQUIRE(totals.cash[f] == ledger.totals[f].cash.pence());
      REQUIRE(totals.in_kind[f] == ledger.totals[f].in_kind.pence());
      paid.cash += totals.cash[f];
      paid.in_kind += totals.in_kind[f];
    }
    INFO("scenario " << s);
    REQUIRE(paid.cash == budgeted.cash);
    REQUIRE(paid.in_kind == budgeted.in_kind);
  }
}

std::shared_ptr<const Model> east_midlands() {
  static const auto outcome = load::load_data_set(test::source_dir());
  REQUIRE(outcome.model);
  return outcome.model;
}

std::shared_ptr<const Model> national(const test::TempDir& root, int units) {
  generate::NationalOptions options;
  options.seed = 17;
  options.units = units;
  std::filesystem::create_directories(root.path() / "data");
  for (const auto& file : generate::generate_national(options))
    std::ofstream(root.path() / file.path, std::ios::binary) << file.text;
  auto outcome = load::load_data_set(root.path());
  INFO(messages(outcome.diagnostics));
  REQUIRE(outcome.model);
  REQUIRE(outcome.diagnostics.errors() == 0);
  return outcome.model;
}

}  // namespace

TEST_CASE("plan: the bundled budgets give the ledger's totals, every budget year", "[plan]") {
  const auto model = east_midlands();
  for (FinancialYear year : ledger::budget_years(*model)) {
    INFO(year.str());
    Diagnostics d;
    auto formulae = formula::FormulaLibrary::load(test::source_dir(), model, d);
    const ledger::Ledger ledger = ledger::compute_ledger(*formulae, model, year, kPound, d);
    const plan::Plan plan = plan::compile_plan(model, year, *formulae, kPound, d);
    plan::Buffers buffers;
    const plan::ForceTotals totals = plan::evaluate(plan, {}, buffers);
    for (std::size_t f = 0; f < ledger.totals.size(); ++f) {
      CHECK(totals.cash[f] == ledger.totals[f].cash.pence());
      CHECK(totals.in_kind[f] == ledger.totals[f].in_kind.pence());
    }
  }
}

TEST_CASE("plan: East Midlands, random budgets, equal to the ledger to the penny", "[plan]") {
  const auto model = east_midlands();
  const auto latest = ledger::latest_budget_year(*model);
  REQUIRE(latest);
  SECTION("at £1") { compare_with_ledger(model, FinancialYear::starting(2016), kPound, 2000, 2016); }
  SECTION("at 1p, the latest year") { compare_with_ledger(model, *latest, Money::from_pence(1), 1000, 1); }
}

TEST_CASE("plan: a national set, random budgets, equal to the ledger to the penny", "[plan]") {
  test::TempDir root;
  const auto model = national(root, 300);
  compare_with_ledger(model, generate::NationalOptions{}.year, kPound, 200, 43);
}

TEST_CASE("plan: budgets of the wrong count or below zero are refused", "[plan]") {
  const auto model = east_midlands();
  Diagnostics d;
  auto formulae = formula::FormulaLibrary::load(test::source_dir(), model, d);
  const plan::Plan plan = plan::compile_plan(model, FinancialYear::starting(2016), *formulae, kPound, d);
  plan::Buffers buffers;
  std::vector<int64_t> budgets(plan.rows.size() + 1, 100);
  CHECK_THROWS_AS(plan::evaluate(plan, budgets, buffers), std::invalid_argument);
  budgets.resize(plan.rows.size());
  budgets.front() = -1;
  CHECK_THROWS_AS(plan::evaluate(plan, budgets, buffers), std::invalid_argument);
}

TEST_CASE("plan: a line with a charge is left to the ledger, with an error that says so", "[plan]") {
  auto model = std::make_shared<Model>(*east_midlands());
  const FinancialYear year = FinancialYear::starting(2016);
  Diagnostics before;
  auto formulae = formula::FormulaLibrary::load(test::source_dir(), model, before);
  const plan::Plan whole = plan::compile_plan(model, year, *formulae, kPound, before);
  REQUIRE(before.errors() == 0);
  const plan::PlanRow& first = whole.rows.front();
  BudgetLine& line = model->budgets.at(first.table).lines.at(first.line);
  Charge fee;
  fee.force = whole.forces.front();
  fee.kind = first.kind;
  fee.label = "flat fee";
  fee.amount = Money::from_pounds(1000);
  line.charges.push_back(fee);
  Diagnostics d;
  const plan::Plan plan = plan::compile_plan(model, year, *formulae, kPound, d);
  CHECK(d.errors() == 1);
  CHECK_THAT(messages(d), Catch::Contains("only the full ledger applies"));
  CHECK(plan.rows.size() == whole.rows.size() - 1);
}

// Other grants change the formulae's weights: the plan follows them by being compiled again.
TEST_CASE("plan: recompiled for random grants within 10%, equal to the ledger to the penny", "[plan]") {
  test::TempDir root;
  const std::shared_ptr<const Model> bases[] = {east_midlands(), national(root, 120)};
  std::mt19937_64 random(10);
  for (const auto& base : bases) {
    const FinancialYear year = *ledger::latest_budget_year(*base);
    Diagnostics unchanged_diagnostics;
    auto unchanged_formulae = formula::FormulaLibrary::load(test::source_dir(), base, unchanged_diagnostics);
    const plan::Plan unchanged = plan::compile_plan(base, year, *unchanged_formulae, kPound, unchanged_diagnostics);
    int reweighted = 0;  // scenarios whose grants moved some weight: else this tests nothing new
    for (int s = 0; s < 8; ++s) {
      auto scenario = std::make_shared<Model>(*base);
      for (GrantTable& table : scenario->central_grants)
        for (auto& grant : table.amounts)
          grant.second = mul_div(grant.second, static_cast<int64_t>(900 + random() % 201), 1000);
      Diagnostics d;
      auto formulae = formula::FormulaLibrary::load(test::source_dir(), scenario, d);
      const plan::Plan plan = plan::compile_plan(scenario, year, *formulae, kPound, d);
      INFO(messages(d));
      REQUIRE(d.errors() == 0);
      if (plan.weights != unchanged.weights) ++reweighted;
      std::vector<int64_t> budgets(plan.rows.size());
      for (std::size_t r = 0; r < plan.rows.size(); ++r) {
        budgets[r] = random_budget(random);
        set_budget(*scenario, plan.rows[r], budgets[r]);
      }
      const ledger::Ledger ledger = ledger::compute_ledger(*formulae, scenario, year, kPound, d);
      REQUIRE(d.errors() == 0);
      plan::Buffers buffers;
      const plan::ForceTotals totals = plan::evaluate(plan, budgets, buffers);
      for (std::size_t f = 0; f < ledger.totals.size(); ++f) {
        INFO("scenario " << s << ", " << plan.forces[f]);
        REQUIRE(totals.cash[f] == ledger.totals[f].cash.pence());
        REQUIRE(totals.in_kind[f] == ledger.totals[f].in_kind.pence());
      }
    }
    CHECK(reweighted > 0);
  }
}
