// Benchmark (not a test): national scenarios per second through the compiled evaluation plan
// against the full ledger, side by side in one run, on the synthetic national set (43 forces,
// 300 units, formulae as generate national chooses them) with new random budgets every scenario.
// The formulae's weights are warm in both (the library caches them; the plan compiled them), so
// the figure is what the split itself costs: rows, shares, apportionment, totals.
//
//   build/release/collab_plan_bench [--runs N] [--scenarios N]
//
// Prints medians and the ratio; asserts nothing about time.

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include "formula/formula_library.h"
#include "generate/national.h"
#include "ledger/ledger.h"
#include "load/loader.h"
#include "plan/evaluate.h"
#include "plan/plan.h"

using namespace collab;
using Clock = std::chrono::steady_clock;

namespace {

// The national set written to a fresh folder (removed at the end) and loaded, as `collab generate
// national` would leave it.
class NationalSet {
 public:
  NationalSet() {
    root_ = std::filesystem::temp_directory_path() / fmt::format("collab-plan-bench-{}", std::random_device{}());
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

void set_budget(Model& model, const plan::PlanRow& row, int64_t pence) {
  BudgetLine& line = model.budgets.at(row.table).lines.at(row.line);
  (row.kind == ContributionKind::Cash ? line.cash : line.in_kind) = Money::from_pence(pence);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 9;
  int scenarios = 200;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--scenarios") == 0) scenarios = std::max(1, std::atoi(argv[i + 1]));
  }
  const NationalSet set;
  auto outcome = load::load_data_set(set.root());
  Diagnostics diagnostics;
  if (!outcome.model || outcome.diagnostics.errors() > 0) {
    for (const auto& d : outcome.diagnostics.items()) fmt::print(stderr, "{}\n", format_diagnostic(d));
    return 1;
  }
  const std::shared_ptr<const Model> model = outcome.model;
  const FinancialYear year = generate::NationalOptions{}.year;
  const Money pound = Money::from_pounds(1);
  auto formulae = formula::FormulaLibrary::load(COLLAB_SOURCE_DIR, model, diagnostics);
  const plan::Plan plan = plan::compile_plan(model, year, *formulae, pound, diagnostics);
  if (diagnostics.errors() > 0 || plan.rows.empty()) {
    for (const auto& d : diagnostics.items()) fmt::print(stderr, "{}\n", format_diagnostic(d));
    fmt::print(stderr, "collab_plan_bench: the national set did not compile into a plan; nothing timed\n");
    return 1;
  }

  // Every scenario's budgets drawn up front (£0 to £20m, odd pence), so neither side times the
  // generator and no two consecutive scenarios repeat.
  std::mt19937_64 random(2016);
  std::vector<std::vector<int64_t>> budgets(static_cast<std::size_t>(scenarios), std::vector<int64_t>(plan.rows.size()));
  for (auto& scenario : budgets)
    for (int64_t& b : scenario) b = static_cast<int64_t>(random() % 2'000'000'000);

  auto scenario_model = std::make_shared<Model>(*model);
  plan::Buffers buffers;
  int64_t checksum = 0;  // what each side computed, so neither is optimised away
  auto by_ledger = [&](const std::vector<int64_t>& b) {
    for (std::size_t r = 0; r < plan.rows.size(); ++r) set_budget(*scenario_model, plan.rows[r], b[r]);
    Diagnostics ignored;
    const ledger::Ledger ledger = ledger::compute_ledger(*formulae, scenario_model, year, pound, ignored);
    checksum += ledger.totals.front().cash.pence();
    return ledger;
  };
  auto by_plan = [&](const std::vector<int64_t>& b) {
    const plan::ForceTotals totals = plan::evaluate(plan, b, buffers);
    checksum += totals.cash.front();
    return totals;
  };

  // The same figures, or the comparison means nothing.
  for (std::size_t s = 0; s < std::min<std::size_t>(budgets.size(), 20); ++s) {
    const ledger::Ledger ledger = by_ledger(budgets[s]);
    const plan::ForceTotals totals = by_plan(budgets[s]);
    for (std::size_t f = 0; f < ledger.totals.size(); ++f)
      if (totals.cash[f] != ledger.totals[f].cash.pence() || totals.in_kind[f] != ledger.totals[f].in_kind.pence()) {
        fmt::print(stderr, "collab_plan_bench: the plan and the ledger disagree on {}; nothing timed\n", plan.forces[f]);
        return 1;
      }
  }

  // Per run: every scenario through one side, then the other (in turn, first one then the other
  // going first), in scenarios per second; the medians over the runs.
  auto per_second = [&](auto& body) {
    const auto start = Clock::now();
    for (const auto& b : budgets) body(b);
    const std::chrono::duration<double> took = Clock::now() - start;
    return static_cast<double>(budgets.size()) / took.count();
  };
  std::vector<double> ledger_rates, plan_rates;
  for (int r = 0; r < runs; ++r) {
    if (r % 2 == 0) {
      ledger_rates.push_back(per_second(by_ledger));
      plan_rates.push_back(per_second(by_plan));
    } else {
      plan_rates.push_back(per_second(by_plan));
      ledger_rates.push_back(per_second(by_ledger));
    }
  }
  const double ledger_rate = median(ledger_rates), plan_rate = median(plan_rates);
  fmt::print("plan benchmark: national set, {} forces, {} rows, {} scenarios of new budgets; median of {} runs\n",
             plan.forces.size(), plan.rows.size(), scenarios, runs);
  fmt::print("the plan and the full ledger give the same totals (checked on the first {} scenarios)\n\n",
             std::min<std::size_t>(budgets.size(), 20));
  fmt::print("{:<40} {:>16} {:>16} {:>12}\n", "", "full ledger", "plan", "plan/ledger");
  fmt::print("{:<40} {:>14.0f}/s {:>14.0f}/s {:>11.1f}x\n", "national scenarios per second", ledger_rate, plan_rate,
             plan_rate / ledger_rate);
  fmt::print("(checksum {})\n", checksum);
  return 0;
}
