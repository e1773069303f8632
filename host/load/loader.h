#pragma once
// Loading the data set: every file under data/, validated in one pass.

#include <filesystem>
#include <memory>

#include "core/diagnostic.h"
#include "load/json_document.h"
#include "model/model.h"

namespace collab::load {

/// The outcome of loading: the model (null if any error was found) and every diagnostic.
struct LoadOutcome {
  std::shared_ptr<const Model> model;
  Diagnostics diagnostics;
};

/// How loading reads each file: its size and nesting limits (defaults in load/read_file.h).
struct LoadOptions {
  JsonLimits limits;
};

/// Loads `root`/data/*.json. Diagnostics name files relative to `root` ("data/forces.json").
LoadOutcome load_data_set(const std::filesystem::path& root, const LoadOptions& options = {});

}  // namespace collab::load
