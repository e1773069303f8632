#include "run/figures.h"

#include <fmt/format.h>

namespace collab::run {
namespace {

std::string force_name(const Model& model, const std::string& id) {
  const Force* force = model.force(id);
  return force && !force->short_name.empty() ? force->short_name : id;
}

std::string prefix(const std::string& scenario) { return scenario == kData ? "" : scenario + ": "; }

std::string year_key(FinancialYear year) {
  std::string text = year.str();
  for (char& c : text)
    if (c == '/') c = '-';
  return text;
}

}  // namespace

std::string figure_key(const std::string& scenario, FinancialYear year, const std::string& unit, const std::string& force,
                       const std::string& kind) {
  return fmt::format("{}/{}/{}/{}/{}", scenario, year_key(year), unit, force, kind);
}

void add_ledger_figures(const std::string& scenario, const ledger::Ledger& ledger, Figures& figures) {
  const Model& model = *ledger.model;
  const std::string year = ledger.year.str();
  for (const ledger::LedgerRow& row : ledger.rows) {
    if (row.failed()) continue;
    const std::string kind = ledger::kind_name(row.kind);
    const std::string kind_words = ledger::kind_text(row.kind);
    figures[figure_key(scenario, ledger.year, row.unit, "budget", kind)] = {
        fmt::format("{}{} {}: budget, {}", prefix(scenario), year, row.label, kind_words), row.budget.pence()};
    for (const ledger::Contribution& c : row.contributions)
      figures[figure_key(scenario, ledger.year, row.unit, c.force, kind)] = {
          fmt::format("{}{} {}: {} {}", prefix(scenario), year, row.label, force_name(model, c.force), kind_words),
          c.part.amount.pence()};
  }
  for (const ledger::ForceTotal& t : ledger.totals) {
    const std::string name = force_name(model, t.force);
    auto add = [&](const char* kind, const char* words, Money m) {
      figures[figure_key(scenario, ledger.year, "total", t.force, kind)] = {
          fmt::format("{}{} total: {} {}", prefix(scenario), year, name, words), m.pence()};
    };
    add("cash", "cash", t.cash);
    add("in_kind", "in kind", t.in_kind);
    add("all", "cash and in kind", t.all());
  }
}

void add_savings_figures(const Model& model, Figures& figures) {
  if (model.savings_against_baseline) {
    int index = 0;
    for (const BaselineSaving& row : model.savings_against_baseline->rows) {
      ++index;
      std::string id = row.unit ? *row.unit : fmt::format("row-{}", index);
      figures[fmt::format("{}/savings/{}/baseline/annual", kData, id)] = {
          fmt::format("savings against baseline: {}, annual", row.label), row.annual_saving.pence()};
    }
  }
  if (model.savings_by_year)
    for (const YearSaving& row : model.savings_by_year->rows) {
      figures[figure_key(kData, row.year, "savings", "region", "target")] = {
          fmt::format("{} savings: the region's target", row.year.str()), row.target.pence()};
      figures[figure_key(kData, row.year, "savings", "region", "actual")] = {
          fmt::format("{} savings: the region's {}", row.year.str(), row.projected ? "projection" : "actual"), row.actual.pence()};
    }
}

nlohmann::json figures_json(const Figures& figures) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [key, f] : figures) list.push_back({{"key", key}, {"label", f.label}, {"pence", f.pence}});
  return {{"schema", "collab.figures"}, {"version", 1}, {"figures", std::move(list)}};
}

std::optional<Figures> figures_from_json(const nlohmann::json& document) {
  if (!document.is_object() || document.value("schema", "") != "collab.figures" || !document.contains("figures") ||
      !document["figures"].is_array())
    return std::nullopt;
  Figures out;
  for (const auto& f : document["figures"]) {
    if (!f.is_object() || !f.contains("key") || !f["key"].is_string() || !f.contains("pence") ||
        !f["pence"].is_number_integer())
      return std::nullopt;
    out[f["key"].get<std::string>()] = {f.value("label", ""), f["pence"].get<std::int64_t>()};
  }
  return out;
}

}  // namespace collab::run
