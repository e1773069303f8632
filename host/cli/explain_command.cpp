// collab explain <unit> <force> [year]: the chain behind one figure of the contributions, or
// behind a force's total, as text or JSON.

#include <fmt/format.h>

#include <algorithm>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "cli/explain_json.h"
#include "cli/explain_text.h"
#include "cli/scenario_model.h"
#include "core/suggest.h"
#include "cli/workspace.h"
#include "core/text.h"
#include "ledger/explain.h"

namespace collab::cli {
namespace {

// The total a name stands for: the labels of `contributions`' total rows, and of the published table's.
std::optional<ledger::RowKind> total_named(const std::string& name, const Model& model, FinancialYear year) {
  const std::string n = lower_case(name);
  if (n == "total" || n == "all") return ledger::RowKind::All;
  if (n == "total cash" || n == "cash") return ledger::RowKind::Cash;
  if (n == "total in kind" || n == "in kind") return ledger::RowKind::InKind;
  if (const PublishedContributions* published = ledger::published_for(model, year))
    for (const auto& t : published->totals)
      if (lower_case(t.label) == n)
        return t.of == TotalOf::Cash ? ledger::RowKind::Cash : t.of == TotalOf::InKind ? ledger::RowKind::InKind
                                                                                     : ledger::RowKind::All;
  return std::nullopt;
}

std::vector<std::string> unit_names(const Model& model, const ledger::Ledger& ledger) {
  std::vector<std::string> names{"Total", "Total cash", "Total in kind"};
  for (const auto& u : model.collaborations) {
    names.push_back(u.id);
    names.push_back(u.name);
    if (!u.short_name.empty()) names.push_back(u.short_name);
    names.insert(names.end(), u.aliases.begin(), u.aliases.end());
  }
  for (const auto& row : ledger.rows) names.push_back(row.label);
  return names;
}

std::vector<std::string> force_names(const Model& model) {
  std::vector<std::string> names;
  for (const auto& f : model.forces) {
    names.push_back(f.id);
    names.push_back(f.name);
    names.push_back(f.short_name);
    names.insert(names.end(), f.aliases.begin(), f.aliases.end());
  }
  return names;
}

class ExplainCommand final : public Command {
 public:
  const char* name() const override { return "explain"; }
  const char* summary() const override { return "why a force pays what it pays to a unit, or in total: the whole chain"; }
  void configure(CLI::App& app) override {
    app.add_option("unit", unit_,
                   "the unit: id, name, short name or alias (emsou-soc, \"EMSOU SOC\"), a row label as contributions "
                   "prints it (\"EMSOU - Officers in Kind\"), or a total (\"Total\", \"Total cash\", \"Total in kind\")")
        ->required();
    app.add_option("force", force_, "the force: id, name, short name or alias (nottinghamshire, Notts)")->required();
    app.add_option("year", year_positional_, "financial year (the same as --year)");
    app.add_option("-y,--year", year_, "financial year, e.g. 2016/17 (default: the latest year with budgets)");
    app.add_flag("--pence", pence_, "apportion to the penny instead of whole pounds");
    app.add_option("--scenario", scenario_,
                   "explain the figure inside a scenario (data/scenarios/<id>.json): its steps applied to a copy of "
                   "the data, projected to the year");
    app.add_option("--format", format_, "text (default) or json (schema collab.explain, docs/explain-json.md)")
        ->check(CLI::IsMember({"text", "json"}));
    app.footer("Exit codes: 0 explained (a force that takes no part is an answer too); 1 the figure could not be "
               "computed; 2 unknown unit, force or year, or bad data.\n"
               "Examples: collab explain emsou-soc Notts 2016/17\n"
               "          collab explain Total Leics --format json\n"
               "          collab explain emsou-forensics Derbys 2018/19 --scenario derbys-leaves-forensics\n"
               "'collab units' and 'collab forces' list the names to ask about.");
  }

  int run(const GlobalOptions& global) override {
    json_ = format_ == "json";
    auto workspace = open_workspace(global, name());
    if (!workspace) return kBadInput;
    const Model& model = *workspace->model;
    const Force* force = model.find_force(force_);
    if (force == nullptr) {
      fmt::print(stderr, "collab explain: unknown force '{}'{}; 'collab forces' lists them\n", force_,
                 did_you_mean(force_, force_names(model)));
      return kBadInput;
    }
    if (!year_.empty() && !year_positional_.empty() && year_ != year_positional_) {
      fmt::print(stderr, "collab explain: two different years given ('{}' and '{}')\n", year_positional_, year_);
      return kBadInput;
    }
    std::shared_ptr<const Model> scenario_model;
    std::optional<FinancialYear> year;
    if (!scenario_.empty()) {
      auto parsed = FinancialYear::parse(year_.empty() ? year_positional_ : year_);
      if ((year_.empty() && year_positional_.empty()) || !parsed) {
        fmt::print(stderr, "collab explain: --scenario needs a year (e.g. 2018/19){}\n",
                   parsed ? "" : fmt::format(": {}", parsed.error()));
        return kBadInput;
      }
      year = parsed.value();
      ScenarioModel built;
      const int status = build_scenario_model(global, *workspace, scenario_, year, name(), built);
      if (status != kOk) return status;
      scenario_model = built.model;
      scenario_title_ = built.title;
    } else {
      year = year_option(year_.empty() ? year_positional_ : year_, model, name());
    }
    if (!year) return kBadInput;
    const std::shared_ptr<const Model> computed = scenario_model ? scenario_model : workspace->model;
    if (!ledger::has_budgets(*computed, *year)) {
      std::string years;
      for (FinancialYear y : ledger::budget_years(model)) years += (years.empty() ? "" : ", ") + y.str();
      fmt::print(stderr, "collab explain: no budgets for {}; budgets are given for {}\n", year->str(), years);
      return kBadInput;
    }

    Diagnostics problems;
    const ledger::Ledger ledger = ledger::compute_ledger(*workspace->formulae, computed, *year,
                                                         Money::from_pence(pence_ ? 1 : 100), problems);
    if (!scenario_.empty() && !json_)
      fmt::print("In scenario {} ({}), {}:\n\n", scenario_, scenario_title_, year->str());
    if (auto total = total_named(unit_, *computed, *year)) return show_total(global, *computed, ledger, *total, force->id, problems);

    std::vector<const ledger::LedgerRow*> rows;
    const Collaboration* unit = computed->find_collaboration(unit_);
    for (const auto& row : ledger.rows)
      if (unit ? row.unit == unit->id : lower_case(row.label) == lower_case(unit_)) rows.push_back(&row);
    if (unit == nullptr && rows.empty()) {
      fmt::print(stderr, "collab explain: unknown unit '{}'{}; 'collab units' lists them\n", unit_,
                 did_you_mean(unit_, unit_names(*computed, ledger)));
      return kBadInput;
    }
    if (rows.empty()) {
      if (json_) return show_json(global, ledger, nlohmann::json::array());
      fmt::print("{} pays nothing to {} ({}) in {}: the unit has no budget line that year\n", force->name, unit->name,
                 unit->id, year->str());
      return kOk;
    }
    return show_rows(global, *computed, ledger, rows, force->id);
  }

 private:
  int show_rows(const GlobalOptions& global, const Model& model, const ledger::Ledger& ledger,
                const std::vector<const ledger::LedgerRow*>& rows, const ForceId& force) {
    int exit = kOk;
    nlohmann::json explanations = nlohmann::json::array();
    bool first = true;
    for (const ledger::LedgerRow* row : rows) {
      if (row->failed()) {
        Diagnostics d;
        for (const auto& p : row->problems) d.add(p);
        print_diagnostics(d, Severity::Error, stderr);
        fmt::print(stderr, "collab explain: the {} row of '{}' could not be computed in {}\n", ledger::kind_text(row->kind),
                   row->unit, ledger.year.str());
        exit = kFailed;
        continue;
      }
      const ledger::Explanation e = ledger::explain(ledger, *row, force);
      if (json_) {
        explanations.push_back(explanation_json(model, e));
        continue;
      }
      fmt::print("{}{}", first ? "" : "\n", visible_text(explanation_text(model, e)));
      first = false;
    }
    if (json_) show_json(global, ledger, std::move(explanations));
    return exit;
  }

  int show_total(const GlobalOptions& global, const Model& model, const ledger::Ledger& ledger, ledger::RowKind of,
                 const ForceId& force, const Diagnostics& problems) {
    const ledger::TotalExplanation e = ledger::explain_total(ledger, of, force);
    if (json_)
      show_json(global, ledger, nlohmann::json::array({total_explanation_json(model, e)}));
    else
      fmt::print("{}", visible_text(total_explanation_text(model, e)));
    if (e.failed.empty()) return kOk;
    print_diagnostics(problems, Severity::Error, stderr);
    return kFailed;
  }

  int show_json(const GlobalOptions& global, const ledger::Ledger& ledger, nlohmann::json explanations) {
    fmt::print("{}\n", explain_document(global.root, ledger.year, ledger.rounding_unit, std::move(explanations)).dump(2));
    return kOk;
  }

  std::string unit_;
  std::string force_;
  std::string year_positional_;
  std::string year_;
  std::string format_ = "text";
  std::string scenario_, scenario_title_;
  bool pence_ = false;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_explain_command() { return std::make_unique<ExplainCommand>(); }

}  // namespace collab::cli
