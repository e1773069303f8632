#include "plugin/manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <system_error>

#include "core/text.h"
#include "load/json_document.h"

namespace collab::plugin {

namespace {

constexpr const char* kFields[] = {"name", "version", "description", "api_version", "reports", "formulae", "rules"};
constexpr std::size_t kMaxManifestBytes = 64 * 1024;

bool is_plugin_name(std::string_view s) {
  if (s.empty() || s.size() > 64 || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-';
  });
}

// A script path a manifest may name: one plain file name, no folder, no way out.
bool is_script_name(std::string_view s) {
  if (s.size() < 5 || s.size() > 128 || s.substr(s.size() - 4) != ".lua" || s[0] == '.') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

// Whether `file` resolves (symlinks followed) to a regular file inside `folder`.
bool inside(const std::filesystem::path& folder, const std::filesystem::path& file) {
  std::error_code ec;
  const auto real_folder = std::filesystem::canonical(folder, ec);
  if (ec) return false;
  const auto real_file = std::filesystem::canonical(file, ec);
  if (ec || !std::filesystem::is_regular_file(real_file, ec)) return false;
  return real_file.parent_path() == real_folder;
}

}  // namespace

load::JsonLimits manifest_limits() {
  load::JsonLimits limits;
  limits.max_bytes = kMaxManifestBytes;
  limits.max_depth = 8;
  return limits;
}

std::optional<PluginManifest> read_plugin_manifest(const std::filesystem::path& folder, const std::string& display_folder,
                                                   Diagnostics& diagnostics) {
  auto doc = load::JsonDocument::read(folder / "plugin.json", display_folder + "/plugin.json", diagnostics,
                                      manifest_limits());
  if (!doc) return std::nullopt;
  return check_plugin_manifest(*doc, folder, display_folder, diagnostics);
}

std::optional<PluginManifest> check_plugin_manifest(const load::JsonDocument& document, const std::filesystem::path& folder,
                                                    const std::string& display_folder, Diagnostics& diagnostics) {
  const std::string display = display_folder + "/plugin.json";
  Diagnostics problems;
  const load::JsonDocument* doc = &document;
  auto give_up = [&] {
    diagnostics.append(problems);
    return std::nullopt;
  };
  const nlohmann::json& root = doc->root();
  if (!root.is_object()) {
    problems.error(doc->where(""), "a plug-in manifest must be a JSON object", "see docs/reports.md, \"Plug-ins\"");
    return give_up();
  }
  for (const auto& dup : doc->duplicate_keys())
    problems.error({display, dup.line, dup.column}, fmt::format("duplicate key {}", dup.pointer));
  for (const auto& item : root.items()) {
    const std::string& key = item.key();
    if (std::find_if(std::begin(kFields), std::end(kFields), [&](const char* f) { return key == f; }) == std::end(kFields))
      problems.error(doc->where("/" + key), fmt::format("unknown field '{}'", visible_text(key)),
                     "a manifest has name, version, description, api_version, reports, formulae and rules");
  }
  PluginManifest m;
  m.folder = folder;
  m.where = {display};
  auto text = [&](const char* key, bool required) {
    const auto it = root.find(key);
    if (it == root.end() || !it->is_string()) {
      if (required || it != root.end())
        problems.error(it == root.end() ? doc->where("") : doc->where(std::string("/") + key),
                       fmt::format("'{}' must be a string", key));
      return std::string();
    }
    return capped_text(it->get<std::string>(), 1024);
  };
  m.name = text("name", true);
  m.version = text("version", true);
  m.description = text("description", false);
  const std::string folder_name = folder.filename().string();
  if (!m.name.empty() && !is_plugin_name(m.name))
    problems.error(doc->where("/name"), fmt::format("name '{}' must be lower case letters, digits and '-'", visible_text(m.name)));
  else if (!m.name.empty() && m.name != folder_name)
    problems.error(doc->where("/name"), fmt::format("name '{}' is not the plug-in's folder name '{}'", m.name, visible_text(folder_name)),
                   "rename the folder or the plug-in");
  const auto api = root.find("api_version");
  if (api == root.end() || !api->is_number_integer())
    problems.error(api == root.end() ? doc->where("") : doc->where("/api_version"), "'api_version' must be an integer",
                   "the host API version the plug-in is written for: 1");
  else
    m.api_version = static_cast<int>(std::clamp<int64_t>(api->get<int64_t>(), -1, 1'000'000));
  // The scripts it provides: reports, formulae, rules; at least one, each a .lua file of its own
  // folder (a link out of it is refused).
  auto scripts = [&](const char* key, std::vector<std::string>& into) {
    if (!root.contains(key)) return;
    const nlohmann::json& list = root.at(key);
    if (!list.is_array()) {
      problems.error(doc->where(std::string("/") + key), fmt::format("'{}' must be a list of script file names", key));
      return;
    }
    std::size_t i = 0;
    for (const nlohmann::json& item : list) {
      const std::string pointer = fmt::format("/{}/{}", key, i++);
      const std::string name = item.is_string() ? item.get<std::string>() : "";
      if (!is_script_name(name))
        problems.error(doc->where(pointer), fmt::format("'{}' is not a script of the plug-in's folder", visible_text(name)),
                       "a script is a file name ending in .lua, in the plug-in's own folder (no '/' or '..')");
      else if (!inside(folder, folder / name))
        problems.error(doc->where(pointer), fmt::format("'{}' is not a regular file inside {}", name, display_folder),
                       "a link that leads out of the plug-in's folder is refused");
      else if (std::find(into.begin(), into.end(), name) != into.end())
        problems.error(doc->where(pointer), fmt::format("'{}' is listed twice", name));
      else
        into.push_back(name);
    }
  };
  scripts("reports", m.reports);
  scripts("formulae", m.formulae);
  scripts("rules", m.rules);
  if (problems.errors() == 0 && m.reports.empty() && m.formulae.empty() && m.rules.empty())
    problems.error(doc->where(""), "the plug-in provides nothing",
                   "list its scripts: \"reports\": [\"board-pack.lua\"], \"formulae\": [...], \"rules\": [...]");
  if (problems.errors() > 0) return give_up();
  diagnostics.append(problems);
  return m;
}

}  // namespace collab::plugin
