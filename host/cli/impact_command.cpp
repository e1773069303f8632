// collab impact <input>: every figure one input of the data moves, and by how much, for a stated
// change (default +1%): explain forwards, so an analyst sees a figure's reach before touching it.

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/document_output.h"
#include "cli/scenario_model.h"
#include "cli/workspace.h"
#include "core/text.h"
#include "ledger/ledger.h"
#include "report/complete.h"
#include "scenario/impact.h"
#include "scenario/impact_document.h"

namespace collab::cli {
namespace {

class ImpactCommand final : public Command {
 public:
  const char* name() const override { return "impact"; }
  const char* summary() const override { return "every figure one input moves, and by how much, for a stated change"; }
  void configure(CLI::App& app) override {
    app.add_option("input", input_,
                   "grant:<force>:<year> (a central grant), budget:<unit>:<year>[:cash|:in_kind] (a unit's budget) or "
                   "param:<unit or region>:<parameter> (a number in a unit's formula parameters, \"mix.grant\")")
        ->required();
    app.add_option("--by", by_, "the change, a percentage (default 1%; \"-5%\", \"2.5\")");
    app.add_option("-y,--year", year_, "one year to show (default: every year with budgets, or the scenario's years)");
    app.add_option("--scenario", scenario_,
                   "change the input inside a scenario (data/scenarios/<id>.json): its model, projected to the years");
    app.add_option("-f,--format", output_.format, "md (default), csv, json, html or xlsx")
        ->check(CLI::IsMember({"md", "csv", "json", "html", "xlsx"}));
    app.add_option("-o,--out", output_.out, "the file to write (whole or not at all); for CSV of several tables, a folder");
    app.add_option("--table", output_.table, "CSV: only the table with this id (moved-2016-17, forces-2016-17)");
    app.footer("Exit codes: 0 written; 1 a ledger failed; 2 bad input (an unknown input, a bad percentage), nothing "
               "written.\n"
               "Examples: collab impact grant:derbyshire:2015/16\n"
               "          collab impact budget:emsou-soc:2016/17 --by 10%\n"
               "          collab impact grant:Notts:2015/16 --by -5% --format xlsx --out notts.xlsx\n"
               "          collab impact grant:derbyshire:2017/18 --scenario grant-falls-5 --year 2018/19");
  }

  int run(const GlobalOptions& global) override {
    if (output_refused(output_)) return kBadInput;
    auto by = parse_percent(by_);
    if (!by || by.value().units() <= -100 * Percent::kUnitsPerPercent) {
      fmt::print(stderr, "collab impact: --by '{}': {}\n", visible_text(by_),
                 by ? "a change must be above -100%" : by.error());
      return kBadInput;
    }
    auto ws = open_workspace(global, name());
    if (!ws) return kBadInput;
    std::shared_ptr<const Model> base = ws->model;
    ScenarioModel inside;
    std::optional<FinancialYear> year;
    if (!year_.empty()) {
      auto y = FinancialYear::parse(year_);
      if (!y) {
        fmt::print(stderr, "collab impact: --year: {}\n", y.error());
        return kBadInput;
      }
      year = y.value();
    }
    if (!scenario_.empty()) {
      const int status = build_scenario_model(global, *ws, scenario_, year, name(), inside);
      if (status != kOk) return status;
      base = inside.model;
    }
    auto input = scenario::parse_impact_input(input_, *base);
    if (!input) {
      fmt::print(stderr, "collab impact: {}\n", visible_text(input.error()));
      return kBadInput;
    }
    auto changed = scenario::changed_model(*base, input.value(), by.value());
    if (!changed) {
      fmt::print(stderr, "collab impact: {}\n", visible_text(changed.error()));
      return kBadInput;
    }
    scenario::Impact impact{input.value(), by.value(), {}, {}, {}, inside.title};
    if (year) {
      if (!ledger::has_budgets(*base, *year)) {
        fmt::print(stderr, "collab impact: no budgets for {}{}\n", year->str(),
                   scenario_.empty() ? " (a later year needs --scenario, which projects the data)" : "");
        return kBadInput;
      }
      impact.years.push_back(*year);
    } else {
      for (FinancialYear y : scenario_.empty() ? ledger::budget_years(*base) : inside.years)
        if (ledger::has_budgets(*base, y)) impact.years.push_back(y);
    }
    const auto after_model = std::make_shared<const Model>(std::move(changed).value());
    const std::shared_ptr<const Model>& before_model = base;
    Diagnostics before_problems, after_problems;
    for (FinancialYear y : impact.years) {
      impact.before.emplace(y.start_year(), ledger::compute_ledger(*ws->formulae, before_model, y, Money::from_pounds(1),
                                                                   before_problems));
      impact.after.emplace(y.start_year(), ledger::compute_ledger(*ws->formulae, after_model, y, Money::from_pounds(1),
                                                                  after_problems));
    }
    report::Document doc = scenario::impact_document(impact, *ws->model);
    if (auto problems = report::complete_document(doc); !problems.empty()) {
      for (const auto& p : problems) fmt::print(stderr, "collab impact: internal: {}\n", p);
      return kInternal;
    }
    return write_document(doc, output_);
  }

 private:
  std::string input_;
  std::string by_ = "1%";
  std::string year_;
  std::string scenario_;
  OutputRequest output_{"md", "", "", true, "collab impact"};
};

}  // namespace

std::unique_ptr<Command> make_impact_command() { return std::make_unique<ImpactCommand>(); }

}  // namespace collab::cli
