#pragma once
// Every folder under plugins/, read once: its checked manifest and what became of it. The
// libraries that run a plug-in's scripts (formulae, reports, rules) each load their part into a
// sandbox of the plug-in's own and mark the plug-in failed when a script of theirs fails, so
// `collab plugins list` shows one status per plug-in whichever part broke.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "plugin/manifest.h"

namespace collab::plugin {

enum class PluginState { Loaded, Incompatible, Failed };
const char* plugin_state_name(PluginState state);  // "loaded", "incompatible", "error"

/// What became of one folder under plugins/.
struct PluginStatus {
  std::string folder;  // "plugins/pcc-board-pack"
  std::optional<PluginManifest> manifest;
  PluginState state = PluginState::Failed;
  std::vector<Diagnostic> problems;   // why it is not loaded, or what went wrong in one of its scripts
  std::vector<std::string> reports;   // ids of the reports it provides that loaded
  std::vector<std::string> formulae;  // ids of its formulae that loaded
  std::vector<std::string> rules;     // ids of its rules that loaded

  /// Whether its scripts may run: the manifest is good, the API version is this host's, and no
  /// script of it has failed so far.
  bool usable() const { return state == PluginState::Loaded && manifest.has_value(); }
};

class PluginSet {
 public:
  /// Reads every plugins/*/plugin.json under `root`, in name order. A bad manifest or another
  /// API version is that plug-in's status, and a warning ("plug-in skipped: ...") kept in
  /// manifest_warnings(): a plug-in's fault never stops the rest.
  static std::shared_ptr<PluginSet> discover(const std::filesystem::path& root);

  /// The warnings of reading the manifests, for the one library that reports them (the reports').
  const Diagnostics& manifest_warnings() const { return manifest_warnings_; }

  const std::vector<PluginStatus>& statuses() const { return statuses_; }
  std::vector<PluginStatus>& statuses() { return statuses_; }

  /// Marks `status` failed with `problems` (its scripts' errors), each also a warning in
  /// `diagnostics`. The library that found them drops that plug-in's scripts.
  static void fail(PluginStatus& status, const Diagnostics& problems, Diagnostics& diagnostics);

 private:
  std::vector<PluginStatus> statuses_;
  Diagnostics manifest_warnings_;
};

}  // namespace collab::plugin
