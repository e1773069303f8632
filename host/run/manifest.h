#pragma once
// manifest.json, the record of one run: the tool and Lua versions, the SHA-256 of every input file,
// when it started and ended, each step (duration, status, message, limit report), the warnings,
// and every output file with its size and SHA-256. `collab verify` re-hashes the outputs against it.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace collab::run {

struct InputFile {
  std::string path;    // relative to the root: "data/budgets.json", "plugins/pcc-board-pack/plugin.json"
  std::string sha256;
  std::uintmax_t size = 0;
};

/// Every input of a run under `root`: data/**/*.json, scripts/**/*.lua, plugins/**/* (regular
/// files), sorted by path.
std::vector<InputFile> input_files(const std::filesystem::path& root);

struct Step {
  std::string name;     // "check", "expectations", "report contributions 2016/17", "whatif lincs-joins-ld"
  std::string status;   // "ok", "failed", "skipped"
  std::string message;
  double duration_ms = 0;
  nlohmann::json limits;  // the peak of each limit the step's script runs used, or null
};

struct OutputFile {
  std::string path;  // relative to the run's folder
  std::uintmax_t size = 0;
  std::string sha256;
};

struct Manifest {
  std::string tool_version;
  std::string lua_version;
  std::string started, finished;  // utc_time
  std::string status = "ok";      // "ok" or "failed" (a failed run is promoted only when run.json says so)
  nlohmann::json config;          // what was run: years, scenarios, reports, formats
  std::vector<InputFile> inputs;
  std::vector<Step> steps;
  std::vector<std::string> warnings;
  std::vector<OutputFile> outputs;
};

/// Size and SHA-256 of each of `files` under `folder`; an unreadable file has an empty hash.
std::vector<OutputFile> hash_outputs(const std::filesystem::path& folder, const std::vector<std::string>& files);

/// The manifest as JSON: schema "collab.manifest", version 1, keys sorted.
nlohmann::json manifest_json(const Manifest& manifest);

/// The inputs of a manifest read back ({path: sha256}), or nullopt if `document` is not one.
std::optional<std::vector<InputFile>> manifest_inputs(const nlohmann::json& document);

struct Verification {
  std::string error;                   // the manifest is missing or unreadable: nothing verified
  std::vector<std::string> differing;  // "reports/2016-17/contributions.md: SHA-256 differs" ...
  std::size_t checked = 0;
};

/// Re-hashes every output a run folder's manifest lists; also names files the manifest does not
/// list (besides manifest.json) and files it lists that are gone.
Verification verify_run(const std::filesystem::path& run_folder);

}  // namespace collab::run
