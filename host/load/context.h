#pragma once
// What every table loader shares: the reader that records diagnostics, the
// model being built, and reference checks against what is already loaded.
// Files load in dependency order: sources, forces, collaborations, the rest.

#include <optional>
#include <string>

#include "load/field_reader.h"
#include "model/model.h"

namespace collab::load {

struct Context {
  FieldReader& read;
  Model& model;

  /// A `source` object; checks the document id. Required unless `need` says otherwise.
  std::optional<Source> source(const Node& parent, Need need = Need::Required, std::string_view key = "source");
  /// A force id at `value`; an unknown id (or an alias given for an id) is an error with a hint.
  std::optional<ForceId> force_ref(const Node& value);
  std::optional<ForceId> force_field(const Node& parent, std::string_view key, Need need = Need::Required);
  /// A collaboration id at `value`, which must already be loaded.
  std::optional<UnitId> unit_ref(const Node& value);
  std::optional<UnitId> unit_field(const Node& parent, std::string_view key, Need need = Need::Required);
  /// A map force id -> money, as in `"amounts": {"nottinghamshire": 126777533}`.
  std::map<ForceId, Money> force_amounts(const Node& object, MoneyUnit unit);
  /// The force whose name or alias is `name` (case-insensitive), if any.
  const Force* force_named(std::string_view name) const;
};

/// Any JSON value as a formula's or rule's parameters, every value keeping its line:column.
ParamValue read_param_value(const Node& node);

/// A `formula` entry: {"from"?, "id", "params"?}.
FormulaChoice read_formula_choice(const Node& node, Context& cx);

/// An optional `units` list of collaboration ids.
std::vector<UnitId> read_unit_list(const Node& parent, Context& cx);

void load_sources(const Node& root, Context& cx);
void load_forces(const Node& root, Context& cx);
void load_collaborations(const Node& root, Context& cx);
void load_budgets(const Node& root, Context& cx);
void load_contributions(const Node& root, Context& cx);
void load_savings(const Node& root, Context& cx);
void load_workforce(const Node& root, Context& cx);
void load_retained_resources(const Node& root, Context& cx);
void load_business_cases(const Node& root, Context& cx);
void load_innovation_fund(const Node& root, Context& cx);
void load_forecast(const Node& root, Context& cx);
void load_programme(const Node& root, Context& cx);
void load_cost_comparisons(const Node& root, Context& cx);
void load_governance(const Node& root, Context& cx);

}  // namespace collab::load
