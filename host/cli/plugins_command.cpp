// collab plugins list: each folder under plugins/ with its status (loaded; incompatible API
// version; error, with the file:line and why) and the reports it provides.

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/report_workspace.h"
#include "core/text.h"
#include "scenario/rule_library.h"

namespace collab::cli {
namespace {

class PluginsCommand final : public Command {
 public:
  const char* name() const override { return "plugins"; }
  const char* summary() const override { return "list the plug-ins under plugins/ and whether each loaded"; }
  void configure(CLI::App& app) override {
    app.add_subcommand("list", "each plug-in with its status and the reports, formulae and rules it provides (the default)");
    app.footer("A plug-in is a folder plugins/<name>/ with a plugin.json (docs/reports.md, \"Plug-ins\").\n"
               "Exit codes: 0 listed (a broken plug-in is listed, not fatal); 2 bad data.");
  }
  int run(const GlobalOptions& global) override {
    auto rw = open_report_workspace(global, name(), false);
    if (!rw) return kBadInput;
    // The rule library loads the plug-ins' rules, so their status is known too (its warnings are
    // the statuses listed below).
    Diagnostics loading;
    (void)scenario::RuleLibrary::load(global.root, rw->workspace.model, loading, global.limits(loading),
                                      rw->workspace.plugins.get());
    const auto& plugins = rw->library->plugins();
    if (plugins.empty()) fmt::print("no plug-ins under {}/plugins\n", global.root.string());
    for (const auto& p : plugins) {
      const std::string label = p.manifest ? fmt::format("{} {}", p.manifest->name, p.manifest->version) : p.folder;
      fmt::print("{:<28} {}\n", visible_text(label), plugin::plugin_state_name(p.state));
      if (p.manifest && !p.manifest->description.empty()) fmt::print("  {}\n", visible_text(p.manifest->description));
      for (const auto& id : p.reports) fmt::print("  report {}\n", id);
      for (const auto& id : p.formulae) fmt::print("  formula {}\n", id);
      for (const auto& id : p.rules) fmt::print("  rule {}\n", id);
      for (const auto& d : p.problems)
        fmt::print("  {}: {}{}\n", d.where.str(), visible_text(d.message), d.hint.empty() ? "" : " (" + visible_text(d.hint) + ")");
    }
    return kOk;
  }
};

}  // namespace

std::unique_ptr<Command> make_plugins_command() { return std::make_unique<PluginsCommand>(); }

}  // namespace collab::cli
