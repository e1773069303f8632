#include "cli/command.h"

namespace collab::cli {

// One factory per subcommand file.
std::unique_ptr<Command> make_check_command();
std::unique_ptr<Command> make_summary_command();
std::unique_ptr<Command> make_contributions_command();
std::unique_ptr<Command> make_explain_command();
std::unique_ptr<Command> make_reconcile_command();
std::unique_ptr<Command> make_units_command();
std::unique_ptr<Command> make_forces_command();
std::unique_ptr<Command> make_reports_command();
std::unique_ptr<Command> make_report_command();
std::unique_ptr<Command> make_plugins_command();
std::unique_ptr<Command> make_whatif_command();
std::unique_ptr<Command> make_sweep_command();
std::unique_ptr<Command> make_seek_command();
std::unique_ptr<Command> make_serve_command();
std::unique_ptr<Command> make_generate_command();
std::unique_ptr<Command> make_impact_command();
std::unique_ptr<Command> make_test_command();
std::unique_ptr<Command> make_run_command();
std::unique_ptr<Command> make_verify_command();

std::vector<std::unique_ptr<Command>> all_commands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(make_check_command());
  commands.push_back(make_summary_command());
  commands.push_back(make_contributions_command());
  commands.push_back(make_reports_command());
  commands.push_back(make_report_command());
  commands.push_back(make_whatif_command());
  commands.push_back(make_sweep_command());
  commands.push_back(make_seek_command());
  commands.push_back(make_serve_command());
  commands.push_back(make_explain_command());
  commands.push_back(make_impact_command());
  commands.push_back(make_reconcile_command());
  commands.push_back(make_units_command());
  commands.push_back(make_forces_command());
  commands.push_back(make_plugins_command());
  commands.push_back(make_generate_command());
  commands.push_back(make_test_command());
  commands.push_back(make_run_command());
  commands.push_back(make_verify_command());
  return commands;
}

}  // namespace collab::cli
