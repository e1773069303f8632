#include "plan/evaluator.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <numeric>
#include <type_traits>

#include "calc/decimal.h"
#include "formula/formula_library.h"

namespace collab::plan {

namespace {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

// The Lua formulae, through the library's lean path.
class LuaFormulae final : public ScenarioFormulae {
 public:
  LuaFormulae(std::unique_ptr<formula::FormulaLibrary> library, std::shared_ptr<const Model> model)
      : library_(std::move(library)), model_(std::move(model)) {}

  bool prepare(std::uint32_t index, const FormulaChoice& choice, Diagnostics& diagnostics) override {
    if (prepared_.size() <= index) prepared_.resize(index + 1);
    prepared_[index] = library_->prepare_lean(choice, diagnostics);
    return prepared_[index].has_value();
  }

  std::optional<Diagnostic> weigh(std::uint32_t index, FinancialYear year, std::span<const std::int32_t> forces,
                                  const api::GrantOverride* grants, std::span<double> weights) override {
    if (index >= prepared_.size() || !prepared_[index]) {
      Diagnostic d;
      d.message = "this formula choice could not be made ready for the sweep (its error was reported when the "
                  "evaluator was created)";
      return d;
    }
    return library_->evaluate_lean(*prepared_[index], model_, year, forces, grants, weights);
  }

 private:
  std::unique_ptr<formula::FormulaLibrary> library_;
  std::shared_ptr<const Model> model_;
  std::vector<std::optional<formula::LeanFormula>> prepared_;
};

constexpr std::int64_t kExactDoubles = std::int64_t{1} << 53;  // every integer below is a double
constexpr Int128 kDenominatorBound = Int128{1} << 126;          // a row's weights' sum times the unit, as compile_plan bounds it

// Many numerators divided by one denominator (the row's), all below 2^53: a multiplication by the
// reciprocal, then a correction (the estimate is off by one at most), instead of a division each.
class Reciprocal {
 public:
  explicit Reciprocal(std::int64_t denominator)
      : denominator_(denominator), inverse_(1.0 / static_cast<double>(denominator)) {}
  std::int64_t quotient(std::int64_t numerator, std::int64_t& remainder) const {
    auto q = static_cast<std::int64_t>(static_cast<double>(numerator) * inverse_);
    remainder = numerator - q * denominator_;
    while (remainder < 0) {
      --q;
      remainder += denominator_;
    }
    while (remainder >= denominator_) {
      ++q;
      remainder -= denominator_;
    }
    return q;
  }

 private:
  std::int64_t denominator_;
  double inverse_;
};

// 10^n for the scales weights have (0..18), without a call.
constexpr Int128 kPowers[19] = {1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL, 100000000LL,
                                1000000000LL, 10000000000LL, 100000000000LL, 1000000000000LL, 10000000000000LL,
                                100000000000000LL, 1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
                                1000000000000000000LL};

// The order leftover units go in (calc/apportion.cpp): larger remainder, then larger weight,
// then the party listed first. A strict total order.
template <class W>
struct LeftoverOrder {
  const W* remainders;
  const W* weights;
  bool operator()(std::uint32_t a, std::uint32_t b) const {
    if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
    if (weights[a] != weights[b]) return weights[a] > weights[b];
    return a < b;
  }
};

// The reused memory a split needs beyond its output: at least `count` of each.
template <class W>
struct SplitScratch {
  W* remainders;
  std::uint32_t* bucket_of;  // per party: the bucket of its remainder
  std::uint32_t* counts;     // per bucket: how many remainders fell in it
  std::uint32_t* ties;       // the parties in the bucket where the takers end
};

// Hands `left` (above (takers - 1) * unit, at most takers * unit) to the first `takers` parties
// in LeftoverOrder, a unit each and the rest to the last of them, as sorting them all would. A
// selection on the remainders themselves (nth_element) mispredicts a branch on nearly every
// comparison and cost most of a national scenario; instead the remainders, which lie in
// [0, denominator), go into `count` equal buckets by a monotone float scale (a larger remainder
// never lands in a lower bucket; equal ones share one), the bucket holding the takers-th is found
// from the counts, everyone above it takes, and only that bucket's parties (one or two, when
// remainders spread) are ordered by LeftoverOrder itself.
template <class W>
void hand_out_leftovers(const W* weights, std::uint32_t count, W denominator, std::int64_t left, std::uint32_t takers,
                        std::int64_t unit, std::int64_t* parts, const SplitScratch<W>& scratch) {
  const W* remainders = scratch.remainders;
  const std::uint32_t buckets = count;
  const double scale = static_cast<double>(buckets) / static_cast<double>(denominator);
  std::fill(scratch.counts, scratch.counts + buckets, 0u);
  for (std::uint32_t i = 0; i < count; ++i) {
    const auto at = static_cast<std::uint32_t>(static_cast<double>(remainders[i]) * scale);
    scratch.bucket_of[i] = std::min(at, buckets - 1);
    ++scratch.counts[scratch.bucket_of[i]];
  }
  std::uint32_t last = buckets - 1, above = 0;  // the bucket the takers end in; how many lie above it
  while (above + scratch.counts[last] < takers) above += scratch.counts[last--];
  // Without branches: which parties take is as good as random, and a mispredicted branch each
  // costs more than the arithmetic.
  std::uint32_t tied = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    parts[i] += unit * static_cast<std::int64_t>(scratch.bucket_of[i] > last);
    scratch.ties[tied] = i;
    tied += static_cast<std::uint32_t>(scratch.bucket_of[i] == last);
  }
  // takers - above of the bucket's parties take, in LeftoverOrder; the last of them gets what is left.
  const std::uint32_t from_bucket = takers - above;
  std::uint32_t* ties = scratch.ties;
  std::nth_element(ties, ties + (from_bucket - 1), ties + tied, LeftoverOrder<W>{remainders, weights});
  for (std::uint32_t rank = 0; rank + 1 < from_bucket; ++rank) parts[ties[rank]] += unit;
  parts[ties[from_bucket - 1]] += left - static_cast<std::int64_t>(takers - 1) * unit;
}

// Largest remainder at `unit`, as calc/apportion.cpp does it, for weights of type W (int64 when
// total * weight and weight_sum * unit fit it, else 128 bits; the caller decides).
template <class W>
void split(const W* weights, std::uint32_t count, W weight_sum, std::int64_t total, std::int64_t unit,
           std::int64_t* parts, const SplitScratch<W>& scratch, bool by_reciprocal) {
  const W denominator = weight_sum * unit;
  W* remainders = scratch.remainders;
  std::int64_t handed_out = 0;
  if constexpr (std::is_same_v<W, std::int64_t>) {
    if (by_reciprocal) {
      const Reciprocal divide(denominator);
      for (std::uint32_t i = 0; i < count; ++i) {
        parts[i] = divide.quotient(total * weights[i], remainders[i]) * unit;
        handed_out += parts[i];
      }
    }
  }
  if (!by_reciprocal) {
    for (std::uint32_t i = 0; i < count; ++i) {
      const W numerator = static_cast<W>(total) * weights[i];
      const W whole = numerator / denominator;
      remainders[i] = numerator - whole * denominator;
      parts[i] = static_cast<std::int64_t>(whole) * unit;
      handed_out += parts[i];
    }
  }
  const std::int64_t left = total - handed_out;  // below count * unit
  if (left <= 0) return;
  const auto takers = static_cast<std::uint32_t>((left + unit - 1) / unit);
  hand_out_leftovers(weights, count, denominator, left, takers, unit, parts, scratch);
}

}  // namespace

std::unique_ptr<ScenarioFormulae> lua_formulae(std::shared_ptr<const Model> model, const std::filesystem::path& root,
                                               lua::Limits limits, Diagnostics& diagnostics, plugin::PluginSet* plugins) {
  auto library = formula::FormulaLibrary::load(root, model, diagnostics, limits, {}, plugins);
  if (!library) return nullptr;
  return std::make_unique<LuaFormulae>(std::move(library), std::move(model));
}

// Everything a scenario writes, sized once from the plan.
struct Evaluator::Buffers {
  std::vector<std::int64_t> cash, in_kind;    // per force
  std::vector<std::int64_t> parts;            // per participant
  std::vector<std::int64_t> static_weights;   // the plan's weights, per participant (they fit: compile_plan bounds them)
  std::vector<std::int64_t> static_max;       // per row: its largest compiled weight
  std::vector<char> moved;                    // per choice: re-run in this scenario
  std::vector<char> overridden;               // per choice: prepared with other params than the data's
  std::vector<double> call_weights;           // per call force: what the formula gave
  std::vector<std::int64_t> call_units;       // the same as exact decimals: units * 10^-scale
  std::vector<int> call_scales;
  std::vector<std::int64_t> call_scaled;      // the call's weights at its largest scale, when narrow
  std::vector<char> call_narrow;              // per call: call_scaled holds them (each below 2^62 / count)
  std::vector<std::int64_t> weights;          // the row being split: its weights
  std::vector<Int128> wide_weights;           // the same, when beyond 64 bits
  std::vector<std::int64_t> remainders;       // the row being split: its remainders
  std::vector<Int128> wide_remainders;
  std::vector<std::uint32_t> bucket_of, bucket_counts, ties;  // handing out its leftover units
  std::vector<std::int64_t> unmoved_parts;    // per participant: the parts of a row split with the plan's weights and budget
  std::vector<char> unmoved_ready;            // per row: unmoved_parts holds them
  api::GrantOverride grants;
};

Evaluator::Evaluator(std::shared_ptr<const Plan> plan, std::unique_ptr<ScenarioFormulae> formulae)
    : plan_(std::move(plan)), formulae_(std::move(formulae)), buffers_(std::make_unique<Buffers>()) {
  const Plan& p = *plan_;
  Buffers& b = *buffers_;
  b.cash.assign(p.forces.size(), 0);
  b.in_kind.assign(p.forces.size(), 0);
  b.parts.assign(p.participants.size(), 0);
  b.static_weights.reserve(p.weights.size());
  for (Int128 w : p.weights) b.static_weights.push_back(static_cast<std::int64_t>(w));
  for (const PlanRow& row : p.rows) {
    std::int64_t most = 0;
    for (std::uint32_t i = 0; i < row.count; ++i) most = std::max(most, b.static_weights[row.first + i]);
    b.static_max.push_back(most);
  }
  b.moved.assign(p.choices.size(), 0);
  b.overridden.assign(p.choices.size(), 0);
  b.call_weights.assign(p.call_forces.size(), 0);
  b.call_units.assign(p.call_forces.size(), 0);
  b.call_scales.assign(p.call_forces.size(), 0);
  b.call_scaled.assign(p.call_forces.size(), 0);
  b.call_narrow.assign(p.calls.size(), 0);
  b.weights.assign(p.widest_row, 0);
  b.wide_weights.assign(p.widest_row, 0);
  b.remainders.assign(p.widest_row, 0);
  b.wide_remainders.assign(p.widest_row, 0);
  b.bucket_of.assign(p.widest_row, 0);
  b.bucket_counts.assign(p.widest_row, 0);
  b.ties.assign(p.widest_row, 0);
  b.unmoved_parts.assign(p.participants.size(), 0);
  b.unmoved_ready.assign(p.rows.size(), 0);
  b.grants.year = p.year.prev();
}

Evaluator::~Evaluator() = default;

std::unique_ptr<Evaluator> Evaluator::create(std::shared_ptr<const Plan> plan, const std::filesystem::path& root,
                                             lua::Limits limits, Diagnostics& diagnostics, plugin::PluginSet* plugins) {
  auto formulae = lua_formulae(plan->model, root, limits, diagnostics, plugins);
  if (!formulae) return nullptr;
  return create(std::move(plan), std::move(formulae), diagnostics);
}

std::unique_ptr<Evaluator> Evaluator::create(std::shared_ptr<const Plan> plan, std::unique_ptr<ScenarioFormulae> formulae,
                                             Diagnostics& diagnostics) {
  if (!plan || !formulae) return nullptr;
  for (std::uint32_t c = 0; c < plan->choices.size(); ++c) formulae->prepare(c, plan->choices[c].choice, diagnostics);
  return std::unique_ptr<Evaluator>(new Evaluator(std::move(plan), std::move(formulae)));
}

std::size_t Evaluator::buffer_capacity() const {
  const Buffers& b = *buffers_;
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  return bytes(b.cash) + bytes(b.in_kind) + bytes(b.parts) + bytes(b.static_weights) + bytes(b.static_max) +
         bytes(b.moved) + bytes(b.overridden) + bytes(b.call_weights) + bytes(b.call_units) + bytes(b.call_scales) + bytes(b.call_scaled) + bytes(b.call_narrow) +
         bytes(b.weights) + bytes(b.wide_weights) + bytes(b.remainders) + bytes(b.wide_remainders) + bytes(b.bucket_of) + bytes(b.bucket_counts) + bytes(b.ties) +
         bytes(b.unmoved_parts) + bytes(b.unmoved_ready);
}

void Evaluator::fail(std::string message, std::optional<std::size_t> row) {
  outcome_.failure = ScenarioFailure{std::move(message), row};
  outcome_.cash = {};
  outcome_.in_kind = {};
  outcome_.parts = {};
}

const ScenarioOutcome& Evaluator::evaluate(const Variation& variation) {
  const Plan& plan = *plan_;
  Buffers& b = *buffers_;
  outcome_.failure.reset();
  formula_calls_ = 0;
  if (!variation.grant_pence.empty() && variation.grant_pence.size() != plan.forces.size()) {
    fail(fmt::format("the scenario gives {} grants for {} forces: give one per force, or none", variation.grant_pence.size(),
                     plan.forces.size()));
    return outcome_;
  }
  if (!variation.budget_pence.empty() && variation.budget_pence.size() != plan.rows.size()) {
    fail(fmt::format("the scenario gives {} budgets for {} rows: give one per row, or none", variation.budget_pence.size(),
                     plan.rows.size()));
    return outcome_;
  }
  for (std::size_t f = 0; f < variation.grant_pence.size(); ++f)
    if (variation.grant_pence[f] < 0) {
      fail(fmt::format("the scenario's grant for '{}' is below zero ({} pence)", plan.forces[f], variation.grant_pence[f]));
      return outcome_;
    }
  if (!run_calls(variation) || !split_rows(variation)) return outcome_;
  outcome_.cash = b.cash;
  outcome_.in_kind = b.in_kind;
  outcome_.parts = b.parts;
  return outcome_;
}

// Decides which choices this scenario moves, prepares those with other params, and runs each
// call of a moved choice once, its weights read as exact decimals.
bool Evaluator::run_calls(const Variation& variation) {
  const Plan& plan = *plan_;
  Buffers& b = *buffers_;
  const bool grants_move = !variation.grant_pence.empty();
  for (std::size_t c = 0; c < plan.choices.size(); ++c) b.moved[c] = grants_move && plan.choices[c].reads_grant();
  // A choice given other params last time is prepared with the data's again, unless this one
  // replaces them too.
  for (std::uint32_t c = 0; c < plan.choices.size(); ++c) {
    if (!b.overridden[c]) continue;
    const bool again = std::any_of(variation.formula_params.begin(), variation.formula_params.end(),
                                   [c](const auto& item) { return item.first == c; });
    if (again) continue;
    Diagnostics ignored;  // it was prepared with these params when the evaluator was created
    formulae_->prepare(c, plan.choices[c].choice, ignored);
    b.overridden[c] = 0;
  }
  for (const auto& [index, params] : variation.formula_params) {
    if (index >= plan.choices.size()) {
      fail(fmt::format("the scenario replaces the params of formula choice {}, but the plan has {} choices", index,
                       plan.choices.size()));
      return false;
    }
    FormulaChoice choice = plan.choices[index].choice;
    choice.params = params;
    Diagnostics problems;
    b.overridden[index] = 1;
    b.moved[index] = 1;
    if (!formulae_->prepare(index, choice, problems)) {
      std::string message;
      for (const Diagnostic& d : problems.items()) message += (message.empty() ? "" : "; ") + format_diagnostic_line(d);
      fail(message.empty() ? fmt::format("the params given to formula '{}' cannot be used", choice.id) : message);
      return false;
    }
  }
  const api::GrantOverride* grants = nullptr;
  if (grants_move) {
    b.grants.year = variation.grant_year.value_or(plan.year.prev());
    b.grants.pence = variation.grant_pence;
    grants = &b.grants;
  }
  for (const PlanCall& call : plan.calls) {
    if (!b.moved[call.choice]) continue;
    const std::span<const std::int32_t> forces(plan.call_forces.data() + call.first, call.count);
    const std::span<double> weights(b.call_weights.data() + call.first, call.count);
    ++formula_calls_;
    if (auto failure = formulae_->weigh(call.choice, plan.year, forces, grants, weights)) {
      fail(format_diagnostic_line(*failure));
      return false;
    }
    for (std::uint32_t i = 0; i < call.count; ++i) {
      const double w = weights[i];
      // As exact_weight reads a weight: its shortest decimal form (without text, mostly).
      auto exact = decimal_from_double(w);
      if (!exact || w <= 0 || exact.value().scale > 18 || exact.value().units > kInt64Max) {
        fail(fmt::format("{}: the weight of '{}' is {}: weights must be finite numbers above zero with at most 18 "
                         "significant digits",
                         plan.choices[call.choice].formula.chunk, plan.forces[static_cast<std::size_t>(forces[i])], w));
        return false;
      }
      b.call_units[call.first + i] = static_cast<std::int64_t>(exact.value().units);
      b.call_scales[call.first + i] = exact.value().scale;
    }
    // At the call's largest scale, in 64 bits when they fit: every row then shares among its
    // participants without 128-bit arithmetic (a common factor changes no share and no split).
    int scale = 0;
    for (std::uint32_t i = 0; i < call.count; ++i) scale = std::max(scale, b.call_scales[call.first + i]);
    const Int128 bound = kInt64Max / 2 / std::max<std::uint32_t>(call.count, 1);
    bool narrow = true;
    for (std::uint32_t i = 0; i < call.count && narrow; ++i) {
      const Int128 scaled = Int128{b.call_units[call.first + i]} * kPowers[scale - b.call_scales[call.first + i]];
      narrow = scaled < bound;
      b.call_scaled[call.first + i] = narrow ? static_cast<std::int64_t>(scaled) : 0;
    }
    b.call_narrow[static_cast<std::size_t>(&call - plan.calls.data())] = narrow;
  }
  return true;
}

// A moved row's weights into b.weights: its participants' exact weights at their common scale,
// renormalised and rounded to the formula's step as calc/shares renormalise does (the number of
// steps is the weight: apportioning depends only on the weights' ratios). False (failed) when a
// share rounds to 0 or the weights leave what 64-bit weights can split exactly.
bool Evaluator::weigh_row(std::size_t r, std::size_t& widest, Int128& weight_sum) {
  const Plan& plan = *plan_;
  Buffers& b = *buffers_;
  const PlanRow& row = plan.rows[r];
  const PlanCall& call = plan.calls[row.call];
  const PlanChoice& choice = plan.choices[row.choice];
  const std::uint32_t* positions = plan.positions.data() + row.first;
  if (b.call_narrow[row.call] && weigh_row_narrow(r, widest, weight_sum)) return true;
  int scale = 0;
  for (std::uint32_t i = 0; i < row.count; ++i) scale = std::max(scale, b.call_scales[call.first + positions[i]]);
  // Units below 10^18 times 10^18 at most: each fits 128 bits, and so do 43 of them added.
  Int128* scaled = b.wide_weights.data();
  Int128 sum = 0;
  for (std::uint32_t i = 0; i < row.count; ++i) {
    const std::uint32_t at = call.first + positions[i];
    scaled[i] = Int128{b.call_units[at]} * kPowers[scale - b.call_scales[at]];
    sum += scaled[i];
  }
  Int128 most = 0;
  if (choice.formula.round_shares) {
    // steps = scaled * 100 * 10^s / (sum * u), halves up: (2n + d) / 2d with n = scaled * 100 * 10^s.
    const Decimal step = *choice.formula.round_shares;
    Int128 multiplier = 0, denominator = 0;
    try {
      multiplier = checked::mul(Int128{100}, pow10(step.scale));
      denominator = checked::mul(sum, step.units);
      checked::mul(denominator, Int128{2});
    } catch (const ArithmeticOverflow&) {
      fail(fmt::format("cannot split '{}': the weights span too many orders of magnitude to share exactly",
                       plan.model->budgets[row.table].lines[row.line].unit),
           r);
      return false;
    }
    // Below 2^53 (2n + d included): the reciprocal's division; else 128-bit.
    const bool narrow = denominator < kExactDoubles / 4;
    const Reciprocal twice_denominator(narrow ? static_cast<std::int64_t>(2 * denominator) : 1);
    for (std::uint32_t i = 0; i < row.count; ++i) {
      Int128 steps = 0;
      if (narrow && scaled[i] < kExactDoubles / 4 / multiplier) {
        const auto n = static_cast<std::int64_t>(scaled[i] * multiplier);
        std::int64_t ignored = 0;
        steps = twice_denominator.quotient(2 * n + static_cast<std::int64_t>(denominator), ignored);
      } else {
        try {
          steps = checked::divide_scaled(checked::mul(scaled[i], Int128{100}), sum, step.scale, step.units);
        } catch (const ArithmeticOverflow&) {
          fail(fmt::format("cannot split '{}': the weights span too many orders of magnitude to share exactly",
                           plan.model->budgets[row.table].lines[row.line].unit),
               r);
          return false;
        }
      }
      if (steps <= 0) {
        const std::size_t force = static_cast<std::size_t>(plan.participants[row.first + i]);
        fail(fmt::format("cannot split '{}' {}: the share of '{}' rounds to 0 at a step of {} points",
                         plan.model->budgets[row.table].lines[row.line].unit, plan.year.str(), plan.forces[force],
                         decimal_text(step)),
             r);
        return false;
      }
      scaled[i] = steps;
      most = std::max(most, steps);
    }
  } else {
    for (std::uint32_t i = 0; i < row.count; ++i) most = std::max(most, scaled[i]);
  }
  weight_sum = 0;
  for (std::uint32_t i = 0; i < row.count; ++i) weight_sum += scaled[i];  // each below 2^127 / 43
  if (most > kInt64Max || weight_sum > kDenominatorBound / plan.rounding_unit_pence) {
    fail(fmt::format("the evaluation plan cannot split '{}' {}: its weights span too many orders of magnitude for "
                     "exact integer arithmetic at every budget",
                     plan.model->budgets[row.table].lines[row.line].unit, plan.year.str()),
         r);
    return false;
  }
  for (std::uint32_t i = 0; i < row.count; ++i) b.weights[i] = static_cast<std::int64_t>(scaled[i]);
  widest = static_cast<std::size_t>(most);
  return true;
}

// weigh_row in 64 bits, for a call whose weights are narrow: false (nothing failed) when a product
// would not stay below 2^53, for the 128-bit path to do it.
bool Evaluator::weigh_row_narrow(std::size_t r, std::size_t& widest, Int128& weight_sum) {
  const Plan& plan = *plan_;
  Buffers& b = *buffers_;
  const PlanRow& row = plan.rows[r];
  const PlanChoice& choice = plan.choices[row.choice];
  const std::uint32_t* positions = plan.positions.data() + row.first;
  const std::int64_t* scaled = b.call_scaled.data() + plan.calls[row.call].first;
  std::int64_t* weights = b.weights.data();
  std::int64_t sum = 0, most = 0;
  for (std::uint32_t i = 0; i < row.count; ++i) {
    weights[i] = scaled[positions[i]];
    sum += weights[i];
    most = std::max(most, weights[i]);
  }
  if (choice.formula.round_shares) {
    const Decimal step = *choice.formula.round_shares;
    if (step.scale > 4 || step.units >= (Int128{1} << 20)) return false;
    static constexpr std::int64_t kSmallPowers[] = {1, 10, 100, 1000, 10000};
    const std::int64_t multiplier = 100 * kSmallPowers[step.scale];
    const std::int64_t denominator = sum * static_cast<std::int64_t>(step.units);
    // Each 2n + d below 2^53 (n = weight * multiplier, d = sum * step units), so the reciprocal is exact.
    if (sum >= kExactDoubles / 4 / (1 << 20) || most >= kExactDoubles / 4 / multiplier) return false;
    const Reciprocal twice_denominator(2 * denominator);
    std::int64_t steps_sum = 0, steps_most = 0;
    for (std::uint32_t i = 0; i < row.count; ++i) {
      std::int64_t ignored = 0;
      const std::int64_t steps = twice_denominator.quotient(2 * weights[i] * multiplier + denominator, ignored);
      if (steps <= 0) return false;  // the 128-bit path says which share rounds to 0
      weights[i] = steps;
      steps_sum += steps;
      steps_most = std::max(steps_most, steps);
    }
    sum = steps_sum;
    most = steps_most;
  }
  widest = static_cast<std::size_t>(most);
  weight_sum = sum;
  return true;
}

// Row `r`'s parts of `total` into the parts buffer: its weights (re-weighed when its choice moved,
// else the compiled ones) split by largest remainder.
bool Evaluator::split_row(std::size_t r, std::int64_t total) {
  const Plan& plan = *plan_;
  Buffers& b = *buffers_;
  const PlanRow& row = plan.rows[r];
  const std::int64_t unit = plan.rounding_unit_pence;
  std::int64_t* parts = b.parts.data() + row.first;
  const std::int64_t* weights = nullptr;
  std::int64_t most = 0;
  Int128 weight_sum = 0;
  if (b.moved[row.choice]) {
    std::size_t widest = 0;
    if (!weigh_row(r, widest, weight_sum)) return false;
    weights = b.weights.data();
    most = static_cast<std::int64_t>(widest);
  } else {
    weights = b.static_weights.data() + row.first;
    most = b.static_max[r];
    weight_sum = row.weight_sum;
  }
  // 64-bit when every total * weight and the denominator fit (by a reciprocal when below 2^53
  // too), else 128-bit.
  if (total <= kInt64Max / most && weight_sum <= kInt64Max / unit) {
    const auto sum = static_cast<std::int64_t>(weight_sum);
    const bool by_reciprocal = total < kExactDoubles / most && sum < kExactDoubles / unit;
    split<std::int64_t>(weights, row.count, sum, total, unit, parts,
                        {b.remainders.data(), b.bucket_of.data(), b.bucket_counts.data(), b.ties.data()}, by_reciprocal);
  } else {
    for (std::uint32_t i = 0; i < row.count; ++i) b.wide_weights[i] = weights[i];
    split<Int128>(b.wide_weights.data(), row.count, weight_sum, total, unit, parts,
                  {b.wide_remainders.data(), b.bucket_of.data(), b.bucket_counts.data(), b.ties.data()}, false);
  }
  return true;
}

bool Evaluator::split_rows(const Variation& variation) {
  const Plan& plan = *plan_;
  Buffers& b = *buffers_;
  std::fill(b.cash.begin(), b.cash.end(), 0);
  std::fill(b.in_kind.begin(), b.in_kind.end(), 0);
  for (std::size_t r = 0; r < plan.rows.size(); ++r) {
    const PlanRow& row = plan.rows[r];
    const std::int64_t total = variation.budget_pence.empty() ? row.budget_pence : variation.budget_pence[r];
    if (total < 0) {
      fail(fmt::format("cannot apportion a negative budget ({} pence) of '{}'", total,
                       plan.model->budgets[row.table].lines[row.line].unit),
           r);
      return false;
    }
    std::int64_t* parts = b.parts.data() + row.first;
    // A row the scenario moves neither the weights nor the budget of splits as it did last time:
    // its parts are kept from the first such split (about half a national set's rows in a grant
    // sweep), as an analyst splits the unmoved rows once.
    const bool unmoved = !b.moved[row.choice] && variation.budget_pence.empty();
    if (unmoved && b.unmoved_ready[r]) {
      std::copy_n(b.unmoved_parts.data() + row.first, row.count, parts);
    } else {
      if (!split_row(r, total)) return false;
      if (unmoved) {
        std::copy_n(parts, row.count, b.unmoved_parts.data() + row.first);
        b.unmoved_ready[r] = 1;
      }
    }
    std::int64_t* totals = row.kind == ContributionKind::Cash ? b.cash.data() : b.in_kind.data();
    const std::int32_t* forces = plan.participants.data() + row.first;
    for (std::uint32_t i = 0; i < row.count; ++i)
      if (__builtin_add_overflow(totals[forces[i]], parts[i], &totals[forces[i]])) {
        fail(fmt::format("the total of '{}' leaves the range of money", plan.forces[static_cast<std::size_t>(forces[i])]), r);
        return false;
      }
  }
  return true;
}

}  // namespace collab::plan
