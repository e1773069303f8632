// The shared context of a sweep and the general engine (rules + full ledger).

#include "sweep/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "ledger/ledger.h"
#include "scenario/draft.h"
#include "scenario/draft_api.h"
#include "scenario/rule_library.h"
#include "scenario/scenario_loader.h"

namespace collab::sweep {

namespace {

const Money kPound = Money::from_pounds(1);

// The first error on one line (where it points, the message, the hint), for a failed scenario's
// reason: worded as the plan engine words it.
std::string first_error(const Diagnostics& d, const char* fallback) {
  for (const auto& item : d.items())
    if (item.severity == Severity::Error) return format_diagnostic_line(item);
  return fallback;
}

std::size_t force_index(const Model& model, const ForceId& id) {
  for (std::size_t i = 0; i < model.forces.size(); ++i)
    if (model.forces[i].id == id) return i;
  return model.forces.size();
}

// Each force's total and, when asked, each pair's part, from a ledger.
void totals_of(const Context& context, const ledger::Ledger& ledger, Totals& out) {
  out.force.assign(context.data->forces.size(), 0);
  for (std::size_t f = 0; f < ledger.totals.size() && f < out.force.size(); ++f) out.force[f] = ledger.totals[f].all().pence();
  if (!context.per_unit) return;
  out.pair.assign(context.pairs.size(), 0);
  std::size_t p = 0;  // pairs are grouped by unit in the order of context.units
  for (std::size_t u = 0; u < context.units.size(); ++u) {
    const std::size_t first = p;
    while (p < context.pairs.size() && context.pairs[p].unit == u) ++p;
    for (const auto& row : ledger.rows) {
      if (row.unit != context.units[u] || row.failed()) continue;
      for (const auto& c : row.contributions)
        for (std::size_t q = first; q < p; ++q)
          if (context.data->forces[context.pairs[q].force].id == c.force) out.pair[q] += c.amount().pence();
    }
  }
}

// The formula library, with the weights of formulae that read no grant kept from one scenario to
// the next: used only when nothing but grants and budgets move, so nothing they can read changes
// (a formula reads only the inputs it declares; budgets are no formula's input). The grant formulae
// run every scenario.
class GrantAwareWeights final : public formula::WeightsSource {
 public:
  explicit GrantAwareWeights(formula::FormulaLibrary& library) : library_(library) {}
  std::shared_ptr<const formula::Weights> evaluate(const std::shared_ptr<const Model>& model, const FormulaChoice& choice,
                                                   FinancialYear year, const std::vector<ForceId>& participants,
                                                   Diagnostics& diagnostics) override {
    const formula::FormulaScript* script = library_.find(choice.id);
    const bool reads_grant = script == nullptr || std::find(script->definition.inputs.begin(), script->definition.inputs.end(),
                                                            "grant") != script->definition.inputs.end();
    if (reads_grant) return library_.evaluate(model, choice, year, participants, diagnostics);
    std::string key = choice.id + "|" + choice.params.canonical() + "|" + year.str();
    for (const auto& p : participants) key += "|" + p;
    auto found = kept_.find(key);
    if (found != kept_.end()) return found->second;
    Diagnostics problems;
    auto weights = library_.evaluate(model, choice, year, participants, problems);
    diagnostics.append(problems);
    if (weights && problems.count(Severity::Error) == 0) kept_.emplace(std::move(key), weights);
    return weights;
  }

 private:
  formula::FormulaLibrary& library_;
  std::map<std::string, std::shared_ptr<const formula::Weights>> kept_;
};

class GeneralEngine final : public Engine {
 public:
  GeneralEngine(const Context& context, std::unique_ptr<formula::FormulaLibrary> formulae,
                std::unique_ptr<scenario::RuleLibrary> rules)
      : context_(context), formulae_(std::move(formulae)), rules_(std::move(rules)), kept_(*formulae_) {}

  bool evaluate(std::span<const std::int64_t> values, Totals& out, std::string& why) override {
    try {
      return run(values, out, why);
    } catch (const std::exception& e) {  // an overflow, a refused edit outside any rule: this scenario only
      why = e.what();
      return false;
    }
  }

 private:
  bool run(std::span<const std::int64_t> values, Totals& out, std::string& why) {
    const Spec& spec = context_.spec;
    if (context_.steps.empty()) {
      // Only grants and budgets move: one working copy of the baseline, those figures set afresh from
      // the baseline's every scenario. A new owner each time, so the formulae's cache (kept per model,
      // dropped when its owners have gone) never serves the last scenario's weights.
      if (!work_) work_.emplace(*context_.base);
      move_grants_and_budgets(*work_, *context_.base, values);
      std::shared_ptr<const Model> borrowed(&*work_, [](const Model*) {});
      return ledger_totals(borrowed, kept_, out, why);
    }
    Model model = *context_.base;
    {
      scenario::Draft draft(std::move(model), context_.horizon);
      for (std::size_t i = 0; i < context_.steps.size(); ++i) {
        scenario::Step step = context_.steps[i];
        for (std::size_t d = 0; d < spec.dimensions.size(); ++d)
          if (spec.dimensions[d].target == Target::StepParam && spec.dimensions[d].step == i)
            set_param(step.params, spec.dimensions[d].path, spec.dimensions[d], values[d]);
        Diagnostics d;
        auto params = rules_->check_step(step, draft.model(), d);
        if (!params) {
          why = fmt::format("step {} ({}): {}", i + 1, step.rule, first_error(d, "its parameters were refused"));
          return false;
        }
        if (rules_->apply(step, i, *params, draft, d) != scenario::Applied::Ok) {
          why = first_error(d, "the rule failed");
          return false;
        }
      }
      model = std::move(draft).take();
      Diagnostics d;
      formulae_->check_choices(model, d);
      if (d.errors() > 0) {
        why = first_error(d, "a formula choice was refused");
        return false;
      }
    }
    if (std::any_of(spec.dimensions.begin(), spec.dimensions.end(), [](const Dimension& d) { return d.target != Target::StepParam; })) {
      const Model stepped = model;
      move_grants_and_budgets(model, stepped, values);
    }
    return ledger_totals(std::make_shared<const Model>(std::move(model)), *formulae_, out, why);
  }

  bool ledger_totals(const std::shared_ptr<const Model>& model, formula::WeightsSource& weights, Totals& out,
                     std::string& why) {
    Diagnostics d;
    const ledger::Ledger ledger = ledger::compute_ledger(weights, model, context_.spec.year, kPound, d);
    for (const auto& row : ledger.rows)
      if (row.failed()) {
        why = fmt::format("{}: {}", row.unit, row.problems.empty() ? first_error(d, "cannot be split") : format_diagnostic_line(row.problems.front()));
        return false;
      }
    totals_of(context_, ledger, out);
    return true;
  }

  // Each moved grant and budget of `model` set to `from`'s, changed by its dimension's value
  // (exact, half up to the penny, as grant_change and budget_change do). `from` has the same tables.
  void move_grants_and_budgets(Model& model, const Model& from, std::span<const std::int64_t> values) {
    const Spec& spec = context_.spec;
    const FinancialYear grant_year = spec.year.prev();
    for (std::size_t d = 0; d < spec.dimensions.size(); ++d) {
      const Dimension& dim = spec.dimensions[d];
      const Percent by = Percent::from_units(values[d]);
      if (dim.target == Target::Grant) {
        for (std::size_t t = 0; t < model.central_grants.size(); ++t)
          if (model.central_grants[t].year == grant_year)
            for (std::size_t f : dim.forces) {
              auto found = model.central_grants[t].amounts.find(model.forces[f].id);
              if (found != model.central_grants[t].amounts.end())
                found->second = scenario::change_by_percent(from.central_grants[t].amounts.at(found->first), by);
            }
      } else if (dim.target == Target::Budget) {
        for (std::size_t t = 0; t < model.budgets.size(); ++t)
          if (model.budgets[t].year == spec.year)
            for (std::size_t l = 0; l < model.budgets[t].lines.size(); ++l) {
              BudgetLine& line = model.budgets[t].lines[l];
              const BudgetLine& base = from.budgets[t].lines[l];
              if (std::find(dim.units.begin(), dim.units.end(), line.unit) == dim.units.end()) continue;
              if (base.cash) line.cash = scenario::change_by_percent(*base.cash, by);
              if (base.in_kind) line.in_kind = scenario::change_by_percent(*base.in_kind, by);
            }
      }
    }
  }

  const Context& context_;
  std::unique_ptr<formula::FormulaLibrary> formulae_;
  std::unique_ptr<scenario::RuleLibrary> rules_;
  GrantAwareWeights kept_;     // the weights source when no step is drawn
  std::optional<Model> work_;  // the working copy when no step is drawn
};

}  // namespace

void set_param(ParamValue& params, const std::vector<std::string>& path, const Dimension& dimension, std::int64_t value) {
  ParamValue* at = &params;
  for (const auto& key : path) {
    ParamValue* next = nullptr;
    for (auto& m : at->members)
      if (m.key == key) next = &m.value;
    if (next == nullptr) return;  // the loader made sure it is there
    at = next;
  }
  if (dimension.percent) {
    at->type = ParamValue::Type::String;
    at->text = value_text(dimension, value);
  } else if (value % Percent::kUnitsPerPercent == 0) {
    at->type = ParamValue::Type::Integer;
    at->integer = value / Percent::kUnitsPerPercent;
  } else {
    at->type = ParamValue::Type::Number;
    at->number = static_cast<double>(value) / static_cast<double>(Percent::kUnitsPerPercent);
  }
}

std::optional<Context> make_context(Spec spec, const std::filesystem::path& root, lua::Limits limits,
                                    std::shared_ptr<plugin::PluginSet> plugins, std::shared_ptr<const Model> data,
                                    scenario::ScenarioBuilder& builder, scenario::RuleLibrary& rules,
                                    formula::FormulaLibrary& formulae, bool per_unit, Diagnostics& diagnostics) {
  Context c;
  c.root = root;
  c.limits = limits;
  c.plugins = std::move(plugins);
  c.data = std::move(data);
  c.per_unit = per_unit;
  if (spec.baseline != scenario::kDataBaseline && builder.find(spec.baseline) == nullptr) {
    std::vector<std::string> ids;
    for (const auto& s : builder.scenarios()) ids.push_back(s.id);
    const std::string near = scenario::nearest_name(spec.baseline, ids);
    diagnostics.error(spec.baseline_where, fmt::format("unknown baseline scenario '{}'", spec.baseline),
                      near.empty() ? "\"data\" or the id of a scenario in data/scenarios/" : fmt::format("did you mean '{}'?", near));
    return std::nullopt;
  }
  const auto budgeted = ledger::budget_years(*c.data);
  if (budgeted.empty() || spec.year < budgeted.front()) {
    diagnostics.error(spec.where, fmt::format("the year {} is before the data's first budgeted year ({})", spec.year.str(),
                                              budgeted.empty() ? "none" : budgeted.front().str()));
    return std::nullopt;
  }
  for (FinancialYear y = budgeted.front(); y <= spec.year; y = y.next()) c.horizon.push_back(y);
  scenario::Built built = builder.build(spec.baseline, spec.year, diagnostics);
  if (built.status != scenario::Applied::Ok) return std::nullopt;
  c.base = built.model;
  // The steps' rules and parameters as written (the drawn ones are checked scenario by scenario).
  bool ok = true;
  for (const auto& step : spec.steps) {
    if (step.from > spec.year) {
      diagnostics.error(step.from_where, fmt::format("the step starts in {}, after the sweep's year {}: it would change nothing",
                                                     step.from.str(), spec.year.str()));
      ok = false;
    } else if (!rules.check_step(step, *c.base, diagnostics)) {
      ok = false;
    }
  }
  const bool moves_grants = std::any_of(spec.dimensions.begin(), spec.dimensions.end(),
                                        [](const Dimension& d) { return d.target == Target::Grant; });
  if (moves_grants && !c.base->central_grant(c.base->forces.front().id, spec.year.prev())) {
    diagnostics.error(spec.where, fmt::format("the data has no central grants for {}, the year {}'s formulae weigh",
                                              spec.year.prev().str(), spec.year.str()),
                      "sweep a later year, or vary budgets or a step's parameters instead");
    ok = false;
  }
  if (!ok) return std::nullopt;
  c.steps = spec.steps;
  c.spec = std::move(spec);
  const ledger::Ledger ledger = ledger::compute_ledger(formulae, c.base, c.spec.year, kPound, diagnostics);
  if (ledger.rows.empty() || ledger.failed() > 0) {
    diagnostics.error(c.spec.where, fmt::format("the baseline's ledger for {} {}", c.spec.year.str(),
                                                ledger.rows.empty() ? "has no budget lines" : "has lines that cannot be split"),
                      "'collab contributions --year' shows them; a sweep needs a baseline that computes");
    return std::nullopt;
  }
  if (per_unit) {
    for (const auto& row : ledger.rows) {
      if (std::find(c.units.begin(), c.units.end(), row.unit) != c.units.end()) continue;
      c.units.push_back(row.unit);
      std::vector<bool> has(c.data->forces.size(), false);
      for (const auto& r : ledger.rows)
        if (r.unit == row.unit)
          for (const auto& contribution : r.contributions) {
            const std::size_t f = force_index(*c.data, contribution.force);
            if (f < has.size()) has[f] = true;
          }
      for (std::size_t f = 0; f < has.size(); ++f)
        if (has[f]) c.pairs.push_back({c.units.size() - 1, f});
    }
  }
  totals_of(c, ledger, c.baseline);
  return c;
}

std::unique_ptr<Engine> make_general_engine(const Context& context, Diagnostics& diagnostics) {
  auto formulae = formula::FormulaLibrary::load(context.root, context.data, diagnostics, context.limits, {}, context.plugins.get());
  auto rules = scenario::RuleLibrary::load(context.root, context.data, diagnostics, context.limits, context.plugins.get());
  if (!formulae || !rules || diagnostics.errors() > 0) return nullptr;
  return std::make_unique<GeneralEngine>(context, std::move(formulae), std::move(rules));
}

}  // namespace collab::sweep
