#pragma once
// The what-if comparison as a report document: for each year, each force's total and each
// unit's split, the reference beside every scenario with the difference in pounds (a difference
// column: a formula in XLSX) and in per cent, and who pays more and who less. Built in C++
// because it compares ledgers of several models exactly; the renderers do the formats.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "report/document.h"
#include "scenario/projection.h"
#include "scenario/step_effects.h"

namespace collab::scenario {

/// One column set: the reference or a scenario, with its ledger for every year shown.
struct Side {
  std::string id;  // "data" or a scenario's id
  std::string title;
  std::string description;
  std::map<int, ledger::Ledger> ledgers;  // by start year
  std::shared_ptr<const Model> model;     // the side's model (its grants are shown)
  std::optional<std::vector<StepEffect>> effects = {};  // with --explain: what each of its steps changed
};

/// What the document compares. Invariant: every side has a ledger for every year.
struct Comparison {
  Side reference;
  std::vector<Side> scenarios;
  std::vector<FinancialYear> years;
  Projection projection;  // of the data, through the last year shown
};

report::Document whatif_document(const Comparison& comparison, const Model& data);

/// The change from `reference` to `amount` as a percentage of the reference, rounded half up
/// to 0.1%; nothing when the reference is zero.
std::optional<Percent> change_percent(Money amount, Money reference);

}  // namespace collab::scenario
