#pragma once
// The figures a formula can weigh forces by, in one table: what `inputs = {"grant"}` may name.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "api/api.h"

namespace collab::api {

struct InputKind {
  const char* name;         // as a formula declares it: "grant"
  const char* description;  // "central grant (Police Core Settlement plus formula grant)"
  const char* unit;         // "pence" or "people"
  const char* data_hint;    // where the data would go, for the error when it is missing
};

std::span<const InputKind> input_kinds();
const InputKind* find_input(std::string_view name);
/// "grant, population, nre"
std::string input_names();

/// The figure `input` gives `force` in `year`, with its provenance; nullopt when the data has none.
/// The same figure alone, without its provenance (no strings built): for sweeps.
std::optional<std::int64_t> lookup_value(const Model& model, const InputKind& input, const Force& force, FinancialYear year);
std::optional<InputRead> lookup_input(const Model& model, const InputKind& input, const Force& force, FinancialYear year);

}  // namespace collab::api
