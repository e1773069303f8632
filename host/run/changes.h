#pragma once
// What changed since the previous good run: the inputs whose SHA-256 differs (added, removed,
// changed) and every figure that moved, from what to what, largest move first; rendered as
// changes.md (a paragraph to read over coffee, then the lists) and changes.json.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "run/figures.h"
#include "run/manifest.h"

namespace collab::run {

struct InputChange {
  std::string path;
  std::string change;  // "changed", "added", "removed"
  std::string before, after;  // SHA-256, empty when absent
};

struct FigureChange {
  std::string key, label;
  std::optional<std::int64_t> before, after;  // pence; nullopt when the figure was not computed
  std::int64_t delta() const { return after.value_or(0) - before.value_or(0); }
};

struct Changes {
  std::string previous;  // the run compared with; empty for the first run
  std::vector<InputChange> inputs;
  std::vector<FigureChange> figures;  // largest |move| first, then by key
  bool empty() const { return inputs.empty() && figures.empty(); }
};

/// The changes from the previous run's inputs and figures to this run's.
Changes compare_runs(const std::string& previous, const std::vector<InputFile>& before_inputs, const Figures& before,
                     const std::vector<InputFile>& after_inputs, const Figures& after);
/// The first run: nothing to compare against.
Changes first_run();

/// The one-paragraph summary at the top of changes.md.
std::string changes_summary(const Changes& changes);
std::string changes_markdown(const Changes& changes);
/// {"schema": "collab.changes", "version": 1, "previous", "summary", "inputs": [...], "figures": [...]}
nlohmann::json changes_json(const Changes& changes);

}  // namespace collab::run
