// Benchmark (not a test): what a whole-year evaluation costs with the formula in Lua against
// the same formula in C++, on a synthetic national data set of 43 forces and 300 units.
// A whole-year evaluation is one call of the formula for all forces plus the apportionment of
// every unit's budget over its participants (the ledger). The target: through Lua at most 2x.
//
//   build/release/collab_bench [--runs N] [--iterations N]
//
// Prints medians and ratios; asserts nothing about time.

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "formula/formula_library.h"
#include "ledger/ledger.h"

using namespace collab;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kForces = 43;
constexpr int kUnits = 300;
const FinancialYear kYear = FinancialYear::starting(2016);

// 43 forces with grants for the year before; 300 units, each with 2 to 43 participants and a
// budget between £100,000 and £20m. Seeded: every run builds the same set.
std::shared_ptr<const Model> synthetic_national_model() {
  auto model = std::make_shared<Model>();
  std::mt19937_64 random(2016);
  model->region = Region{"national", "England and Wales (synthetic)", FormulaChoice{std::nullopt, "grant_share", ParamValue{}, {"(synthetic)"}}};
  GrantTable grants{kYear.prev(), Source{"synthetic", "grants", ""}, {}, std::nullopt, {"(synthetic)"}};
  for (int i = 1; i <= kForces; ++i) {
    Force force;
    force.id = fmt::format("force-{:02}", i);
    force.name = fmt::format("Force {}", i);
    force.short_name = fmt::format("F{}", i);
    model->forces.push_back(force);
    grants.amounts[force.id] = Money::from_pounds(static_cast<int64_t>(30'000'000 + random() % 570'000'000));
  }
  model->central_grants.push_back(grants);
  BudgetTable budgets{kYear, Source{"synthetic", "budgets", ""}, {}, {"(synthetic)"}};
  for (int u = 1; u <= kUnits; ++u) {
    Collaboration unit;
    unit.id = fmt::format("unit-{:03}", u);
    unit.name = fmt::format("Unit {}", u);
    std::vector<ForceId> participants;
    for (const Force& f : model->forces) participants.push_back(f.id);
    std::shuffle(participants.begin(), participants.end(), random);
    participants.resize(2 + random() % (kForces - 1));
    unit.participants.push_back(ParticipationPeriod{kYear, participants, std::nullopt, "", "", Source{"synthetic", "units", ""}, {}});
    model->collaborations.push_back(unit);
    budgets.lines.push_back(BudgetLine{unit.id, Money::from_pence(static_cast<int64_t>(10'000'000 + random() % 1'990'000'000)), std::nullopt, "", {}});
  }
  model->budgets.push_back(budgets);
  return model;
}

// grant_share in C++: the same arithmetic as scripts/formulae/grant_share.lua.
class NativeGrantShare final : public formula::WeightsSource {
 public:
  explicit NativeGrantShare(std::shared_ptr<const Model> model) : model_(std::move(model)) {
    info_ = {"grant_share", "Share of central grant, previous year (C++)", "(C++ grant_share)", Decimal{1, 1}, true};
  }
  // Cached once per year, as the Lua library caches a region-scope formula: the ledger asks once per unit.
  std::shared_ptr<const formula::Weights> evaluate(const std::shared_ptr<const Model>&, const FormulaChoice&,
                                                   FinancialYear year, const std::vector<ForceId>&,
                                                   Diagnostics&) override {
    if (cached_ && cached_->year == year) return cached_;
    auto weights = std::make_shared<formula::Weights>();
    weights->formula = info_;
    weights->year = year;
    const FinancialYear base = year.prev();
    int64_t total = 0;
    std::vector<int64_t> grant;
    for (const Force& f : model_->forces) {
      grant.push_back(model_->central_grant(f.id, base)->pence());
      total += grant.back();
    }
    for (size_t i = 0; i < grant.size(); ++i) {
      // The share rounded to 0.1 percent, halves up, as collab.share(grant, total, 0.1) does.
      const Decimal share = round_fraction(static_cast<Int128>(grant[i]) * 100, total, Decimal{1, 1});
      weights->weights.emplace_back(model_->forces[i].id, to_double(share));
    }
    cached_ = weights;
    return weights;
  }
  void forget_weights() { cached_.reset(); }

 private:
  std::shared_ptr<const Model> model_;
  formula::FormulaInfo info_;
  std::shared_ptr<const formula::Weights> cached_;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The mean time of `iterations` calls of `body`, in microseconds.
template <class F>
double batch_us(int iterations, F& body) {
  const auto start = Clock::now();
  for (int i = 0; i < iterations; ++i) body();
  const std::chrono::duration<double, std::micro> took = Clock::now() - start;
  return took.count() / iterations;
}

struct Pair {
  double a = 0;
  double b = 0;
};

// Medians over `runs` batches of `a` and of `b`, taken in turn (a b, b a, a b...) so that
// warm-up, frequency scaling and cache effects fall on both alike.
template <class A, class B>
Pair time_pair(int runs, int iterations, A&& a, B&& b) {
  batch_us(iterations, a);  // warm-up, not counted
  batch_us(iterations, b);
  std::vector<double> as, bs;
  for (int r = 0; r < runs; ++r) {
    if (r % 2 == 0) {
      as.push_back(batch_us(iterations, a));
      bs.push_back(batch_us(iterations, b));
    } else {
      bs.push_back(batch_us(iterations, b));
      as.push_back(batch_us(iterations, a));
    }
  }
  return {median(as), median(bs)};
}

bool same_ledger(const ledger::Ledger& a, const ledger::Ledger& b) {
  if (a.rows.size() != b.rows.size()) return false;
  for (size_t r = 0; r < a.rows.size(); ++r)
    for (size_t c = 0; c < a.rows[r].contributions.size(); ++c)
      if (a.rows[r].contributions[c].part.amount != b.rows[r].contributions[c].part.amount) return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 15;
  int iterations = 200;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--iterations") == 0) iterations = std::max(1, std::atoi(argv[i + 1]));
  }
  const auto model = synthetic_national_model();
  Diagnostics diagnostics;
  auto lua = formula::FormulaLibrary::load(COLLAB_SOURCE_DIR, model, diagnostics);
  NativeGrantShare native(model);
  const FormulaChoice& choice = model->region.default_formula;
  const Money pound = Money::from_pounds(1);

  // Both give the same ledger, or the comparison means nothing.
  std::vector<ForceId> everyone;
  for (const Force& f : model->forces) everyone.push_back(f.id);
  const ledger::Ledger by_lua = ledger::compute_ledger(*lua, model, kYear, pound, diagnostics);
  const ledger::Ledger by_native = ledger::compute_ledger(native, model, kYear, pound, diagnostics);
  if (diagnostics.errors() > 0 || !same_ledger(by_lua, by_native)) {
    for (const auto& d : diagnostics.items()) fmt::print(stderr, "{}\n", format_diagnostic(d));
    fmt::print(stderr, "collab_bench: the Lua and C++ formulae disagree; nothing timed\n");
    return 1;
  }

  const Pair formula = time_pair(
      runs, iterations,
      [&] {
        native.forget_weights();
        native.evaluate(model, choice, kYear, everyone, diagnostics);
      },
      [&] {
        lua->forget_weights();
        lua->evaluate(model, choice, kYear, everyone, diagnostics);
      });
  const Pair year = time_pair(
      runs, iterations,
      [&] {
        native.forget_weights();
        ledger::compute_ledger(native, model, kYear, pound, diagnostics);
      },
      [&] {
        lua->forget_weights();
        ledger::compute_ledger(*lua, model, kYear, pound, diagnostics);
      });
  const double formula_native = formula.a, formula_lua = formula.b, year_native = year.a, year_lua = year.b;

  fmt::print("formula benchmark: {} forces, {} units, one year; median of {} runs of {} iterations\n", kForces, kUnits,
             runs, iterations);
  fmt::print("the Lua and C++ formulae give the same ledger ({} rows, {} contributions)\n\n", by_lua.rows.size(),
             [&] {
               size_t n = 0;
               for (const auto& row : by_lua.rows) n += row.contributions.size();
               return n;
             }());
  fmt::print("{:<40} {:>12} {:>12} {:>9}\n", "", "C++ formula", "Lua formula", "Lua/C++");
  fmt::print("{:<40} {:>10.1f}us {:>10.1f}us {:>8.2f}x\n", "one formula evaluation, all 43 forces", formula_native,
             formula_lua, formula_lua / formula_native);
  fmt::print("{:<40} {:>10.1f}us {:>10.1f}us {:>8.2f}x   (target: at most 2x)\n",
             "whole year: formula + 300 apportionments", year_native, year_lua, year_lua / year_native);
  return 0;
}
