#pragma once
// Loading data/scenarios/*.json with the project's JSON loader: every fault an error at its
// line:column (an unknown field with the nearest known one, a malformed year, a step before the
// data's first budgeted year, a baseline that is unknown or part of a cycle). Rules and their
// parameters are checked later, by the rule library, which knows what each rule declares.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "load/field_reader.h"
#include "model/model.h"
#include "scenario/scenario.h"

namespace collab::scenario {

/// Loads every `root`/data/scenarios/*.json, in name order; the errors name
/// "data/scenarios/<file>:line:column". A scenario with errors is kept with the steps that could
/// be read (so their rules are checked in the same pass) unless it has no usable id: any error
/// means the scenarios must not be used. No folder means no scenarios.
std::vector<Scenario> load_scenarios(const std::filesystem::path& root, const Model& model, Diagnostics& diagnostics);

/// Parses one scenario file's text (`display` names it in diagnostics, `stem` is the id it
/// must have). Returns nothing only when it has no usable id.
std::optional<Scenario> parse_scenario(const std::string& display, const std::string& stem, std::string text,
                                       const Model& model, Diagnostics& diagnostics);

/// Checks that each scenario's baseline is "data" or a loaded scenario and that no chain of
/// baselines comes back to where it started; each fault is an error at the "baseline" value.
/// Scenarios with a bad baseline are removed from `scenarios`.
void check_baselines(std::vector<Scenario>& scenarios, Diagnostics& diagnostics);

/// `diagnostics` with the source line added under each one that points at a line of a scenario
/// file but has none (the checks made after loading: rules, parameters, refused steps).
Diagnostics with_scenario_excerpts(const std::filesystem::path& root, const Diagnostics& diagnostics);

/// The nearest of `candidates` to `typed` (a likely typo: at most 2 edits, or a prefix), or "".
std::string nearest_name(std::string_view typed, const std::vector<std::string>& candidates);

/// An unknown field of `object` is an error here (a scenario or a sweep with a misspelt "steps"
/// would silently change nothing), with the nearest known field as the hint; false if any.
bool known_fields_only(load::FieldReader& read, const load::Node& object, const std::vector<std::string_view>& known,
                       const char* what);

}  // namespace collab::scenario
