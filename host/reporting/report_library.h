#pragma once
// The reports: every scripts/reports/*.lua (the built-ins, in one sandbox, each script in its own
// environment) and every plug-in under plugins/ (each in a sandbox of its own, so no plug-in sees
// another's globals or the built-ins'), loaded and checked; and building one report into a
// completed document that any renderer can write. A plug-in with a bad manifest, another API
// version, a Lua error or a limit breach is reported and skipped; every other report still works.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/report_constructor.h"
#include "core/diagnostic.h"
#include "formula/formula_library.h"
#include "plugin/plugin_set.h"
#include "reporting/services.h"
#include "report/document.h"

namespace collab::reporting {

class ScriptHost;

/// One loaded report script.
struct ReportScript {
  api::ReportDefinition definition;
  std::string chunk;   // "scripts/reports/contributions.lua", "plugins/pcc-board-pack/board-pack.lua"
  std::string plugin;  // empty for a built-in
  lua::Ref table;      // what collab.report returned (the params' defaults live there)
  lua::Ref build;
  ScriptHost* host = nullptr;
};

/// What to build: the year (the latest with budgets when absent) and parameters as typed
/// ("name", "value"), converted to each parameter's declared type.
struct BuildRequest {
  std::optional<FinancialYear> year;
  std::vector<std::pair<std::string, std::string>> params;
};

class ReportLibrary {
 public:
  /// Loads the built-in reports and the reports of every usable plug-in of `plugins` (read from
  /// `root` when null). Problems of the built-ins go to `diagnostics`; a plug-in's go to its
  /// status (and, as warnings, to `diagnostics`).
  static std::unique_ptr<ReportLibrary> load(const std::filesystem::path& root, std::shared_ptr<const Model> model,
                                             Services services, Diagnostics& diagnostics, lua::Limits limits = {},
                                             formula::RunObserver observer = {},
                                             std::shared_ptr<plugin::PluginSet> plugins = nullptr);
  ~ReportLibrary();
  ReportLibrary(const ReportLibrary&) = delete;
  ReportLibrary& operator=(const ReportLibrary&) = delete;

  /// Every loaded report, in id order.
  std::vector<const ReportScript*> reports() const;
  const ReportScript* find(std::string_view id) const;
  const std::vector<plugin::PluginStatus>& plugins() const { return plugins_->statuses(); }

  /// Builds `report`: runs its build function, reads the document it returns, resolves its cells'
  /// explanations and completes it (totals, differences). Every problem goes to `diagnostics`
  /// (errors at the script's line); nullopt when the report failed.
  std::optional<report::Document> build(const ReportScript& report, const BuildRequest& request, Diagnostics& diagnostics);

 private:
  ReportLibrary(std::shared_ptr<const Model> model, Services services, lua::Limits limits, formula::RunObserver observer);
  ScriptHost& new_host();
  void load_builtins(const std::filesystem::path& root, Diagnostics& diagnostics);
  void load_plugin(plugin::PluginStatus& status, Diagnostics& diagnostics);
  /// Loads one script into `host`; its problems go to `problems`. The report, or null.
  ReportScript* load_script(ScriptHost& host, const std::filesystem::path& file, const std::string& chunk,
                            const std::string& plugin, Diagnostics& problems);

  std::shared_ptr<const Model> model_;
  Services services_;
  lua::Limits limits_;
  formula::RunObserver observer_;
  std::vector<std::unique_ptr<ScriptHost>> hosts_;
  std::vector<std::unique_ptr<ReportScript>> scripts_;
  std::shared_ptr<plugin::PluginSet> plugins_;
};

}  // namespace collab::reporting
