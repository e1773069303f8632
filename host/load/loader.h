#pragma once
// Loading the data set: every file under data/, validated in one pass.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

/// The data files, in the order they load (each may refer to what the earlier ones define).
std::vector<std::string> data_file_names();

/// Loads `doc` into `model` as the data file `name` ("budgets.json") would be, duplicate keys and
/// a root that is no object included: for the fuzzer, which feeds files without a folder. False
/// when `name` is no data file.
bool load_document(std::string_view name, const JsonDocument& doc, Model& model, Diagnostics& out);

/// Loads `root`/data/*.json. Diagnostics name files relative to `root` ("data/forces.json").
LoadOutcome load_data_set(const std::filesystem::path& root, const LoadOptions& options = {});

}  // namespace collab::load
