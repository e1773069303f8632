#include "load/context.h"

#include <fmt/format.h>


namespace collab::load {


std::optional<Source> Context::source(const Node& parent, Need need, std::string_view key) {
  auto node = read.object(parent, key, need);
  if (!node) return std::nullopt;
  read.known_fields(*node, {"document", "table", "note"});
  auto document = read.text(*node, "document");
  auto table = read.text(*node, "table");
  auto note = read.text(*node, "note", Need::Optional);
  if (!document || !table) return std::nullopt;
  if (!model.document(*document)) {
    std::string known;
    for (const auto& d : model.documents) known += (known.empty() ? "" : ", ") + d.id;
    read.error(node->child("document"), fmt::format("unknown document '{}'", *document),
               "documents are listed in data/sources.json: " + known);
    return std::nullopt;
  }
  return Source{*document, *table, note.value_or("")};
}

const Force* Context::force_named(std::string_view name) const { return model.find_force(name); }

std::optional<ForceId> Context::force_ref(const Node& value) {
  if (!value.json().is_string()) {
    read.error(value, "a force must be given by its id, as a string");
    return std::nullopt;
  }
  auto id = value.json().get<std::string>();
  if (model.force(id)) return id;
  std::string hint;
  if (const Force* f = force_named(id)) {
    hint = fmt::format("did you mean '{}'? ('{}' is a name of that force, not its id)", f->id, id);
  } else {
    for (const auto& force : model.forces) hint += (hint.empty() ? "forces of the region: " : ", ") + force.id;
  }
  read.error(value, fmt::format("unknown force '{}': not a force of the region", id), hint);
  return std::nullopt;
}

std::optional<ForceId> Context::force_field(const Node& parent, std::string_view key, Need need) {
  if (!parent.has(key)) {
    if (need == Need::Required) read.error(parent, fmt::format("missing field '{}'", key), "give a force id");
    return std::nullopt;
  }
  if (parent.child(key).json().is_null() && need == Need::Optional) return std::nullopt;
  return force_ref(parent.child(key));
}

std::optional<UnitId> Context::unit_ref(const Node& value) {
  if (!value.json().is_string()) {
    read.error(value, "a unit must be given by its id, as a string");
    return std::nullopt;
  }
  auto id = value.json().get<std::string>();
  if (model.collaboration(id)) return id;
  read.error(value, fmt::format("unknown unit '{}'", id), "units are the ids in data/collaborations.json");
  return std::nullopt;
}

std::optional<UnitId> Context::unit_field(const Node& parent, std::string_view key, Need need) {
  if (!parent.has(key)) {
    if (need == Need::Required) read.error(parent, fmt::format("missing field '{}'", key), "give a unit id");
    return std::nullopt;
  }
  if (parent.child(key).json().is_null() && need == Need::Optional) return std::nullopt;
  return unit_ref(parent.child(key));
}

std::map<ForceId, Money> Context::force_amounts(const Node& object, MoneyUnit unit) {
  std::map<ForceId, Money> out;
  for (const auto& [key, value] : object.members()) {
    if (!model.force(key)) {
      const Force* f = force_named(key);
      read.error(value, fmt::format("unknown force '{}': not a force of the region", key),
                 f ? fmt::format("did you mean '{}'?", f->id) : "use a force id from data/forces.json");
      continue;
    }
    if (auto m = read.money_value(value, unit)) out[key] = *m;
  }
  return out;
}

}  // namespace collab::load
