#include "sweep/plan_engine.h"

#include <fmt/format.h>

#include <algorithm>

#include "plan/evaluator.h"
#include "plan/plan.h"
#include "scenario/draft_api.h"

namespace collab::sweep {

struct PlanSetup {
  std::shared_ptr<const plan::Plan> plan;
  std::vector<std::int64_t> grants;   // per force: the baseline's grant of the year the formulae weigh, pence
  std::vector<std::int64_t> budgets;  // per plan row: the baseline's budget, pence
  std::vector<std::vector<std::size_t>> rows_of_unit;  // per budget dimension: the plan rows it moves
  std::vector<std::size_t> slot_pair;  // per participant slot: the index into Context::pairs (per-unit)
  bool moves_grants = false, moves_budgets = false;
};

namespace {

const Money kPound = Money::from_pounds(1);

class PlanEngine final : public Engine {
 public:
  PlanEngine(const Context& context, std::shared_ptr<const PlanSetup> setup, std::unique_ptr<plan::Evaluator> evaluator)
      : context_(context), setup_(std::move(setup)), evaluator_(std::move(evaluator)) {
    if (setup_->moves_grants) {
      variation_.grant_pence = setup_->grants;
      variation_.grant_year = context_.spec.year.prev();
    }
    if (setup_->moves_budgets) variation_.budget_pence = setup_->budgets;
  }

  bool evaluate(std::span<const std::int64_t> values, Totals& out, std::string& why) override {
    const Spec& spec = context_.spec;
    try {
      std::size_t budget_dim = 0;
      for (std::size_t d = 0; d < spec.dimensions.size(); ++d) {
        const Dimension& dim = spec.dimensions[d];
        const Percent by = Percent::from_units(values[d]);
        if (dim.target == Target::Grant) {
          for (std::size_t f : dim.forces)
            variation_.grant_pence[f] = scenario::change_by_percent(Money::from_pence(setup_->grants[f]), by).pence();
        } else if (dim.target == Target::Budget) {
          for (std::size_t r : setup_->rows_of_unit[budget_dim])
            variation_.budget_pence[r] = scenario::change_by_percent(Money::from_pence(setup_->budgets[r]), by).pence();
          ++budget_dim;
        }
      }
    } catch (const std::exception& e) {
      why = e.what();
      return false;
    }
    const plan::ScenarioOutcome& outcome = evaluator_->evaluate(variation_);
    if (!outcome.ok()) {
      why = outcome.failure->message;
      return false;
    }
    out.force.resize(outcome.cash.size());
    for (std::size_t f = 0; f < outcome.cash.size(); ++f) out.force[f] = outcome.cash[f] + outcome.in_kind[f];
    if (context_.per_unit) {
      out.pair.assign(context_.pairs.size(), 0);
      for (std::size_t s = 0; s < outcome.parts.size(); ++s) out.pair[setup_->slot_pair[s]] += outcome.parts[s];
    }
    return true;
  }

 private:
  const Context& context_;
  std::shared_ptr<const PlanSetup> setup_;
  std::unique_ptr<plan::Evaluator> evaluator_;
  plan::Variation variation_;
};

}  // namespace

bool plan_engine_fits(const Context& context) {
  return context.steps.empty() && std::none_of(context.spec.dimensions.begin(), context.spec.dimensions.end(),
                                               [](const Dimension& d) { return d.target == Target::StepParam; });
}

std::shared_ptr<const PlanSetup> compile_plan_setup(const Context& context, formula::FormulaLibrary& formulae,
                                                    Diagnostics& diagnostics) {
  if (!plan_engine_fits(context)) return nullptr;
  Diagnostics problems;
  auto compiled = std::make_shared<plan::Plan>(plan::compile_plan(context.base, context.spec.year, formulae, kPound, problems));
  if (problems.errors() > 0) {
    for (const auto& d : problems.items()) {
      Diagnostic w = d;
      w.severity = Severity::Warning;
      diagnostics.add(std::move(w));
    }
    return nullptr;
  }
  auto setup = std::make_shared<PlanSetup>();
  const Model& base = *context.base;
  for (const auto& f : base.forces) {
    const auto grant = base.central_grant(f.id, context.spec.year.prev());
    setup->grants.push_back(grant ? grant->pence() : 0);
  }
  std::vector<UnitId> row_unit;
  for (const auto& row : compiled->rows) {
    const BudgetLine& line = base.budgets.at(row.table).lines.at(row.line);
    setup->budgets.push_back(row.budget_pence);
    row_unit.push_back(line.unit);
  }
  for (const auto& d : context.spec.dimensions) {
    if (d.target == Target::Grant) setup->moves_grants = true;
    if (d.target != Target::Budget) continue;
    setup->moves_budgets = true;
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < row_unit.size(); ++r)
      if (std::find(d.units.begin(), d.units.end(), row_unit[r]) != d.units.end()) rows.push_back(r);
    setup->rows_of_unit.push_back(std::move(rows));
  }
  if (context.per_unit) {
    setup->slot_pair.assign(compiled->participants.size(), 0);
    for (std::size_t r = 0; r < compiled->rows.size(); ++r) {
      const auto& row = compiled->rows[r];
      const auto u = static_cast<std::size_t>(std::find(context.units.begin(), context.units.end(), row_unit[r]) - context.units.begin());
      for (std::uint32_t s = row.first; s < row.first + row.count; ++s) {
        const auto f = static_cast<std::size_t>(compiled->participants[s]);
        for (std::size_t p = 0; p < context.pairs.size(); ++p)
          if (context.pairs[p].unit == u && context.pairs[p].force == f) setup->slot_pair[s] = p;
      }
    }
  }
  setup->plan = std::move(compiled);
  return setup;
}

std::unique_ptr<Engine> make_plan_engine(const Context& context, std::shared_ptr<const PlanSetup> setup,
                                         Diagnostics& diagnostics) {
  auto evaluator = plan::Evaluator::create(setup->plan, context.root, context.limits, diagnostics, context.plugins.get());
  if (!evaluator || diagnostics.errors() > 0) return nullptr;
  return std::make_unique<PlanEngine>(context, std::move(setup), std::move(evaluator));
}

}  // namespace collab::sweep
