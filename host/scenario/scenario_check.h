#pragma once
// What `collab check` asks of the what-if side: every rule loads, every scenario loads, every
// step's rule and parameters check, and every scenario builds through its last year (no step
// refused), so a passing check means `collab whatif` will run on any bundled scenario.

#include <filesystem>
#include <memory>

#include "core/diagnostic.h"
#include "formula/formula_library.h"
#include "plugin/plugin_set.h"
#include "lua/limits.h"

namespace collab::scenario {

void check_scenarios(const std::filesystem::path& root, const std::shared_ptr<const Model>& model,
                     formula::FormulaLibrary& formulae, const lua::Limits& limits, Diagnostics& diagnostics,
                     plugin::PluginSet* plugins = nullptr);

}  // namespace collab::scenario
