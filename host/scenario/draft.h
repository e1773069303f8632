#pragma once
// Draft: the copy of a model that a scenario's steps edit, one step at a time, through the rule
// API (model:withdraw, model:set_budget...). The baseline it was copied from is never touched.
// Every edit is checked here, so a rule cannot leave a model the ledger would misread.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/model.h"

namespace collab::scenario {

/// An edit a rule asked for that the host refused: the scenario's parameters are at fault (a
/// force that does not take part leaving, a negative budget), not the rule's code.
class RefusedEdit : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// A unit's budget for a year as rules see it: cash and officers in kind, either absent.
struct BudgetAmounts {
  std::optional<Money> cash;
  std::optional<Money> in_kind;
};

/// A unit a rule creates: live, with its participants from a year on.
struct NewUnit {
  UnitId id;
  std::string name;
  std::vector<ForceId> participants;
  FinancialYear from = FinancialYear::starting(2000);
};

/// A model being edited. Invariant: every edit touches only years from the current step's year
/// on and within the horizon (the years the scenario computes), so the years before a step stay
/// exactly the baseline's; participants stay forces of the region; no budget or grant is negative.
class Draft {
 public:
  /// `model` must already be projected over `horizon` (budget and grant tables for every year).
  Draft(Model model, std::vector<FinancialYear> horizon);

  /// Starts a step: edits before `from` are refused from now on; `where` is the step's place,
  /// recorded on what it creates.
  void begin_step(FinancialYear from, SourceLocation where);
  const Model& model() const { return model_; }
  Model take() && { return std::move(model_); }
  /// Every year the scenario computes (and so may edit), in order.
  const std::vector<FinancialYear>& years() const { return horizon_; }
  FinancialYear step_from() const { return from_; }

  void withdraw(const ForceId& force, const UnitId& unit, FinancialYear from);
  void join(const ForceId& force, const UnitId& unit, FinancialYear from);
  /// The forces taking part in `unit` in `year` (empty before its first period).
  std::vector<ForceId> participants(const UnitId& unit, FinancialYear year) const;

  /// The units with a budget line in `year`, in data order.
  std::vector<UnitId> budget_units(FinancialYear year) const;
  std::optional<BudgetAmounts> budget(const UnitId& unit, FinancialYear year) const;
  /// Sets (or, with both amounts absent, removes) the unit's budget line for the year.
  void set_budget(const UnitId& unit, FinancialYear year, const BudgetAmounts& amounts);

  std::optional<Money> grant(const ForceId& force, FinancialYear year) const;
  void set_grant(const ForceId& force, FinancialYear year, Money amount);

  /// The unit uses formula `id` with `params` from `from` on (until a later choice in the data).
  void set_formula(const UnitId& unit, FinancialYear from, std::string id, ParamValue params);
  void add_unit(const NewUnit& unit);
  /// Adds a charge to the unit's budget line of `year` (of the charge's kind): what one force pays
  /// towards it on top of (or, having left, instead of) a share.
  void add_charge(const UnitId& unit, FinancialYear year, Charge charge);
  /// Limits each force's year-on-year change in what it pays for the unit from `from` on.
  void limit_change(const UnitId& unit, FinancialYear from, std::optional<Percent> rise, std::optional<Percent> fall);

 private:
  void editable(FinancialYear year, const char* what) const;
  Collaboration& unit_named(const UnitId& unit);
  const Force& force_named(const ForceId& force) const;
  ParticipationPeriod& period_from(Collaboration& unit, FinancialYear from);

  Model model_;
  std::vector<FinancialYear> horizon_;
  FinancialYear from_ = FinancialYear::starting(1900);
  SourceLocation where_;
};

}  // namespace collab::scenario
