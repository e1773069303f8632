#include "api/inputs.h"

#include <fmt/format.h>

namespace collab::api {

namespace {

constexpr InputKind kInputs[] = {
    {"grant", "central grant (Police Core Settlement plus formula grant)", "pence",
     "add the year's table to \"central_grants\" in data/forces.json"},
    {"population", "resident population", "people",
     "add \"population\": {\"<year>\": <people>} to each force in data/forces.json"},
    {"nre", "net revenue expenditure", "pence",
     "add \"net_revenue_expenditure\": {\"<year>\": <pounds>} to each force in data/forces.json"},
};

}  // namespace

std::span<const InputKind> input_kinds() { return kInputs; }

const InputKind* find_input(std::string_view name) {
  for (const InputKind& k : kInputs)
    if (name == k.name) return &k;
  return nullptr;
}

std::string input_names() {
  std::string out;
  for (const InputKind& k : kInputs) out += (out.empty() ? "" : ", ") + std::string(k.name);
  return out;
}

std::optional<std::int64_t> lookup_value(const Model& model, const InputKind& input, const Force& force, FinancialYear year) {
  const std::string_view name = input.name;
  if (name == "grant") {
    for (const GrantTable& table : model.central_grants) {
      if (table.year != year) continue;
      auto it = table.amounts.find(force.id);
      if (it == table.amounts.end()) return std::nullopt;
      return it->second.pence();
    }
    return std::nullopt;
  }
  if (name == "population") {
    auto it = force.population.find(year);
    if (it == force.population.end()) return std::nullopt;
    return it->second;
  }
  if (name == "nre") {
    auto it = force.net_revenue_expenditure.find(year);
    if (it == force.net_revenue_expenditure.end()) return std::nullopt;
    return it->second.pence();
  }
  return std::nullopt;
}

std::optional<InputRead> lookup_input(const Model& model, const InputKind& input, const Force& force, FinancialYear year) {
  const std::string_view name = input.name;
  InputRead read{input.name, force.id, year, 0, {}, force.where};
  if (name == "grant") {
    for (const GrantTable& table : model.central_grants) {
      if (table.year != year) continue;
      auto it = table.amounts.find(force.id);
      if (it == table.amounts.end()) return std::nullopt;
      read.value = it->second.pence();
      read.source = fmt::format("{}, {}", table.source.document, table.source.table);
      read.where = table.where;
      return read;
    }
    return std::nullopt;
  }
  if (name == "population") {
    auto it = force.population.find(year);
    if (it == force.population.end()) return std::nullopt;
    read.value = it->second;
    read.source = "data/forces.json, population";
    return read;
  }
  if (name == "nre") {
    auto it = force.net_revenue_expenditure.find(year);
    if (it == force.net_revenue_expenditure.end()) return std::nullopt;
    read.value = it->second.pence();
    read.source = "data/forces.json, net_revenue_expenditure";
    return read;
  }
  return std::nullopt;
}

}  // namespace collab::api
