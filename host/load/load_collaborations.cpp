// data/collaborations.json: every collaboration, its status, participants by
// year, leads and the claims about when it was established.

#include <fmt/format.h>

#include <algorithm>

#include "load/context.h"

namespace collab::load {
namespace {

std::optional<Status> read_status(const Node& node, Context& cx) {
  cx.read.known_fields(node, {"state", "stage", "rationale", "year", "source"});
  auto state = cx.read.text(node, "state");
  if (!state) return std::nullopt;
  Status status;
  status.source = cx.source(node, Need::Optional);
  if (*state == "live") {
    status.kind = StatusKind::Live;
  } else if (*state == "proposed") {
    status.kind = StatusKind::Proposed;
    status.stage = cx.read.text(node, "stage").value_or("");
    static const char* stages[] = {"scoping", "outline business case", "full business case"};
    if (!status.stage.empty() && std::find(std::begin(stages), std::end(stages), status.stage) == std::end(stages))
      cx.read.error(node.child("stage"), fmt::format("unknown stage '{}'", status.stage),
                    "stages: scoping, outline business case, full business case");
  } else if (*state == "not progressed") {
    status.kind = StatusKind::NotProgressed;
    status.rationale = cx.read.text(node, "rationale").value_or("");
  } else if (*state == "withdrawn") {
    status.kind = StatusKind::Withdrawn;
    status.year = cx.read.year(node, "year", Need::Optional);
  } else {
    cx.read.error(node.child("state"), fmt::format("unknown state '{}'", *state),
                  "states: live, proposed, not progressed, withdrawn");
    return std::nullopt;
  }
  return status;
}

void read_participants(const Node& list, Collaboration& unit, Context& cx) {
  for (const Node& item : list.items()) {
    cx.read.known_fields(item, {"from", "forces", "count", "note", "why", "source"});
    auto from = cx.read.year(item, "from");
    auto source = cx.source(item);
    if (!from || !source) continue;
    ParticipationPeriod period{*from, std::nullopt, std::nullopt, cx.read.text(item, "note", Need::Optional).value_or(""),
                               cx.read.text(item, "why", Need::Optional).value_or(""), *source, item.where()};
    if (auto forces = cx.read.array(item, "forces", Need::Optional)) {
      std::vector<ForceId> ids;
      for (const Node& f : forces->items()) {
        auto id = cx.force_ref(f);
        if (!id) continue;
        if (std::find(ids.begin(), ids.end(), *id) != ids.end())
          cx.read.error(f, fmt::format("'{}' is listed twice", *id));
        else ids.push_back(*id);
      }
      period.forces = std::move(ids);
    } else if (auto count = cx.read.count(item, "count", Need::Optional)) {
      period.count = static_cast<int>(*count);
      if (*count > static_cast<int64_t>(cx.model.forces.size()))
        cx.read.error(item.child("count"), fmt::format("{} participants, but the region has {} forces", *count,
                                                       cx.model.forces.size()));
    } else {
      cx.read.error(item, "a participation period needs 'forces' (ids) or, where they are unknown, 'count'");
    }
    if (!unit.participants.empty() && !(unit.participants.back().from < period.from))
      cx.read.error(item.child("from"), fmt::format("participation periods must be in year order: {} after {}",
                                                    period.from.str(), unit.participants.back().from.str()));
    unit.participants.push_back(std::move(period));
  }
}

Leads read_leads(const Node& node, Context& cx) {
  cx.read.known_fields(node, {"pcc", "chief_officer", "operational", "finance", "source"});
  Leads leads;
  leads.pcc = cx.force_field(node, "pcc", Need::Optional);
  leads.chief_officer = cx.read.text(node, "chief_officer", Need::Optional).value_or("");
  leads.operational = cx.read.text(node, "operational", Need::Optional).value_or("");
  leads.finance = cx.force_field(node, "finance", Need::Optional);
  leads.source = cx.source(node, Need::Optional);
  return leads;
}

std::optional<Claim<PartialDate>> read_claim(const Node& node, Context& cx) {
  cx.read.known_fields(node, {"value", "source", "note"});
  auto value = cx.read.date(node, "value");
  auto source = cx.source(node);
  if (!value || !source) return std::nullopt;
  return Claim<PartialDate>{*value, node.child("value").json().get<std::string>(), *source,
                            cx.read.text(node, "note", Need::Optional).value_or("")};
}

std::optional<Claimed<PartialDate>> read_established(const Node& node, Context& cx) {
  Claimed<PartialDate> out;
  out.where = node.where();
  if (!node.has("claims")) {  // a single claim: {"value", "source"}
    auto claim = read_claim(node, cx);
    if (!claim) return std::nullopt;
    out.value = claim->value;
    out.claims.push_back(*claim);
    return out;
  }
  cx.read.known_fields(node, {"use", "why", "claims"});
  auto use = cx.read.date(node, "use");
  out.why = cx.read.text(node, "why", Need::Optional).value_or("");
  if (auto claims = cx.read.array(node, "claims"))
    for (const Node& c : claims->items())
      if (auto claim = read_claim(c, cx)) out.claims.push_back(*claim);
  if (!use) return std::nullopt;
  out.value = *use;
  bool matches = std::any_of(out.claims.begin(), out.claims.end(), [&](const auto& c) { return c.value == *use; });
  if (!matches) {
    cx.read.error(node.child("use"), fmt::format("'use' is {}, which no claim states", use->str()),
                  "'use' must be the value of one of the claims");
    return std::nullopt;
  }
  return out;
}

void read_collaboration(const Node& item, Context& cx) {
  cx.read.known_fields(item, {"id", "name", "short_name", "aliases", "parent", "portfolio", "section22", "status",
                              "participants", "lead_force", "host_services", "leads", "established", "formula",
                              "comments", "source"});
  // A unit with errors is still registered (the model is discarded anyway), so
  // references to it elsewhere do not cascade into errors of their own.
  auto id = cx.read.id(item, "id");
  auto name = cx.read.text(item, "name");
  if (!id) return;
  Collaboration unit;
  unit.id = *id;
  unit.name = name.value_or(*id);
  unit.where = item.where();
  unit.short_name = cx.read.text(item, "short_name", Need::Optional).value_or(unit.name);
  unit.aliases = cx.read.texts(item, "aliases");
  unit.parent = cx.read.id(item, "parent", Need::Optional);
  unit.portfolio = cx.read.text(item, "portfolio", Need::Optional).value_or("");
  auto s22 = cx.read.text(item, "section22", Need::Optional).value_or("regional");
  if (s22 == "national") unit.section22 = Section22::National;
  else if (s22 != "regional")
    cx.read.error(item.child("section22"), fmt::format("section22 must be \"regional\" or \"national\", not '{}'", s22));
  if (auto status = cx.read.object(item, "status"))
    if (auto s = read_status(*status, cx)) unit.status = *s;
  if (auto list = cx.read.array(item, "participants", Need::Optional)) read_participants(*list, unit, cx);
  unit.lead_force = cx.force_field(item, "lead_force", Need::Optional);
  if (auto services = cx.read.object(item, "host_services", Need::Optional))
    for (const auto& [force, list] : services->members()) {
      if (!cx.model.force(force)) cx.read.error(list, fmt::format("unknown force '{}': not a force of the region", force));
      else unit.host_services[force] = cx.read.texts(*services, force, Need::Required);
    }
  if (auto leads = cx.read.object(item, "leads", Need::Optional)) unit.leads = read_leads(*leads, cx);
  if (auto established = cx.read.object(item, "established", Need::Optional))
    unit.established = read_established(*established, cx);
  if (auto formula = cx.read.array(item, "formula", Need::Optional))
    for (const Node& f : formula->items()) unit.formula.push_back(read_formula_choice(f, cx));
  unit.comments = cx.read.text(item, "comments", Need::Optional).value_or("");
  unit.source = cx.source(item, Need::Optional);
  if (cx.model.collaboration(unit.id)) {
    cx.read.error(item.child("id"), fmt::format("duplicate collaboration id '{}'", unit.id));
    return;
  }
  cx.model.collaborations.push_back(std::move(unit));
}

}  // namespace

void load_collaborations(const Node& root, Context& cx) {
  cx.read.known_fields(root, {"collaborations"});
  auto list = cx.read.array(root, "collaborations");
  if (!list) return;
  for (const Node& item : list->items()) read_collaboration(item, cx);
  // Parents may come later in the file, so they are checked once all are read.
  for (const Node& item : list->items()) {
    if (!item.has("parent") || !item.child("parent").json().is_string()) continue;
    auto parent = item.child("parent").json().get<std::string>();
    if (!cx.model.collaboration(parent))
      cx.read.error(item.child("parent"), fmt::format("unknown parent collaboration '{}'", parent));
  }
}

}  // namespace collab::load
