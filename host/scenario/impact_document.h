#pragma once
// collab impact as a report document: for each year, every figure the input moves (a force's
// part of a budget line, or the line's budget), before and after, the change in pounds and per
// cent, and each force's total; the renderers do the formats.

#include <map>
#include <vector>

#include "ledger/ledger.h"
#include "report/document.h"
#include "scenario/impact.h"

namespace collab::scenario {

/// The ledgers of the data and of its copy with the input changed, by start year.
struct Impact {
  ImpactInput input;
  Percent by;
  std::vector<FinancialYear> years;
  std::map<int, ledger::Ledger> before;
  std::map<int, ledger::Ledger> after;
  std::string within = {};  // the scenario's title when the input was changed inside one
};

report::Document impact_document(const Impact& impact, const Model& data);

}  // namespace collab::scenario
