#pragma once
// Weights: what one evaluation of a funding formula gave, as plain data. Results own what they
// show (no pointer into the Lua host), so a ledger outlives the formula library that made it.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/input_read.h"
#include "calc/decimal.h"
#include "model/model.h"

namespace collab::formula {

/// What the ledger and explanations need to know of a formula script.
struct FormulaInfo {
  std::string id;     // "grant_share"
  std::string title;  // "Share of central grant, previous year"
  std::string chunk;  // "scripts/formulae/grant_share.lua": how messages name it
  std::optional<Decimal> round_shares;  // the host rounds renormalised shares to this step (points)
  bool region_scope = false;  // weighs every force of the region, once per year (see collab.formula's scope)
  std::vector<std::string> inputs = {};  // the figures it declares it reads ("grant"): what a sweep must re-run it for
};

/// One evaluation: a formula with its parameters, for one year and one set of participants. A
/// weight per participant, in the order of the model's forces; why each (when the formula says);
/// and every figure the formula read.
struct Weights {
  FormulaInfo formula;
  FinancialYear year = FinancialYear::starting(2000);
  std::string params;  // canonical JSON ("{}" when none)
  std::vector<ForceId> participants;  // the forces it weighed: the unit's, or the whole region's
  std::vector<std::pair<ForceId, double>> weights;
  std::map<ForceId, std::string> why;
  std::vector<api::InputRead> reads;

  const double* weight_of(const ForceId& force) const;
};

/// Where the ledger gets a formula's weights: the Lua scripts (FormulaLibrary), or, in the
/// benchmark, the same formula written in C++.
class WeightsSource {
 public:
  virtual ~WeightsSource() = default;
  /// The weights `choice` gives `participants` (force ids, in the model's order) in `year`, with
  /// figures from `model`; nullptr when it cannot, after adding why to `diagnostics` (every time
  /// it is asked, cached or not). Nothing is added when the reason was reported once already (a
  /// script that did not load).
  virtual std::shared_ptr<const Weights> evaluate(const std::shared_ptr<const Model>& model, const FormulaChoice& choice,
                                                  FinancialYear year, const std::vector<ForceId>& participants,
                                                  Diagnostics& diagnostics) = 0;
};

}  // namespace collab::formula
