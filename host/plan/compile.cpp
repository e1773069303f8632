#include "plan/plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ledger/ledger.h"

namespace collab::plan {

namespace {

// The ledger's rows come in data order, one per amount of a line: the same walk finds each
// row's place in the model, so a scenario can tell which budget it changes.
struct LinePlace {
  std::size_t table;
  std::size_t line;
};

std::vector<LinePlace> places_in_ledger_order(const Model& model, FinancialYear year) {
  std::vector<LinePlace> places;
  for (std::size_t t = 0; t < model.budgets.size(); ++t) {
    if (model.budgets[t].year != year) continue;
    const auto& lines = model.budgets[t].lines;
    for (std::size_t l = 0; l < lines.size(); ++l) {
      if (lines[l].cash) places.push_back({t, l});
      if (lines[l].in_kind) places.push_back({t, l});
    }
  }
  return places;
}

std::string call_key(std::uint32_t choice, const std::vector<std::int32_t>& forces) {
  std::string key = std::to_string(choice);
  for (std::int32_t f : forces) key += "," + std::to_string(f);
  return key;
}

// A budget times a weight must fit 128 bits for any budget in int64 pence: weights below 2^63
// keep every product of evaluate() in range...
constexpr Int128 kWeightBound = std::numeric_limits<int64_t>::max();
// ... and the row's denominator (their sum times the unit) below 2^126, so a remainder never overflows.
constexpr Int128 kDenominatorBound = Int128{1} << 126;

}  // namespace

bool PlanChoice::reads_grant() const {
  return std::find(formula.inputs.begin(), formula.inputs.end(), "grant") != formula.inputs.end();
}

Plan compile_plan(const std::shared_ptr<const Model>& shared_model, FinancialYear year, formula::WeightsSource& formulae,
                  Money rounding_unit, Diagnostics& diagnostics) {
  const Model& model = *shared_model;
  Plan plan;
  plan.model = shared_model;
  plan.year = year;
  plan.rounding_unit_pence = rounding_unit.pence();
  std::unordered_map<std::string_view, std::int32_t> index_of;  // built once, so rows never compare strings
  for (const Force& force : model.forces) {
    index_of.emplace(force.id, static_cast<std::int32_t>(plan.forces.size()));
    plan.forces.push_back(force.id);
  }
  // The ledger is computed once: its shares are what the plan apportions by, and its failures
  // (with their diagnostics) are the plan's, so the two cannot disagree on which rows count.
  const ledger::Ledger ledger = ledger::compute_ledger(formulae, shared_model, year, rounding_unit, diagnostics);
  const std::vector<LinePlace> places = places_in_ledger_order(model, year);
  std::unordered_map<std::string, std::uint32_t> choice_index, call_index;
  for (std::size_t r = 0; r < ledger.rows.size(); ++r) {
    const ledger::LedgerRow& row = ledger.rows[r];
    if (row.failed()) continue;
    const BudgetLine& line = model.budgets.at(places.at(r).table).lines.at(places.at(r).line);
    const bool charged = std::any_of(line.charges.begin(), line.charges.end(),
                                     [&row](const Charge& charge) { return charge.kind == row.kind; });
    if (charged || row.limit) {
      diagnostics.error(row.budget_where,
                        fmt::format("the evaluation plan cannot split '{}' {}: it has charges or a limit on "
                                    "year-on-year change, which only the full ledger applies",
                                    row.unit, year.str()),
                        "compute this scenario with the ledger");
      continue;
    }
    PlanRow out{places.at(r).table, places.at(r).line, row.kind, row.budget.pence(),
                static_cast<std::uint32_t>(plan.participants.size()), 0, 0, 0, 0};
    // The choice and the call, found or added: keyed as the formula library's cache keys them.
    const std::string choice_key = row.choice.id + "|" + row.choice.params.canonical();
    auto choice_at = choice_index.find(choice_key);
    if (choice_at == choice_index.end()) {
      choice_at = choice_index.emplace(choice_key, static_cast<std::uint32_t>(plan.choices.size())).first;
      plan.choices.push_back({row.choice, row.weights->formula});
    }
    out.choice = choice_at->second;
    std::vector<std::int32_t> call_forces;
    // A source that does not say whom it weighed weighed every force (region scope) or the row's.
    if (!row.weights->participants.empty()) {
      for (const ForceId& id : row.weights->participants) call_forces.push_back(index_of.at(id));
    } else if (row.weights->formula.region_scope) {
      for (std::size_t f = 0; f < plan.forces.size(); ++f) call_forces.push_back(static_cast<std::int32_t>(f));
    } else {
      for (const ledger::Contribution& c : row.contributions) call_forces.push_back(index_of.at(c.force));
    }
    const std::string key = call_key(out.choice, call_forces);
    auto call_at = call_index.find(key);
    if (call_at == call_index.end()) {
      call_at = call_index.emplace(key, static_cast<std::uint32_t>(plan.calls.size())).first;
      plan.calls.push_back({out.choice, static_cast<std::uint32_t>(plan.call_forces.size()),
                            static_cast<std::uint32_t>(call_forces.size())});
      plan.call_forces.insert(plan.call_forces.end(), call_forces.begin(), call_forces.end());
    }
    out.call = call_at->second;
    int scale = 0;
    for (const ledger::Contribution& c : row.contributions) scale = std::max(scale, c.share.apportioned_by.scale);
    bool in_range = true;
    try {
      for (const ledger::Contribution& c : row.contributions) {
        const ExactWeight w = c.share.apportioned_by;
        const Int128 scaled = checked::mul(Int128{w.units}, pow10(scale - w.scale));
        out.weight_sum = checked::add(out.weight_sum, scaled);
        in_range = in_range && scaled <= kWeightBound;
        const std::int32_t force = index_of.at(c.force);
        auto place = std::find(call_forces.begin(), call_forces.end(), force);
        if (place == call_forces.end()) throw std::logic_error("compile_plan: a participant the formula did not weigh");
        plan.participants.push_back(force);
        plan.weights.push_back(scaled);
        plan.positions.push_back(static_cast<std::uint32_t>(place - call_forces.begin()));
      }
      in_range = in_range && checked::mul(out.weight_sum, Int128{plan.rounding_unit_pence}) <= kDenominatorBound;
    } catch (const ArithmeticOverflow&) {
      in_range = false;
    }
    if (!in_range) {
      plan.participants.resize(out.first);
      plan.weights.resize(out.first);
      plan.positions.resize(out.first);
      diagnostics.error(row.budget_where,
                        fmt::format("the evaluation plan cannot split '{}' {}: its weights span too many orders of "
                                    "magnitude for exact integer arithmetic at every budget",
                                    row.unit, year.str()),
                        "compute this scenario with the ledger");
      continue;
    }
    out.count = static_cast<std::uint32_t>(plan.participants.size()) - out.first;
    plan.widest_row = std::max(plan.widest_row, out.count);
    plan.rows.push_back(out);
  }
  return plan;
}

}  // namespace collab::plan
