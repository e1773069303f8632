#pragma once
// What `collab check` asks of data/sweeps/*.json: each spec reads strictly, its baseline builds,
// its steps' rules and parameters check and its baseline's ledger computes, so a passing check
// means `collab sweep --spec data/sweeps/<file>` starts.

#include <filesystem>
#include <memory>

#include "core/diagnostic.h"
#include "formula/formula_library.h"
#include "lua/limits.h"
#include "plugin/plugin_set.h"

namespace collab::sweep {

void check_sweeps(const std::filesystem::path& root, const std::shared_ptr<const Model>& model,
                  formula::FormulaLibrary& formulae, const lua::Limits& limits, Diagnostics& diagnostics,
                  std::shared_ptr<plugin::PluginSet> plugins);

}  // namespace collab::sweep
