// collab whatif <scenario>...: each force's and unit's contributions in the scenarios against a
// reference (the data, or --against another scenario), year by year, as a report document.

#include <fmt/format.h>

#include <set>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "cli/document_output.h"
#include "core/suggest.h"
#include "cli/workspace.h"
#include "core/text.h"
#include "ledger/ledger.h"
#include "report/complete.h"
#include "scenario/comparison.h"
#include "scenario/scenario_builder.h"
#include "scenario/scenario_loader.h"
#include "scenario/step_effects.h"
#include "scenario/whatif_document.h"

namespace collab::cli {
namespace {

using scenario::Applied;

constexpr const char* kName = "whatif";

// Prints "collab whatif: <message>" to stderr.
template <class... Args>
void say(fmt::format_string<Args...> format, Args&&... args) {
  fmt::print(stderr, "collab whatif: {}\n", fmt::format(format, std::forward<Args>(args)...));
}

// "2016/17..2019/20": every year from the first to the last.
std::optional<std::vector<FinancialYear>> year_range(const std::string& text) {
  const auto dots = text.find("..");
  if (dots == std::string::npos) return std::nullopt;
  auto a = FinancialYear::parse(text.substr(0, dots));
  auto b = FinancialYear::parse(text.substr(dots + 2));
  if (!a || !b || b.value() < a.value() || b.value().start_year() - a.value().start_year() > 50) return std::nullopt;
  std::vector<FinancialYear> out;
  for (FinancialYear y = a.value(); y <= b.value(); y = y.next()) out.push_back(y);
  return out;
}

// Budget lines a scenario broke, printed: kBadInput when a step's parameters were rejected, else
// kFailed; kOk when there are none.
int scenario_failures(const scenario::Comparison& c) {
  Diagnostics d;
  const Applied status = scenario::scenario_breakages(c, d);
  print_diagnostics(d, Severity::Warning, stderr);
  return status == Applied::Ok ? kOk : status == Applied::Refused ? kBadInput : kFailed;
}

class WhatifCommand final : public Command {
 public:
  const char* name() const override { return kName; }
  const char* summary() const override { return "each force's bill in scenarios (data/scenarios) against the baseline"; }
  void configure(CLI::App& app) override {
    app.add_option("scenario", scenarios_, "scenario ids (data/scenarios/<id>.json); several are shown side by side")
        ->required();
    app.add_option("-y,--year", year_, "one financial year, e.g. 2017/18");
    app.add_option("--years", years_, "a range of years, e.g. 2016/17..2019/20 (default: the scenarios' own years)");
    app.add_option("--against", against_, "the reference: \"data\" or a scenario's id (default: the first scenario's baseline)");
    app.add_option("-f,--format", output_.format, "md (default), csv, json, html or xlsx")
        ->check(CLI::IsMember({"md", "csv", "json", "html", "xlsx"}));
    app.add_option("-o,--out", output_.out, "the file to write (whole or not at all); for CSV of several tables, a folder");
    app.add_option("--table", output_.table, "CSV: only the table with this id (forces-2017-18, units-2017-18...)");
    app.add_flag("--explain", explain_,
                 "add, for every year, which step of each scenario changed which figure (tables steps-<year>)");
    app.footer("Exit codes: 0 written; 1 a rule or a ledger failed; 2 bad input (a scenario, a rule's parameters, an "
               "option), nothing written.\n"
               "Examples: collab whatif lincs-joins-ld\n"
               "          collab whatif grant-falls-5 --years 2016/17..2019/20 --format xlsx --out grant.xlsx\n"
               "          collab whatif lincs-joins-ld derbys-leaves-forensics --year 2017/18");
  }
  int run(const GlobalOptions& global) override;

 private:
  std::optional<std::vector<FinancialYear>> chosen_years(const scenario::ScenarioBuilder& builder, const Model& model) const;
  std::optional<std::string> resolve(const scenario::ScenarioBuilder& builder, const std::string& id) const;
  int compute(scenario::ScenarioBuilder& builder, formula::FormulaLibrary& formulae, const Model& data,
              const std::vector<FinancialYear>& years, const std::string& reference);

  std::vector<std::string> scenarios_;
  std::string year_, years_, against_;
  bool explain_ = false;
  std::filesystem::path root_;
  OutputRequest output_{"md", "", "", true, "collab whatif"};
};

std::optional<std::string> WhatifCommand::resolve(const scenario::ScenarioBuilder& builder, const std::string& id) const {
  if (id == scenario::kDataBaseline || builder.find(id) != nullptr) return id;
  std::vector<std::string> ids{scenario::kDataBaseline};
  for (const auto& s : builder.scenarios()) ids.push_back(s.id);
  fmt::print(stderr, "collab whatif: unknown scenario '{}'{}; scenarios are the files in data/scenarios/: {}\n",
             visible_text(id), did_you_mean(id, ids), fmt::format("{}", fmt::join(ids.begin() + 1, ids.end(), ", ")));
  return std::nullopt;
}

std::optional<std::vector<FinancialYear>> WhatifCommand::chosen_years(const scenario::ScenarioBuilder& builder,
                                                                      const Model& model) const {
  std::vector<FinancialYear> years;
  if (!year_.empty() && !years_.empty()) {
    fmt::print(stderr, "collab whatif: give --year or --years, not both\n");
    return std::nullopt;
  }
  if (!year_.empty()) {
    auto y = FinancialYear::parse(year_);
    if (!y) {
      say("--year: {}", y.error());
      return std::nullopt;
    }
    years.push_back(y.value());
  } else if (!years_.empty()) {
    auto range = year_range(years_);
    if (!range) {
      say("--years '{}' must be a range such as 2016/17..2019/20", visible_text(years_));
      return std::nullopt;
    }
    years = *range;
  } else {
    std::set<FinancialYear> all;
    for (const auto& id : scenarios_)
      if (const auto* s = builder.find(id)) all.insert(s->years.begin(), s->years.end());
    years.assign(all.begin(), all.end());
  }
  const auto budgeted = ledger::budget_years(model);
  if (budgeted.empty() || years.front() < budgeted.front()) {
    fmt::print(stderr, "collab whatif: {} is before the data's first budgeted year ({})\n", years.front().str(),
               budgeted.empty() ? "none" : budgeted.front().str());
    return std::nullopt;
  }
  return years;
}

int WhatifCommand::run(const GlobalOptions& global) {
  if (output_refused(output_)) return kBadInput;
  root_ = global.root;
  auto ws = open_workspace(global, kName);
  if (!ws) return kBadInput;
  Diagnostics diagnostics;
  auto rules = scenario::RuleLibrary::load(global.root, ws->model, diagnostics, global.limits(diagnostics),
                                           ws->plugins.get());
  auto loaded = scenario::load_scenarios(global.root, *ws->model, diagnostics);
  scenario::ScenarioBuilder builder(ws->model, std::move(loaded), *rules, *ws->formulae);
  builder.check(diagnostics);
  if (diagnostics.errors() > 0) {
    print_diagnostics(scenario::with_scenario_excerpts(global.root, diagnostics), Severity::Warning, stderr);
    fmt::print(stderr, "collab whatif: the scenarios or rules have errors; nothing written\n");
    return kBadInput;
  }
  for (const auto& id : scenarios_)
    if (id == scenario::kDataBaseline || !resolve(builder, id)) {
      if (id == scenario::kDataBaseline) fmt::print(stderr, "collab whatif: \"data\" is the baseline, not a scenario\n");
      return kBadInput;
    }
  std::string reference = against_.empty() ? builder.find(scenarios_.front())->baseline : against_;
  if (!resolve(builder, reference)) return kBadInput;
  auto years = chosen_years(builder, *ws->model);
  if (!years) return kBadInput;
  return compute(builder, *ws->formulae, *ws->model, *years, reference);
}

int WhatifCommand::compute(scenario::ScenarioBuilder& builder, formula::FormulaLibrary& formulae, const Model& data,
                           const std::vector<FinancialYear>& years, const std::string& reference) {
  Diagnostics diagnostics;
  scenario::Comparison comparison;
  const Applied status = scenario::compute_comparison(builder, formulae, years, reference, scenarios_, diagnostics,
                                                       comparison, explain_);
  print_diagnostics(scenario::with_scenario_excerpts(root_, diagnostics), Severity::Warning, stderr);
  if (status == Applied::Refused) {
    say("a scenario step was refused; nothing written");
    return kBadInput;
  }
  if (status == Applied::Failed || diagnostics.errors() > 0) {
    say("the comparison could not be computed; nothing written");
    return kFailed;
  }
  if (const int exit = scenario_failures(comparison); exit != kOk) {
    say("{}; nothing written", exit == kBadInput ? "a step's parameters were rejected" : "the comparison could not be computed");
    return exit;
  }
  report::Document doc = scenario::whatif_document(comparison, data);
  if (auto problems = report::complete_document(doc); !problems.empty()) {
    for (const auto& p : problems) fmt::print(stderr, "collab whatif: internal: {}\n", p);
    return kInternal;
  }
  return write_document(doc, output_);
}

}  // namespace

std::unique_ptr<Command> make_whatif_command() { return std::make_unique<WhatifCommand>(); }

}  // namespace collab::cli
