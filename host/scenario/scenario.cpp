// What a scenario knows about itself.

#include "scenario/scenario.h"

#include <algorithm>

namespace collab::scenario {

std::optional<FinancialYear> Scenario::first_change() const {
  if (steps.empty()) return std::nullopt;
  auto earliest = std::min_element(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.from < b.from; });
  return earliest->from;
}

}  // namespace collab::scenario
