// The per-scenario evaluator against the full ledger: on the bundled East Midlands data and on a
// synthetic national set (some of its units switched to blended, whose mix each scenario draws),
// for thousands of random scenarios (grants within 10%, random budgets, random mixes), every
// force's totals and every row's parts are the ledger's on a model changed the same way, to the
// penny, and every row adds up to its budget. Failing scenarios (a formula that errors, returns
// NaN or a negative weight, or runs past the CPU limit) fail with a clear message, and the next
// scenario is still right. Buffers are not grown after the first scenario.

#include "plan/evaluator.h"

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

int64_t random_budget(std::mt19937_64& random) {
  switch (random() % 10) {
    case 0: return 0;
    case 1: return static_cast<int64_t>(random() % 300);
    case 2: return static_cast<int64_t>(random() % 100'000) * 100;
    case 3: return static_cast<int64_t>(random() % 1'000'000'000'000'000);  // up to £10 trillion: the 128-bit path
    default: return static_cast<int64_t>(random() % 5'000'000'000);
  }
}

std::shared_ptr<const Model> east_midlands() {
  static const auto outcome = load::load_data_set(test::source_dir());
  REQUIRE(outcome.model);
  return outcome.model;
}

std::shared_ptr<Model> national(const test::TempDir& root, int units) {
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
  return std::make_shared<Model>(*outcome.model);
}

GrantTable& grants_of(Model& model, FinancialYear year) {
  for (GrantTable& table : model.central_grants)
    if (table.year == year) return table;
  FAIL("no grants for " << year.str());
  throw std::logic_error("unreachable");
}

ParamValue random_mix(std::mt19937_64& random) {
  return test::params({{"mix",
                        {{"equal", static_cast<int>(random() % 5)},
                         {"grant", static_cast<int>(1 + random() % 60)},
                         {"population", static_cast<double>(random() % 400) / 8.0},
                         {"nre", static_cast<int>(random() % 30)}}}});
}

// `scenarios` random variations of `base`, each evaluated by one evaluator and by the ledger on a
// copy of the model changed the same way, compared force by force and row by row.
void compare_with_ledger(const std::shared_ptr<const Model>& base, FinancialYear year, Money unit, int scenarios,
                         std::uint64_t seed, bool vary_blended) {
  Diagnostics d;
  auto formulae = formula::FormulaLibrary::load(test::source_dir(), base, d);
  auto plan = std::make_shared<const plan::Plan>(plan::compile_plan(base, year, *formulae, unit, d));
  auto evaluator = plan::Evaluator::create(plan, test::source_dir(), {}, d);
  INFO(messages(d));
  REQUIRE(d.errors() == 0);
  REQUIRE(evaluator);
  std::optional<std::uint32_t> blended;
  for (std::uint32_t c = 0; c < plan->choices.size(); ++c)
    if (plan->choices[c].choice.id == "blended") blended = c;
  REQUIRE(vary_blended == blended.has_value());

  const FinancialYear grant_year = year.prev();
  const GrantTable& base_grants = grants_of(const_cast<Model&>(*base), grant_year);
  std::mt19937_64 random(seed);
  plan::Variation variation;
  int moved = 0;  // scenarios that re-ran a formula for moved grants: else grants tested nothing
  for (int s = 0; s < scenarios; ++s) {
    auto scenario = std::make_shared<Model>(*base);
    variation.grant_pence.clear();
    variation.budget_pence.clear();
    variation.formula_params.clear();
    if (s % 4 != 3) {  // most scenarios move the grants; some move only budgets
      GrantTable& grants = grants_of(*scenario, grant_year);
      for (const ForceId& force : plan->forces) {
        const Money moved_grant = mul_div(base_grants.amounts.at(force), static_cast<int64_t>(900 + random() % 201), 1000);
        grants.amounts[force] = moved_grant;
        variation.grant_pence.push_back(moved_grant.pence());
      }
    }
    if (s % 3 != 2) {
      for (const plan::PlanRow& row : plan->rows) {
        variation.budget_pence.push_back(random_budget(random));
        BudgetLine& line = scenario->budgets.at(row.table).lines.at(row.line);
        (row.kind == ContributionKind::Cash ? line.cash : line.in_kind) = Money::from_pence(variation.budget_pence.back());
      }
    }
    if (blended && s % 2 == 0) {
      ParamValue mix = random_mix(random);
      variation.formula_params.emplace_back(*blended, mix);
      for (Collaboration& c : scenario->collaborations)
        for (FormulaChoice& choice : c.formula)
          if (choice.id == "blended") choice.params = mix;
    }
    Diagnostics scenario_diagnostics;
    const ledger::Ledger ledger = ledger::compute_ledger(*formulae, scenario, year, unit, scenario_diagnostics);
    INFO("scenario " << s << "\n" << messages(scenario_diagnostics));
    REQUIRE(scenario_diagnostics.errors() == 0);
    const plan::ScenarioOutcome& outcome = evaluator->evaluate(variation);
    INFO((outcome.failure ? outcome.failure->message : std::string()));
    REQUIRE(outcome.ok());
    for (std::size_t f = 0; f < ledger.totals.size(); ++f) {
      INFO(plan->forces[f]);
      REQUIRE(outcome.cash[f] == ledger.totals[f].cash.pence());
      REQUIRE(outcome.in_kind[f] == ledger.totals[f].in_kind.pence());
    }
    REQUIRE(ledger.rows.size() == plan->rows.size());
    for (std::size_t r = 0; r < plan->rows.size(); ++r) {
      const plan::PlanRow& row = plan->rows[r];
      const ledger::LedgerRow& expected = ledger.rows[r];
      REQUIRE(expected.contributions.size() == row.count);
      int64_t sum = 0;
      for (std::uint32_t i = 0; i < row.count; ++i) {
        INFO("row " << r << " (" << expected.unit << "), participant " << i);
        REQUIRE(plan->forces[static_cast<std::size_t>(plan->participants[row.first + i])] == expected.contributions[i].force);
        REQUIRE(outcome.parts[row.first + i] == expected.contributions[i].part.amount.pence());
        sum += outcome.parts[row.first + i];
      }
      REQUIRE(sum == (variation.budget_pence.empty() ? row.budget_pence : variation.budget_pence[r]));
    }
    if (!variation.grant_pence.empty() && evaluator->formula_calls() > 0) ++moved;
  }
  CHECK(moved > 0);
}

}  // namespace

TEST_CASE("evaluator: East Midlands, random grants and budgets, equal to the ledger to the penny", "[plan][evaluator]") {
  const auto model = east_midlands();
  SECTION("at £1") { compare_with_ledger(model, FinancialYear::starting(2016), kPound, 2000, 2016, false); }
  SECTION("at 1p, the latest year") {
    compare_with_ledger(model, *ledger::latest_budget_year(*model), Money::from_pence(1), 1000, 7, false);
  }
}

TEST_CASE("evaluator: a national set, random grants, budgets and blended mixes, equal to the ledger", "[plan][evaluator]") {
  test::TempDir root;
  auto model = national(root, 120);
  // Every fifth unit blends grant, population, NRE and equal shares: its mix varies per scenario.
  const FinancialYear year = generate::NationalOptions{}.year;
  int n = 0;
  for (Collaboration& unit : model->collaborations)
    if (++n % 5 == 0)
      unit.formula = {FormulaChoice{year, "blended", test::params({{"mix", {{"equal", 1}, {"grant", 1}}}}),
                                    {"data/collaborations.json"}}};
  compare_with_ledger(model, year, kPound, 150, 43, true);
}

TEST_CASE("evaluator: a national set of 300 units, grants within 10%, equal to the ledger", "[plan][evaluator]") {
  test::TempDir root;
  auto model = national(root, 300);
  compare_with_ledger(model, generate::NationalOptions{}.year, kPound, 60, 300, false);
}

TEST_CASE("evaluator: leftover pounds go as sorting every remainder would, when remainders and weights tie",
          "[plan][evaluator]") {
  // Equal shares tie every remainder of a row (one bucket holds them all, ordered by the listed
  // order); a blend of equal and grant shares over few forces ties some; the 1p unit and £1 both.
  test::TempDir root;
  auto model = national(root, 120);
  const FinancialYear year = generate::NationalOptions{}.year;
  int n = 0;
  for (Collaboration& unit : model->collaborations) {
    ++n;
    if (n % 3 == 0)
      unit.formula = {FormulaChoice{year, "equal_share", ParamValue{}, {"data/collaborations.json"}}};
    else if (n % 3 == 1)
      unit.formula = {FormulaChoice{year, "blended", test::params({{"mix", {{"equal", 50}, {"grant", 1}}}}),
                                    {"data/collaborations.json"}}};
  }
  SECTION("at £1") { compare_with_ledger(model, year, kPound, 120, 5, true); }
  SECTION("at 1p") { compare_with_ledger(model, year, Money::from_pence(1), 60, 6, true); }
}

namespace {

// A root with the bundled formulae and two of the test's own: `picky`, which fails as the first
// force's grant says (its last digit: 1 an error, 2 NaN, 3 a negative weight, 4 an endless loop),
// and `probe`, whose weights say whether it was told it is being explained.
void write_test_root(const std::filesystem::path& root) {
  std::filesystem::create_directories(root / "scripts" / "formulae");
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "scripts" / "formulae"))
    std::filesystem::copy_file(entry.path(), root / "scripts" / "formulae" / entry.path().filename());
  std::ofstream(root / "scripts" / "formulae" / "picky.lua") << R"lua(
return collab.formula {
  id = "picky",
  title = "Fails on purpose (a test's)",
  inputs = { "grant" },
  weights = function(year, forces)
    local base = collab.year.previous(year)
    local mode = collab.grant(forces[1], base) % 10
    if mode == 1 then error("picky refuses these grants") end
    local w = {}
    for _, force in ipairs(forces) do
      w[force.id] = collab.grant(force, base)
      if mode == 2 then w[force.id] = 0 / 0 end
      if mode == 3 then w[force.id] = -w[force.id] end
    end
    if mode == 4 then while true do end end
    return w
  end,
}
)lua";
  std::ofstream(root / "scripts" / "formulae" / "probe.lua") << R"lua(
return collab.formula {
  id = "probe",
  title = "Says whether it is explained (a test's)",
  weights = function(year, forces)
    local w = {}
    for i, force in ipairs(forces) do w[force.id] = collab.explaining() and 1 or i end
    return w
  end,
}
)lua";
}

// East Midlands with every unit split by `formula` (the region's default, no unit's own).
std::shared_ptr<const Model> east_midlands_by(const std::string& formula) {
  auto model = std::make_shared<Model>(*east_midlands());
  model->region.default_formula.id = formula;
  for (Collaboration& unit : model->collaborations) unit.formula.clear();
  return model;
}

}  // namespace

TEST_CASE("evaluator: a failing scenario says why, and the next one is still right", "[plan][evaluator]") {
  test::TempDir root;
  write_test_root(root.path());
  const auto model = east_midlands_by("picky");
  const FinancialYear year = FinancialYear::starting(2016);
  lua::Limits limits;
  limits.cpu_time = std::chrono::milliseconds(100);
  Diagnostics d;
  auto formulae = formula::FormulaLibrary::load(root.path(), model, d, limits);
  auto plan = std::make_shared<const plan::Plan>(plan::compile_plan(model, year, *formulae, kPound, d));
  auto evaluator = plan::Evaluator::create(plan, root.path(), limits, d);
  INFO(messages(d));
  REQUIRE(d.errors() == 0);
  REQUIRE(evaluator);
  REQUIRE_FALSE(plan->rows.empty());

  std::mt19937_64 random(4);
  const GrantTable& base_grants = grants_of(const_cast<Model&>(*model), year.prev());
  const char* expected[] = {nullptr, "picky refuses these grants", "finite numbers above zero",
                            "finite numbers above zero", "CPU"};
  for (int s = 0; s < 40; ++s) {
    const int mode = s % 2 == 0 ? 0 : 1 + (s / 2) % 4;  // a failure of each kind, each followed by a good one
    plan::Variation variation;
    auto scenario = std::make_shared<Model>(*model);
    GrantTable& grants = grants_of(*scenario, year.prev());
    for (const ForceId& force : plan->forces) {
      int64_t pence = mul_div(base_grants.amounts.at(force), static_cast<int64_t>(900 + random() % 201), 1000).pence();
      if (variation.grant_pence.empty()) pence = pence / 10 * 10 + mode + (mode == 0 ? 5 : 0);
      grants.amounts[force] = Money::from_pence(pence);
      variation.grant_pence.push_back(pence);
    }
    INFO("scenario " << s << ", mode " << mode);
    const plan::ScenarioOutcome& outcome = evaluator->evaluate(variation);
    if (mode != 0) {
      REQUIRE_FALSE(outcome.ok());
      CHECK_THAT(outcome.failure->message, Catch::Contains(expected[mode]));
      CHECK_THAT(outcome.failure->message, Catch::Contains("picky"));
      CHECK(outcome.cash.empty());
      continue;
    }
    INFO((outcome.failure ? outcome.failure->message : std::string()));
    REQUIRE(outcome.ok());
    Diagnostics ledger_diagnostics;
    const ledger::Ledger ledger = ledger::compute_ledger(*formulae, scenario, year, kPound, ledger_diagnostics);
    REQUIRE(ledger_diagnostics.errors() == 0);
    for (std::size_t f = 0; f < ledger.totals.size(); ++f) REQUIRE(outcome.cash[f] == ledger.totals[f].cash.pence());
  }
}

TEST_CASE("evaluator: bad variations fail the scenario, not the process", "[plan][evaluator]") {
  const auto model = east_midlands();
  const FinancialYear year = FinancialYear::starting(2016);
  Diagnostics d;
  auto formulae = formula::FormulaLibrary::load(test::source_dir(), model, d);
  auto plan = std::make_shared<const plan::Plan>(plan::compile_plan(model, year, *formulae, kPound, d));
  auto evaluator = plan::Evaluator::create(plan, test::source_dir(), {}, d);
  REQUIRE(evaluator);
  plan::Variation variation;
  variation.grant_pence.assign(plan->forces.size() + 1, 100);
  CHECK_THAT(evaluator->evaluate(variation).failure->message, Catch::Contains("one per force"));
  variation.grant_pence.assign(plan->forces.size(), 100);
  variation.grant_pence.front() = -1;
  CHECK_THAT(evaluator->evaluate(variation).failure->message, Catch::Contains("below zero"));
  variation.grant_pence.clear();
  variation.budget_pence.assign(plan->rows.size(), 100);
  variation.budget_pence.back() = -5;
  const plan::ScenarioOutcome& negative = evaluator->evaluate(variation);
  REQUIRE_FALSE(negative.ok());
  CHECK(negative.failure->row == plan->rows.size() - 1);
  variation.budget_pence.clear();
  variation.formula_params.emplace_back(0, test::params({{"no_such", 1}}));
  CHECK_THAT(evaluator->evaluate(variation).failure->message, Catch::Contains("no parameter 'no_such'"));
  variation.formula_params.clear();
  // And the plan's own figures after all that.
  const plan::ScenarioOutcome& plain = evaluator->evaluate(variation);
  REQUIRE(plain.ok());
  const ledger::Ledger ledger = ledger::compute_ledger(*formulae, model, year, kPound, d);
  for (std::size_t f = 0; f < ledger.totals.size(); ++f) CHECK(plain.cash[f] == ledger.totals[f].cash.pence());
}

TEST_CASE("evaluator: buffers are sized once; later scenarios grow nothing", "[plan][evaluator]") {
  test::TempDir root;
  const auto model = national(root, 300);
  const FinancialYear year = generate::NationalOptions{}.year;
  Diagnostics d;
  auto formulae = formula::FormulaLibrary::load(test::source_dir(), model, d);
  auto plan = std::make_shared<const plan::Plan>(plan::compile_plan(model, year, *formulae, kPound, d));
  auto evaluator = plan::Evaluator::create(plan, test::source_dir(), {}, d);
  REQUIRE(evaluator);
  std::mt19937_64 random(1);
  plan::Variation variation;
  variation.grant_pence.assign(plan->forces.size(), 0);
  variation.budget_pence.assign(plan->rows.size(), 0);
  std::size_t capacity = 0;
  for (int s = 0; s < 100; ++s) {
    for (int64_t& g : variation.grant_pence) g = static_cast<int64_t>(3'000'000'000 + random() % 60'000'000'000);
    for (int64_t& b : variation.budget_pence) b = random_budget(random);
    REQUIRE(evaluator->evaluate(variation).ok());
    if (s == 0) capacity = evaluator->buffer_capacity();
    REQUIRE(evaluator->buffer_capacity() == capacity);
  }
  CHECK(capacity > 0);
}

TEST_CASE("formula library: the lean path tells formulae nobody explains, and gives the full path's weights",
          "[plan][evaluator]") {
  test::TempDir root;
  write_test_root(root.path());
  test::TempDir national_root;
  const auto model = national(national_root, 40);
  Diagnostics d;
  auto library = formula::FormulaLibrary::load(root.path(), model, d);
  REQUIRE(d.errors() == 0);
  std::vector<ForceId> ids;
  std::vector<std::int32_t> indices;
  for (std::size_t f = 0; f < model->forces.size(); ++f) {
    ids.push_back(model->forces[f].id);
    indices.push_back(static_cast<std::int32_t>(f));
  }
  const FinancialYear year = generate::NationalOptions{}.year;
  const char* bundled[] = {"grant_share", "population_share", "nre_share", "equal_share", "blended", "probe"};
  for (const char* id : bundled) {
    INFO(id);
    FormulaChoice choice{std::nullopt, id, std::string(id) == "blended"
                                               ? test::params({{"mix", {{"grant", 2}, {"population", 1}, {"equal", 1}}}})
                                               : test::params(nlohmann::json::object()),
                         {"data/test.json"}};
    auto full = library->evaluate(model, choice, year, ids, d);
    INFO(messages(d));
    REQUIRE(full);
    auto lean = library->prepare_lean(choice, d);
    REQUIRE(lean);
    std::vector<double> weights(ids.size());
    auto failure = library->evaluate_lean(*lean, model, year, indices, nullptr, weights);
    REQUIRE_FALSE(failure);
    for (std::size_t f = 0; f < ids.size(); ++f) {
      if (std::string(id) == "probe") {
        CHECK(full->weights[f].second == 1);
        CHECK(weights[f] == static_cast<double>(f + 1));
      } else {
        CHECK(weights[f] == full->weights[f].second);
      }
    }
    if (std::string(id) != "equal_share" && std::string(id) != "probe") CHECK_FALSE(full->reads.empty());
  }
}
