// collab units: every collaboration the data knows, with what a question about it can name:
// its id, short name and aliases, who takes part in a year and its budget that year.

#include <fmt/format.h>

#include "cli/command.h"
#include "money/money_text.h"
#include "cli/table_text.h"
#include "cli/workspace.h"
#include "ledger/ledger.h"
#include "load/loader.h"

namespace collab::cli {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string participants_text(const Model& model, const Collaboration& unit, FinancialYear year) {
  const ParticipationPeriod* period = unit.participants_in(year);
  if (period == nullptr) return "-";
  if (!period->known()) return fmt::format("{} (not named)", period->count.value_or(0));
  std::vector<std::string> names;
  for (const auto& id : *period->forces) {
    const Force* f = model.force(id);
    names.push_back(f ? f->short_name : id);
  }
  return joined(names);
}

std::string budget_text(const Model& model, const Collaboration& unit, FinancialYear year) {
  std::vector<std::string> parts;
  for (const BudgetTable& table : model.budgets) {
    if (table.year != year) continue;
    for (const BudgetLine& line : table.lines) {
      if (line.unit != unit.id) continue;
      if (line.cash) parts.push_back(amount_text(*line.cash) + " cash");
      if (line.in_kind) parts.push_back(amount_text(*line.in_kind) + " in kind");
    }
  }
  return parts.empty() ? "-" : joined(parts);
}

// The data set, or nullptr after saying why on stderr (exit kBadInput).
std::shared_ptr<const Model> load_or_report(const GlobalOptions& global, const char* command) {
  auto outcome = load::load_data_set(global.root);
  if (!outcome.model) fmt::print(stderr, "collab {}: the data set has errors; 'collab check' lists them\n", command);
  return outcome.model;
}

class UnitsCommand final : public Command {
 public:
  const char* name() const override { return "units"; }
  const char* summary() const override { return "list the units (collaborations): ids, names, participants, budgets"; }
  void configure(CLI::App& app) override {
    app.add_option("-y,--year", year_, "financial year for participants and budgets (default: the latest with budgets)");
    app.add_flag("--budgeted", budgeted_, "only the units with a budget that year (those contributions splits)");
    app.footer("Any of a unit's id, name, short name or aliases names it to explain.\nExample: collab units --budgeted");
  }
  int run(const GlobalOptions& global) override {
    const auto loaded = load_or_report(global, name());
    if (!loaded) return kBadInput;
    const Model& model = *loaded;
    auto year = year_option(year_, model, name());
    if (!year) return kBadInput;
    TextTable table({"Id", "Short name", "Name", "Status", fmt::format("Participants {}", year->str()),
                     fmt::format("Budget {}", year->str()), "Aliases"},
                    {false, false, false, false, false, false, false});
    int shown = 0;
    for (const Collaboration& unit : model.collaborations) {
      const std::string budget = budget_text(model, unit, *year);
      if (budgeted_ && budget == "-") continue;
      table.add({unit.id, unit.short_name, unit.name, status_name(unit.status.kind), participants_text(model, unit, *year),
                 budget, joined(unit.aliases)});
      ++shown;
    }
    fmt::print("{}", table.str());
    fmt::print("{} of {} units\n", shown, model.collaborations.size());
    return kOk;
  }

 private:
  std::string year_;
  bool budgeted_ = false;
};

class ForcesCommand final : public Command {
 public:
  const char* name() const override { return "forces"; }
  const char* summary() const override { return "list the region's forces: ids, names, aliases, central grants"; }
  void configure(CLI::App& app) override {
    app.footer("Any of a force's id, name, short name or aliases names it to explain.\nExample: collab forces");
  }
  int run(const GlobalOptions& global) override {
    const auto loaded = load_or_report(global, name());
    if (!loaded) return kBadInput;
    const Model& model = *loaded;
    std::vector<std::string> headings{"Id", "Short name", "Name", "Aliases"};
    std::vector<bool> right{false, false, false, false};
    for (const GrantTable& t : model.central_grants) {
      headings.push_back(fmt::format("Grant {}", t.year.str()));
      right.push_back(true);
    }
    TextTable table(headings, right);
    for (const Force& f : model.forces) {
      std::vector<std::string> cells{f.id, f.short_name, f.name, joined(f.aliases)};
      for (const GrantTable& t : model.central_grants) {
        auto it = t.amounts.find(f.id);
        cells.push_back(it == t.amounts.end() ? "-" : amount_text(it->second));
      }
      table.add(cells);
    }
    fmt::print("{}", table.str());
    fmt::print("{} forces in {}\n", model.forces.size(), model.region.name);
    return kOk;
  }
};

}  // namespace

std::unique_ptr<Command> make_units_command() { return std::make_unique<UnitsCommand>(); }
std::unique_ptr<Command> make_forces_command() { return std::make_unique<ForcesCommand>(); }

}  // namespace collab::cli
