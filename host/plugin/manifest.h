#pragma once
// plugins/<name>/plugin.json: what a plug-in is and what it provides. Read and checked before any
// of its Lua runs: a bad manifest is reported and the plug-in skipped, and nothing it names can
// lead outside its folder.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "load/json_document.h"

namespace collab::plugin {

/// A checked manifest. Invariant: name is the folder's name; every path is a plain file name
/// ending in .lua that is a regular file inside the folder; it provides at least one script.
struct PluginManifest {
  std::string name;         // lower case letters, digits and '-'
  std::string version;      // as written ("1.0.0")
  std::string description;
  int api_version = 0;      // the host API version it needs (collab.api_version)
  std::vector<std::string> reports;   // report scripts, relative to the folder
  std::vector<std::string> formulae;  // funding formula scripts (collab.formula), likewise
  std::vector<std::string> rules;     // what-if rule scripts (collab.rule), likewise
  std::filesystem::path folder;
  SourceLocation where;     // the manifest file
};

/// Reads `folder`/plugin.json. Each fault is an error in `diagnostics` at its line:column;
/// nullopt when the plug-in cannot be used.
std::optional<PluginManifest> read_plugin_manifest(const std::filesystem::path& folder, const std::string& display_folder,
                                                   Diagnostics& diagnostics);

/// The checks of read_plugin_manifest on a manifest already parsed (the fuzz target feeds text).
std::optional<PluginManifest> check_plugin_manifest(const load::JsonDocument& document, const std::filesystem::path& folder,
                                                    const std::string& display_folder, Diagnostics& diagnostics);

/// The bounds a manifest is read with: 64 KiB, nesting 8.
load::JsonLimits manifest_limits();

}  // namespace collab::plugin
