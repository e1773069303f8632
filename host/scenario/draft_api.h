#pragma once
// What a rule's apply function sees of the model it changes: `model`, the table collab.draft,
// whose methods (model:withdraw(force, unit, from), model:set_budget(unit, year, {...}), ...)
// read and edit the step's Draft, and collab.whatif.change(pence, percent), exact percentages.

#include <string>

#include "lua/sandbox.h"
#include "scenario/draft.h"

namespace collab::scenario {

/// What the draft functions work on. `draft` is set only while a rule's apply runs; `refused`
/// keeps the first edit the host refused in that run (a script's pcall cannot hide it).
struct RuleContext {
  Draft* draft = nullptr;
  std::string refused;
};

void install_draft_api(lua::Sandbox& sandbox, RuleContext& context);

/// amount changed by `percent` exactly: amount * (100 + percent) / 100, rounded half up to the
/// penny (halves away from zero). Throws MoneyOverflow beyond money's range.
Money change_by_percent(Money amount, Percent percent);

}  // namespace collab::scenario
