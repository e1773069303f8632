#pragma once
// The figures a run computes, each under a stable key: every contribution of every force to every
// budget line, every line's budget and every force's totals, for the data and for each scenario,
// year by year. What expectations pin and what the change summary compares between two runs.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "ledger/ledger.h"

namespace collab::run {

/// The baseline's name in a key: the data as loaded.
inline constexpr const char* kData = "data";

struct Figure {
  std::string label;   // "2016/17 EMSOU SOC: Notts cash" (a scenario's prefixed with its id)
  std::int64_t pence = 0;
};

/// By key, so every listing is in a stable order.
using Figures = std::map<std::string, Figure>;

/// "<scenario>/<year>/<unit>/<force>/<kind>": "data/2016-17/emsou-soc/notts/cash". A line's budget
/// has the force "budget"; a force's totals the unit "total" and the kind cash, in_kind or all.
std::string figure_key(const std::string& scenario, FinancialYear year, const std::string& unit, const std::string& force,
                       const std::string& kind);

/// Adds every computed figure of `ledger` (failed rows have none) under `scenario`.
void add_ledger_figures(const std::string& scenario, const ledger::Ledger& ledger, Figures& figures);

/// Adds the data's savings figures: each unit's annual saving against its baseline
/// ("data/savings/<unit>/baseline/annual", by label when it names no unit) and each year's target
/// and actual ("data/<year>/savings/region/target", ".../actual").
void add_savings_figures(const Model& model, Figures& figures);

/// {"schema": "collab.figures", "version": 1, "figures": [{"key", "label", "pence"}...]} in key order.
nlohmann::json figures_json(const Figures& figures);
/// The figures of figures_json's document, or nullopt if it is not one.
std::optional<Figures> figures_from_json(const nlohmann::json& document);

}  // namespace collab::run
