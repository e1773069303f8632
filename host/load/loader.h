#pragma once
// Loading the data set: every file under data/, validated in one pass.

#include <filesystem>
#include <memory>

#include "core/diagnostic.h"
#include "model/model.h"

namespace collab::load {

/// The outcome of loading: the model (null if any error was found) and every diagnostic.
struct LoadOutcome {
  std::shared_ptr<const Model> model;
  Diagnostics diagnostics;
};

/// Loads `root`/data/*.json. Diagnostics name files relative to `root` ("data/forces.json").
LoadOutcome load_data_set(const std::filesystem::path& root);

}  // namespace collab::load
