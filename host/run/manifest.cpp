#include "run/manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/sha256.h"

namespace collab::run {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void collect(const fs::path& root, const fs::path& folder, const std::vector<std::string>& extensions,
             std::vector<InputFile>& out) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root / folder, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string ext = it->path().extension().string();
    if (!extensions.empty() && std::find(extensions.begin(), extensions.end(), ext) == extensions.end()) continue;
    InputFile f;
    f.path = fs::relative(it->path(), root).generic_string();
    f.sha256 = sha256_file(it->path()).value_or("");
    f.size = it->file_size(ec);
    out.push_back(std::move(f));
  }
}

// A member's text or count, or the fallback when it is absent or of another type. (Written out
// rather than json::value, which GCC 12 at -O2 flags with a false null-dereference warning.)
std::string text_member(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::uintmax_t size_member(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number_unsigned() ? it->get<std::uintmax_t>() : 0;
}

}  // namespace

std::vector<InputFile> input_files(const fs::path& root) {
  std::vector<InputFile> out;
  collect(root, "data", {".json"}, out);
  collect(root, "scripts", {".lua"}, out);
  collect(root, "plugins", {}, out);
  std::sort(out.begin(), out.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  return out;
}

std::vector<OutputFile> hash_outputs(const fs::path& folder, const std::vector<std::string>& files) {
  std::vector<OutputFile> out;
  for (const std::string& file : files) {
    std::error_code ec;
    OutputFile o{file, fs::file_size(folder / file, ec), sha256_file(folder / file).value_or("")};
    if (ec) o.size = 0;
    out.push_back(std::move(o));
  }
  return out;
}

json manifest_json(const Manifest& m) {
  json inputs = json::array(), steps = json::array(), outputs = json::array();
  for (const auto& f : m.inputs) inputs.push_back({{"path", f.path}, {"sha256", f.sha256}, {"size", f.size}});
  for (const auto& s : m.steps)
    steps.push_back({{"step", s.name}, {"status", s.status}, {"message", s.message},
                     {"duration_ms", static_cast<std::int64_t>(s.duration_ms + 0.5)}, {"limits", s.limits}});
  for (const auto& o : m.outputs) outputs.push_back({{"path", o.path}, {"size", o.size}, {"sha256", o.sha256}});
  return {{"schema", "collab.manifest"},
          {"version", 1},
          {"tool", {{"name", "collab"}, {"version", m.tool_version}}},
          {"lua", m.lua_version},
          {"started", m.started},
          {"finished", m.finished},
          {"status", m.status},
          {"config", m.config},
          {"inputs", inputs},
          {"steps", steps},
          {"warnings", m.warnings},
          {"outputs", outputs}};
}

std::optional<std::vector<InputFile>> manifest_inputs(const json& document) {
  if (!document.is_object() || text_member(document, "schema") != "collab.manifest" || !document.contains("inputs") ||
      !document["inputs"].is_array())
    return std::nullopt;
  std::vector<InputFile> out;
  for (const auto& f : document["inputs"]) {
    if (!f.is_object() || !f.contains("path") || !f["path"].is_string()) return std::nullopt;
    out.push_back({f["path"].get<std::string>(), text_member(f, "sha256"), size_member(f, "size")});
  }
  return out;
}

Verification verify_run(const fs::path& folder) {
  Verification v;
  std::ifstream in(folder / "manifest.json", std::ios::binary);
  if (!in) {
    v.error = fmt::format("{} has no manifest.json: it is not a complete run", folder.string());
    return v;
  }
  json doc = json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || text_member(doc, "schema") != "collab.manifest" || !doc.contains("outputs") ||
      !doc["outputs"].is_array()) {
    v.error = fmt::format("{}/manifest.json is not a collab manifest", folder.string());
    return v;
  }
  std::set<std::string> listed;
  for (const auto& o : doc["outputs"]) {
    if (!o.is_object() || !o.contains("path") || !o["path"].is_string()) {
      v.error = fmt::format("{}/manifest.json lists an output without a path", folder.string());
      return v;
    }
    const std::string path = o["path"].get<std::string>();
    listed.insert(path);
    ++v.checked;
    std::error_code ec;
    if (!fs::is_regular_file(folder / path, ec)) {
      v.differing.push_back(path + ": missing");
      continue;
    }
    const auto size = fs::file_size(folder / path, ec);
    const auto digest = sha256_file(folder / path);
    if (size_member(o, "size") != size)
      v.differing.push_back(fmt::format("{}: {} bytes, the manifest says {}", path, size, size_member(o, "size")));
    else if (!digest || *digest != text_member(o, "sha256"))
      v.differing.push_back(path + ": its SHA-256 differs from the manifest's");
  }
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string path = fs::relative(it->path(), folder).generic_string();
    if (path != "manifest.json" && !listed.count(path)) v.differing.push_back(path + ": not in the manifest");
  }
  std::sort(v.differing.begin(), v.differing.end());
  return v;
}

}  // namespace collab::run
