// Benchmark (not a test): sweep scenarios per second through the per-scenario evaluator
// (plan/evaluator.h), on inputs that change every scenario (every force's grant within 10% and
// every budget drawn afresh), side by side in one run:
//   - national (43 forces, 300 units), every unit by the Lua grant_share: the sweep target's case;
//     the same with grant_share written in C++; the full ledger on a model changed the same way;
//   - national as `collab generate national` makes it (mixed formulae: only grant_share re-runs);
//   - East Midlands (the bundled data);
//   - one lean grant_share evaluation of 43 forces against a bare sandbox call of the same size
//     (43 numbers in, 43 out, fresh tables).
//
//   build/release/collab_evaluator_bench [--runs N] [--scenarios N] [--only lua|native|formula|bare]
//
// --only runs one evaluator over the scenarios, or one lean formula call or bare call over and
// over, and prints nothing else (for profiling).
//
// Prints medians and ratios; asserts nothing about time. Checks the figures equal before timing.

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "formula/formula_library.h"
#include "generate/national.h"
#include "ledger/ledger.h"
#include "load/loader.h"
#include "plan/evaluator.h"
#include "plan/plan.h"

using namespace collab;
using Clock = std::chrono::steady_clock;

namespace {

const Money kPound = Money::from_pounds(1);

class NationalSet {
 public:
  NationalSet() {
    root_ = std::filesystem::temp_directory_path() / fmt::format("collab-evaluator-bench-{}", std::random_device{}());
    std::filesystem::create_directories(root_ / "data");
    for (const auto& file : generate::generate_national(generate::NationalOptions{}))
      std::ofstream(root_ / file.path, std::ios::binary) << file.text;
  }
  ~NationalSet() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  NationalSet(const NationalSet&) = delete;
  NationalSet& operator=(const NationalSet&) = delete;
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

// grant_share in C++ (scripts/formulae/grant_share.lua's arithmetic), weighing under a scenario's grants.
class NativeGrantShare final : public plan::ScenarioFormulae {
 public:
  explicit NativeGrantShare(std::shared_ptr<const Model> model) : model_(std::move(model)) {}
  bool prepare(std::uint32_t, const FormulaChoice&, Diagnostics&) override { return true; }
  std::optional<Diagnostic> weigh(std::uint32_t, FinancialYear year, std::span<const std::int32_t> forces,
                                  const api::GrantOverride* grants, std::span<double> weights) override {
    const FinancialYear base = year.prev();
    int64_t total = 0;
    grant_.resize(forces.size());
    for (std::size_t i = 0; i < forces.size(); ++i) {
      const auto f = static_cast<std::size_t>(forces[i]);
      grant_[i] = grants != nullptr && grants->year == base ? grants->pence[f]
                                                            : model_->central_grant(model_->forces[f].id, base)->pence();
      total += grant_[i];
    }
    for (std::size_t i = 0; i < forces.size(); ++i)
      weights[i] = to_double(round_fraction(static_cast<Int128>(grant_[i]) * 100, total, Decimal{1, 1}));
    return std::nullopt;
  }

 private:
  std::shared_ptr<const Model> model_;
  std::vector<int64_t> grant_;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Scenarios drawn up front, so no side times the generator and none repeats the last.
struct Scenarios {
  std::vector<plan::Variation> variations;
};

Scenarios draw(const plan::Plan& plan, const Model& model, int count, std::uint64_t seed) {
  Scenarios out;
  std::mt19937_64 random(seed);
  const FinancialYear base = plan.year.prev();
  for (int s = 0; s < count; ++s) {
    plan::Variation v;
    for (const Force& f : model.forces)
      v.grant_pence.push_back(mul_div(*model.central_grant(f.id, base), static_cast<int64_t>(900 + random() % 201), 1000).pence());
    for (const plan::PlanRow& row : plan.rows) v.budget_pence.push_back(row.budget_pence / 2 + static_cast<int64_t>(random() % static_cast<std::uint64_t>(row.budget_pence + 1)));
    out.variations.push_back(std::move(v));
  }
  return out;
}

std::shared_ptr<Model> changed(const Model& model, const plan::Plan& plan, const plan::Variation& v) {
  auto out = std::make_shared<Model>(model);
  for (GrantTable& table : out->central_grants)
    if (table.year == plan.year.prev())
      for (std::size_t f = 0; f < plan.forces.size(); ++f) table.amounts[plan.forces[f]] = Money::from_pence(v.grant_pence[f]);
  for (std::size_t r = 0; r < plan.rows.size(); ++r) {
    BudgetLine& line = out->budgets.at(plan.rows[r].table).lines.at(plan.rows[r].line);
    (plan.rows[r].kind == ContributionKind::Cash ? line.cash : line.in_kind) = Money::from_pence(v.budget_pence[r]);
  }
  return out;
}

struct Setup {
  std::shared_ptr<const Model> model;
  std::unique_ptr<formula::FormulaLibrary> library;
  std::shared_ptr<const plan::Plan> plan;
};

Setup compile(std::shared_ptr<const Model> model, FinancialYear year) {
  Diagnostics d;
  Setup s{model, formula::FormulaLibrary::load(COLLAB_SOURCE_DIR, model, d), nullptr};
  s.plan = std::make_shared<const plan::Plan>(plan::compile_plan(model, year, *s.library, kPound, d));
  if (d.errors() > 0 || s.plan->rows.empty()) {
    for (const auto& item : d.items()) fmt::print(stderr, "{}\n", format_diagnostic(item));
    std::exit(1);
  }
  return s;
}

// Scenarios per second: every scenario through `body`, `runs` times; the median.
template <class Body>
double rate(const Scenarios& scenarios, std::size_t count, int runs, Body&& body) {
  std::vector<double> rates;
  count = std::min(count, scenarios.variations.size());
  for (int r = 0; r < runs; ++r) {
    const auto start = Clock::now();
    for (std::size_t s = 0; s < count; ++s) body(scenarios.variations[s]);
    const std::chrono::duration<double> took = Clock::now() - start;
    rates.push_back(static_cast<double>(count) / took.count());
  }
  return median(rates);
}

// The evaluator's figures are the ledger's on the first `count` scenarios, or nothing is timed.
bool agrees(plan::Evaluator& evaluator, const Setup& setup, const Scenarios& scenarios, std::size_t count) {
  for (std::size_t s = 0; s < std::min(count, scenarios.variations.size()); ++s) {
    const plan::Variation& v = scenarios.variations[s];
    Diagnostics d;
    const ledger::Ledger ledger = ledger::compute_ledger(*setup.library, changed(*setup.model, *setup.plan, v),
                                                         setup.plan->year, kPound, d);
    const plan::ScenarioOutcome& outcome = evaluator.evaluate(v);
    if (!outcome.ok()) {
      fmt::print(stderr, "scenario {} failed: {}\n", s, outcome.failure->message);
      return false;
    }
    for (std::size_t f = 0; f < ledger.totals.size(); ++f)
      if (outcome.cash[f] != ledger.totals[f].cash.pence() || outcome.in_kind[f] != ledger.totals[f].in_kind.pence()) {
        fmt::print(stderr, "scenario {}: the evaluator and the ledger disagree on {}\n", s, setup.plan->forces[f]);
        return false;
      }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  int count = 2000;
  std::string only;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--scenarios") == 0) count = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--only") == 0) only = argv[i + 1];
  }
  const auto n = static_cast<std::size_t>(count);
  const NationalSet set;
  auto outcome = load::load_data_set(set.root());
  if (!outcome.model) return 1;
  const FinancialYear year = generate::NationalOptions{}.year;

  // Every unit by grant_share (the region's default): the sweep target's case.
  auto all_grant = std::make_shared<Model>(*outcome.model);
  for (Collaboration& unit : all_grant->collaborations) unit.formula.clear();
  const Setup grant = compile(all_grant, year);
  const Setup mixed = compile(outcome.model, year);
  auto em_outcome = load::load_data_set(COLLAB_SOURCE_DIR);
  const Setup em = compile(em_outcome.model, FinancialYear::starting(2016));

  Diagnostics d;
  auto lua = plan::Evaluator::create(grant.plan, COLLAB_SOURCE_DIR, {}, d);
  auto native = plan::Evaluator::create(grant.plan, std::make_unique<NativeGrantShare>(grant.model), d);
  auto lua_mixed = plan::Evaluator::create(mixed.plan, COLLAB_SOURCE_DIR, {}, d);
  auto lua_em = plan::Evaluator::create(em.plan, COLLAB_SOURCE_DIR, {}, d);
  if (!lua || !native || !lua_mixed || !lua_em || d.errors() > 0) {
    for (const auto& item : d.items()) fmt::print(stderr, "{}\n", format_diagnostic(item));
    return 1;
  }
  const Scenarios grant_scenarios = draw(*grant.plan, *grant.model, count, 1);
  const Scenarios mixed_scenarios = draw(*mixed.plan, *mixed.model, count, 2);
  const Scenarios em_scenarios = draw(*em.plan, *em.model, count, 3);
  if (!agrees(*lua, grant, grant_scenarios, 10) || !agrees(*native, grant, grant_scenarios, 10) ||
      !agrees(*lua_mixed, mixed, mixed_scenarios, 10) || !agrees(*lua_em, em, em_scenarios, 50)) {
    fmt::print(stderr, "collab_evaluator_bench: figures disagree; nothing timed\n");
    return 1;
  }

  int64_t checksum = 0;
  auto through = [&checksum](plan::Evaluator& e) {
    return [&e, &checksum](const plan::Variation& v) { checksum += e.evaluate(v).cash[0]; };
  };
  // One formula evaluation (the lean path, 43 forces, moved grants) against a bare call of that size.
  Diagnostics ignored;
  auto formulae = plan::lua_formulae(grant.model, COLLAB_SOURCE_DIR, {}, ignored);
  FormulaChoice choice = grant.model->region.default_formula;
  formulae->prepare(0, choice, ignored);
  std::vector<std::int32_t> everyone(grant.plan->forces.size());
  for (std::size_t f = 0; f < everyone.size(); ++f) everyone[f] = static_cast<std::int32_t>(f);
  std::vector<double> weights(everyone.size());
  api::GrantOverride override_grants{year.prev(), {}};
  std::size_t next = 0;
  auto one_formula = [&] {
    override_grants.pence = grant_scenarios.variations[next++ % grant_scenarios.variations.size()].grant_pence;
    formulae->weigh(0, year, everyone, &override_grants, weights);
  };
  lua::Sandbox bare;
  lua::RunResult made = bare.run("bare.lua", "return function(xs) local w = {} for i = 1, #xs do w[i] = xs[i] end return w end");
  const lua::Ref bare_function = std::move(made.values.at(0));
  auto one_bare = [&] {
    const auto& grants = grant_scenarios.variations[next++ % grant_scenarios.variations.size()].grant_pence;
    bare.call(
        "bare.lua", bare_function,
        [&](lua_State* L) {
          lua_createtable(L, static_cast<int>(grants.size()), 0);
          for (std::size_t i = 0; i < grants.size(); ++i) {
            lua_pushnumber(L, static_cast<double>(grants[i]));
            lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
          }
          return 1;
        },
        [&](lua_State* L, int) {
          for (std::size_t i = 0; i < weights.size(); ++i) {
            lua_rawgeti(L, 1, static_cast<lua_Integer>(i + 1));
            weights[i] = lua_tonumber(L, -1);
            lua_pop(L, 1);
          }
        });
  };
  auto micros = [&](auto& body) {
    std::vector<double> times;
    for (int r = 0; r < runs + 2; ++r) {
      const auto start = Clock::now();
      for (int i = 0; i < 2000; ++i) body();
      const std::chrono::duration<double, std::micro> took = Clock::now() - start;
      times.push_back(took.count() / 2000);
    }
    return median(times);
  };
  if (only == "formula" || only == "bare") {
    const double us = only == "formula" ? micros(one_formula) : micros(one_bare);
    fmt::print("{}: {:.2f}us a call\n", only, us);
    return 0;
  }
  if (!only.empty()) {
    const double alone = rate(grant_scenarios, n, runs, through(only == "native" ? *native : *lua));
    fmt::print("{}: {:.0f} scenarios/s (checksum {})\n", only, alone, checksum);
    return 0;
  }
  const double lua_rate = rate(grant_scenarios, n, runs, through(*lua));
  const double native_rate = rate(grant_scenarios, n, runs, through(*native));
  const std::size_t ledger_count = std::max<std::size_t>(n / 40, 5);
  const double ledger_rate = rate(grant_scenarios, ledger_count, std::min(runs, 3), [&](const plan::Variation& v) {
    Diagnostics unused;
    checksum += ledger::compute_ledger(*grant.library, changed(*grant.model, *grant.plan, v), year, kPound, unused)
                    .totals[0]
                    .cash.pence();
  });
  const double mixed_rate = rate(mixed_scenarios, n, runs, through(*lua_mixed));
  const double em_rate = rate(em_scenarios, n, runs, through(*lua_em));

  const double formula_us = micros(one_formula);
  const double bare_us = micros(one_bare);

  fmt::print("evaluator benchmark: new grants (within 10%) and budgets every scenario; median of {} runs of {} scenarios\n",
             runs, count);
  fmt::print("the evaluator equals the full ledger on the first scenarios of every set (checked before timing)\n\n");
  fmt::print("{:<58} {:>12} {:>12}\n", "", "scenarios/s", "us/scenario");
  auto line = [](const char* what, double per_second) {
    fmt::print("{:<58} {:>12.0f} {:>12.1f}\n", what, per_second, 1e6 / per_second);
  };
  line("national, all grant_share: evaluator, Lua formula", lua_rate);
  line("national, all grant_share: evaluator, C++ formula", native_rate);
  line("national, all grant_share: full ledger (Lua formula)", ledger_rate);
  line("national as generated (mixed formulae): evaluator, Lua", mixed_rate);
  line("East Midlands: evaluator, Lua", em_rate);
  fmt::print("\n{:<58} {:>11.2f}x   (target: at most 1.5x)\n", "whole scenario, Lua formula / C++ formula",
             native_rate / lua_rate);
  fmt::print("{:<58} {:>11.1f}x\n", "evaluator (Lua) / full ledger", lua_rate / ledger_rate);
  fmt::print("{:<58} {:>10.2f}us\n", "one grant_share evaluation, 43 forces (lean path)", formula_us);
  fmt::print("{:<58} {:>10.2f}us\n", "a bare sandbox call, 43 numbers in and out", bare_us);
  fmt::print("{:<58} {:>11.2f}x   (target: within 5x)\n", "formula evaluation / bare call", formula_us / bare_us);
  fmt::print("{:<58} {:>10.0f}s   (target: under 120 s on 2 threads)\n",
             "1,000,000 national scenarios, one thread, at this rate", 1e6 / lua_rate);
  fmt::print("(checksum {})\n", checksum);
  return 0;
}
