#include "plugin/plugin_set.h"

#include <fmt/format.h>

#include <algorithm>
#include <system_error>

#include "api/api.h"

namespace collab::plugin {

namespace {

// A plug-in's fault as the rest of the run sees it: a warning, since the others still load.
void warn(const std::vector<Diagnostic>& problems, Diagnostics& diagnostics) {
  for (Diagnostic d : problems) {
    if (d.severity == Severity::Error) d.severity = Severity::Warning;
    d.message = fmt::format("plug-in skipped: {}", d.message);
    diagnostics.add(d);
  }
}

}  // namespace

const char* plugin_state_name(PluginState state) {
  switch (state) {
    case PluginState::Loaded: return "loaded";
    case PluginState::Incompatible: return "incompatible";
    case PluginState::Failed: return "error";
  }
  return "error";
}

std::shared_ptr<PluginSet> PluginSet::discover(const std::filesystem::path& root) {
  auto set = std::make_shared<PluginSet>();
  std::error_code ec;
  std::vector<std::filesystem::path> folders;
  if (std::filesystem::is_directory(root / "plugins", ec))
    for (const auto& entry : std::filesystem::directory_iterator(root / "plugins", ec))
      if (entry.is_directory(ec)) folders.push_back(entry.path());
  std::sort(folders.begin(), folders.end());
  for (const auto& folder : folders) {
    PluginStatus status;
    status.folder = "plugins/" + folder.filename().string();
    Diagnostics problems;
    status.manifest = read_plugin_manifest(folder, status.folder, problems);
    if (!status.manifest) {
      status.state = PluginState::Failed;
    } else if (status.manifest->api_version != api::kApiVersion) {
      status.state = PluginState::Incompatible;
      problems.error(status.manifest->where,
                     fmt::format("the plug-in needs host API version {}; this collab provides version {}",
                                 status.manifest->api_version, api::kApiVersion),
                     "update the plug-in (or collab), or remove it from plugins/");
    } else {
      status.state = PluginState::Loaded;
    }
    status.problems = problems.items();
    if (status.state != PluginState::Loaded) warn(status.problems, set->manifest_warnings_);
    set->statuses_.push_back(std::move(status));
  }
  return set;
}

void PluginSet::fail(PluginStatus& status, const Diagnostics& problems, Diagnostics& diagnostics) {
  status.state = PluginState::Failed;
  status.problems.insert(status.problems.end(), problems.items().begin(), problems.items().end());
  warn(problems.items(), diagnostics);
}

}  // namespace collab::plugin
