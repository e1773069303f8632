#pragma once
// The compiled evaluation plan: one year's ledger reduced to what a sweep needs to recompute it
// for other budgets. Forces are indices into the model's forces, each budget line holds its
// participants as indices and their weights already brought to one integer scale (the shares
// the ledger apportions by, rounded where the formula says), so evaluating a scenario is integer
// arithmetic only. The full ledger keeps provenance for explain and reports; the plan gives the
// same figures to the penny (plan_test.cpp holds them equal).

#include <cstdint>
#include <memory>
#include <vector>

#include "calc/checked.h"
#include "core/diagnostic.h"
#include "formula/weights.h"
#include "model/model.h"

namespace collab::plan {

/// One budget line the plan splits: which line of the model it is, its budget, and where its
/// participants and weights are in the plan's flat arrays.
struct PlanRow {
  std::size_t table = 0;  // index into Model::budgets
  std::size_t line = 0;   // index into that table's lines
  ContributionKind kind = ContributionKind::Cash;
  int64_t budget_pence = 0;
  std::uint32_t first = 0;  // into Plan::participants, Plan::weights and Plan::positions
  std::uint32_t count = 0;
  Int128 weight_sum = 0;  // the row's weights added up, at their common scale
  std::uint32_t choice = 0;  // into Plan::choices: the formula the row is split by
  std::uint32_t call = 0;    // into Plan::calls: the formula evaluation its weights come from
};

/// A formula choice (id and params) some rows use, and what a sweep needs to know to re-run it.
struct PlanChoice {
  FormulaChoice choice;
  formula::FormulaInfo formula;  // scope, round_shares, declared inputs
  bool reads_grant() const;      // declares "grant": moved grants change its weights
};

/// One evaluation of a formula as the ledger asks for it: a choice and the forces it weighs (a
/// region-scope formula: every force; otherwise a unit's participants). Rows with the same choice
/// and participants share it, as they share the library's cache, so a sweep runs it once.
struct PlanCall {
  std::uint32_t choice = 0;
  std::uint32_t first = 0;  // into Plan::call_forces
  std::uint32_t count = 0;
};

struct Plan {
  std::shared_ptr<const Model> model;  // what it was compiled from: formulae re-run against it
  FinancialYear year = FinancialYear::starting(2000);
  int64_t rounding_unit_pence = 100;
  std::vector<ForceId> forces;  // the model's forces: what each index stands for
  std::vector<PlanRow> rows;    // every budget line the ledger computes, in its order
  std::vector<std::int32_t> participants;  // force indices, row after row, in the model's order
  std::vector<Int128> weights;             // each participant's weight at its row's common scale
  std::vector<std::uint32_t> positions;    // each participant's place in its row's call's weights
  std::vector<PlanChoice> choices;
  std::vector<PlanCall> calls;
  std::vector<std::int32_t> call_forces;  // force indices, call after call
  std::uint32_t widest_row = 0;            // the most participants in a row: what buffers need
};

/// Compiles `model`'s ledger for `year` into a plan: the formulae are evaluated once, here. A line
/// the ledger cannot compute is left out, as the ledger leaves it out of its totals, with its
/// diagnostics added; a line the plan cannot reproduce (charges, a change limit, weights too far
/// apart for 128-bit arithmetic at any budget) is an error and left out too, so a caller that
/// finds errors in `diagnostics` must not trust the plan's totals as the ledger's.
/// The model is shared because formulae evaluate against a shared model.
Plan compile_plan(const std::shared_ptr<const Model>& model, FinancialYear year, formula::WeightsSource& formulae,
                  Money rounding_unit, Diagnostics& diagnostics);

}  // namespace collab::plan
