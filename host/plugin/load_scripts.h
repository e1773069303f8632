#pragma once
// The one loop by which a script library (formulae, rules) takes a plug-in's scripts of its kind:
// each loaded by the library into the plug-in's own sandbox, an id that another script already
// has refused, and on any problem the whole plug-in failed and its scripts dropped, their ids
// remembered so that a unit or step naming one is told which plug-in was skipped.

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "plugin/plugin_set.h"

namespace collab::plugin {

/// `files`: the manifest's scripts of this kind; `loaded`: the status's ids of this kind;
/// `scripts`: the library's scripts (each with definition.id and plugin); `load_one(file, chunk,
/// problems)` loads one into the plug-in's sandbox and appends it to `scripts`, or returns null.
/// `kind` names the scripts in messages ("formula", "rule").
template <class Script, class LoadOne>
void load_plugin_scripts(PluginStatus& status, const std::vector<std::string>& files, std::vector<std::string>& loaded,
                         std::vector<std::unique_ptr<Script>>& scripts, const std::set<std::string>& failed_builtins,
                         std::map<std::string, std::string>& skipped, const char* kind, LoadOne load_one,
                         Diagnostics& diagnostics) {
  if (!status.manifest || files.empty()) return;
  const PluginManifest& manifest = *status.manifest;
  auto remember_skipped = [&] {
    for (const std::string& name : files) skipped.emplace(std::filesystem::path(name).stem().string(), manifest.name);
  };
  if (!status.usable()) return remember_skipped();  // skipped already (another API version, or a part of it failed)
  loaded.clear();  // a second library over the same statuses lists them once
  Diagnostics problems;
  for (const std::string& name : files) {
    const std::string chunk = status.folder + "/" + name;
    const Script* script = load_one(manifest.folder / name, chunk, problems);
    if (script == nullptr) continue;
    const std::string& id = script->definition.id;
    const bool taken =
        std::count_if(scripts.begin(), scripts.end(), [&](const auto& s) { return s->definition.id == id; }) > 1 ||
        failed_builtins.count(id) > 0;
    if (taken) {
      problems.error({chunk}, fmt::format("{} id '{}' is taken by another {}", kind, id, kind),
                     fmt::format("give the plug-in's {} an id (and file name) of its own: prefix it with the plug-in's name",
                                 kind));
      scripts.pop_back();
      continue;
    }
    loaded.push_back(id);
  }
  if (problems.errors() == 0) return;
  // None of a broken plug-in's scripts of this kind is offered.
  remember_skipped();
  scripts.erase(std::remove_if(scripts.begin(), scripts.end(), [&](const auto& s) { return s->plugin == manifest.name; }),
                scripts.end());
  loaded.clear();
  PluginSet::fail(status, problems, diagnostics);
}

}  // namespace collab::plugin
