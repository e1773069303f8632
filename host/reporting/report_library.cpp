// Loading report scripts and plug-ins, and building a report: one sandbox per origin (the
// built-ins; each plug-in), one funnel for running a script and turning its errors into
// diagnostics, and the steps of a build as small functions.

#include "reporting/report_library.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "api/document_reader.h"
#include "api/layout_api.h"
#include "api/record_api.h"
#include "core/text.h"
#include "ledger/ledger.h"
#include "load/read_file.h"
#include "report/complete.h"
#include "reporting/ledger_api.h"
#include "reporting/script_host.h"

namespace collab::reporting {

namespace {

std::vector<std::filesystem::path> lua_files(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
    if (entry.path().extension() == ".lua") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

ReportLibrary::ReportLibrary(std::shared_ptr<const Model> model, Services services, lua::Limits limits,
                             formula::RunObserver observer)
    : model_(std::move(model)), services_(std::move(services)), limits_(limits), observer_(std::move(observer)) {}

ReportLibrary::~ReportLibrary() {
  scripts_.clear();  // their Refs go before the sandboxes they point into
  hosts_.clear();
}

ScriptHost& ReportLibrary::new_host() {
  hosts_.push_back(std::make_unique<ScriptHost>(model_, services_, limits_));
  return *hosts_.back();
}

std::unique_ptr<ReportLibrary> ReportLibrary::load(const std::filesystem::path& root, std::shared_ptr<const Model> model,
                                                   Services services, Diagnostics& diagnostics, lua::Limits limits,
                                                   formula::RunObserver observer,
                                                   std::shared_ptr<plugin::PluginSet> plugins) {
  std::unique_ptr<ReportLibrary> library(
      new ReportLibrary(std::move(model), std::move(services), limits, std::move(observer)));
  library->load_builtins(root, diagnostics);
  library->plugins_ = plugins ? std::move(plugins) : plugin::PluginSet::discover(root);
  diagnostics.append(library->plugins_->manifest_warnings());
  for (plugin::PluginStatus& status : library->plugins_->statuses()) library->load_plugin(status, diagnostics);
  return library;
}

void ReportLibrary::load_builtins(const std::filesystem::path& root, Diagnostics& diagnostics) {
  const auto files = lua_files(root / "scripts" / "reports");
  if (files.empty()) return;
  ScriptHost& host = new_host();
  for (const auto& file : files) {
    const std::string chunk = "scripts/reports/" + file.filename().string();
    ReportScript* script = load_script(host, file, chunk, "", diagnostics);
    if (script != nullptr && script->definition.id != file.stem().string()) {
      diagnostics.error({chunk}, fmt::format("the report's id is '{}' but its file is {}", script->definition.id,
                                             file.filename().string()),
                        fmt::format("name the file {}.lua, or change the id to '{}'", script->definition.id, file.stem().string()));
      scripts_.pop_back();
    }
  }
}

void ReportLibrary::load_plugin(plugin::PluginStatus& status, Diagnostics& diagnostics) {
  if (!status.usable() || status.manifest->reports.empty()) return;
  const plugin::PluginManifest& manifest = *status.manifest;
  Diagnostics problems;
  ScriptHost& host = new_host();  // its own sandbox: no globals shared with anything else
  for (const std::string& name : manifest.reports) {
    const std::string chunk = status.folder + "/" + name;
    ReportScript* script = load_script(host, manifest.folder / name, chunk, manifest.name, problems);
    if (script == nullptr) continue;
    if (std::count_if(scripts_.begin(), scripts_.end(), [&](const auto& s) { return s->definition.id == script->definition.id; }) > 1) {
      problems.error({chunk}, fmt::format("report id '{}' is taken by another report", script->definition.id),
                     "give the plug-in's report an id of its own (prefix it with the plug-in's name)");
      scripts_.pop_back();
      continue;
    }
    status.reports.push_back(script->definition.id);
  }
  if (problems.errors() == 0) return;
  // None of a broken plug-in's reports is offered.
  scripts_.erase(std::remove_if(scripts_.begin(), scripts_.end(), [&](const auto& s) { return s->plugin == manifest.name; }),
                 scripts_.end());
  status.reports.clear();
  plugin::PluginSet::fail(status, problems, diagnostics);
}

ReportScript* ReportLibrary::load_script(ScriptHost& host, const std::filesystem::path& file, const std::string& chunk,
                                         const std::string& plugin, Diagnostics& problems) {
  auto text = load::read_bounded(file, limits_.max_source_bytes);
  if (auto* failure = std::get_if<load::ReadFailure>(&text)) {
    problems.error({chunk}, failure->message, failure->hint);
    return nullptr;
  }
  host.remember(chunk, std::move(std::get<std::string>(text)));
  lua::Environment env;
  try {
    env = host.sandbox().new_environment();
  } catch (const std::runtime_error& e) {
    problems.error({chunk}, fmt::format("the host could not prepare the report's globals: {}", e.what()));
    return nullptr;
  }
  lua::RunResult run = host.sandbox().run(env, chunk, host.source(chunk));
  if (observer_) observer_(formula::ScriptRun{chunk, "load", run.report, run.log});
  if (!run.ok()) {
    problems.add(host.diagnostic(*run.error));
    return nullptr;
  }
  if (run.values.empty()) {
    problems.error({chunk}, "the script returns nothing", "end it with: return collab.report{ id = ..., build = ... }");
    return nullptr;
  }
  std::optional<Result<api::ReportDefinition>> definition;
  auto script = std::make_unique<ReportScript>();
  try {
    host.sandbox().inspect("reading a report", [&](lua_State* L) {
      run.values[0].push(L);
      definition = api::read_report(L, -1);
    });
    script->build = host.sandbox().field(run.values[0], "build");
    // Globals set while loading stay readable; a build that assigns one fails (sandbox.h).
    if (*definition) host.sandbox().freeze_globals(env, fmt::format("report '{}'", definition->value().id));
  } catch (const std::runtime_error& e) {
    problems.error({chunk}, fmt::format("memory limit exceeded while the host read the report: {}", e.what()));
    return nullptr;
  }
  if (!*definition) {
    problems.error({chunk}, "the script " + definition->error(), "end it with: return collab.report{ ... }");
    return nullptr;
  }
  script->definition = std::move(definition->value());
  script->chunk = chunk;
  script->plugin = plugin;
  script->table = std::move(run.values[0]);
  script->host = &host;
  scripts_.push_back(std::move(script));
  return scripts_.back().get();
}

std::vector<const ReportScript*> ReportLibrary::reports() const {
  std::vector<const ReportScript*> out;
  for (const auto& s : scripts_) out.push_back(s.get());
  std::sort(out.begin(), out.end(), [](const ReportScript* a, const ReportScript* b) { return a->definition.id < b->definition.id; });
  return out;
}

const ReportScript* ReportLibrary::find(std::string_view id) const {
  for (const auto& s : scripts_)
    if (s->definition.id == id) return s.get();
  return nullptr;
}

}  // namespace collab::reporting
