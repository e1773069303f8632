#include "cli/explain_json.h"

#include <lua.hpp>

#include <algorithm>
#include <vector>

#include "cli/reconcile_text.h"
#include "core/sha256.h"
#include "scenario/step_params.h"

namespace collab::cli {

namespace {

using nlohmann::json;

json source_json(const Source& s) { return {{"document", s.document}, {"table", s.table}}; }

json force_json(const Model& model, const ForceId& id) {
  const Force* f = model.force(id);
  return {{"id", id}, {"name", f ? f->name : id}, {"short_name", f ? f->short_name : id}};
}

std::string text(Decimal d) { return decimal_text(d); }
std::string text(ExactWeight w) { return decimal_text(Decimal{w.units, w.scale}); }

}  // namespace

json cause_json(const ledger::CellCheck& cell) {
  if (!cell.cause) return nullptr;
  const ledger::Cause& c = *cell.cause;
  json out{{"kind", ledger::cause_name(c.kind)}, {"text", cause_text(cell)}};
  if (c.exact_share) out["exact_share_pence"] = c.exact_share->pence();
  if (c.unrounded_percent) out["unrounded_percent"] = text(*c.unrounded_percent);
  if (c.step) out["step"] = text(*c.step);
  if (c.kind == ledger::CauseKind::NotRounding) out["gap_pence"] = c.gap.pence();
  if (c.exact_sum) out["exact_sum_pence"] = c.exact_sum->pence();
  if (c.published_sum) out["published_sum_pence"] = c.published_sum->pence();
  if (c.half_up) out["half_up_pence"] = c.half_up->pence();
  if (c.half_even) out["half_even_pence"] = c.half_even->pence();
  if (!c.budget.empty()) {
    json ranges = json::array();
    for (const auto& r : c.budget) ranges.push_back({{"lowest_pence", r.lowest.pence()}, {"highest_pence", r.highest.pence()}});
    out["budget_pence"] = ranges;
  }
  return out;
}

namespace {

json published_json(const std::optional<ledger::PublishedFigure>& p) {
  if (!p) return nullptr;
  const ledger::CellCheck& cell = p->cell;
  return {{"amount_pence", cell.published ? json(cell.published->pence()) : json(nullptr)},
          {"variance_pence", cell.variance().pence()},
          {"matches", cell.matches()},
          {"cause", cause_json(cell)},
          {"row_label", p->row_label},
          {"source", source_json(p->source)},
          {"where", p->where.str()}};
}

}  // namespace

json input_digests(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  auto collect = [&](const std::filesystem::path& folder, const char* extension) {
    for (const auto& entry : std::filesystem::directory_iterator(root / folder, error))
      if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(folder / entry.path().filename());
  };
  collect("data", ".json");
  collect("scripts/formulae", ".lua");
  std::sort(files.begin(), files.end());
  json out = json::array();
  for (const auto& file : files) {
    auto digest = sha256_file(root / file);
    out.push_back({{"path", file.generic_string()}, {"sha256", digest ? json(*digest) : json(nullptr)}});
  }
  return out;
}


json explanation_json(const Model& model, const ledger::Explanation& e) {
  json out{{"type", "contribution"},
           {"unit", {{"id", e.unit}, {"name", e.unit_name}}},
           {"row_label", e.row_label},
           {"kind", ledger::kind_name(e.kind)},
           {"force", force_json(model, e.force)},
           {"takes_part", e.takes_part},
           {"amount_pence", e.amount.pence()},
           {"budget", {{"amount_pence", e.budget.pence()}, {"where", e.budget_where.str()}, {"source", source_json(e.budget_source)}}},
           {"participants",
            {{"from", e.participants_from.str()},
             {"forces", e.contributors},
             {"where", e.participants_where.str()},
             {"source", source_json(e.participants_source)}}},
           {"formula",
            {{"id", e.formula.id},
             {"title", e.formula.title},
             {"script", e.formula.chunk},
             {"params", json::parse(e.params)},
             {"chosen_by", e.region_default ? "region-default" : "unit"},
             {"where", e.choice_where.str()}}}};
  if (e.charged != Money{}) out["charged_pence"] = e.charged.pence();
  if (e.charge != Money{}) out["charge"] = {{"amount_pence", e.charge.pence()}, {"label", e.charge_label}};
  if (e.limit) {
    json limit{{"where", e.limit->where.str()}, {"moved_pence", e.limited.pence()}, {"round", e.limit_round}};
    if (e.limit->rise) limit["rise_percent"] = scenario::percent_text(*e.limit->rise);
    if (e.limit->fall) limit["fall_percent"] = scenario::percent_text(*e.limit->fall);
    out["limit"] = limit;
  }
  if (!e.takes_part) return out;
  json inputs = json::array();
  for (const auto& read : e.inputs)
    inputs.push_back({{"input", read.input},
                      {"force", read.force},
                      {"year", read.year.str()},
                      {"value", read.value},
                      {"unit", read.input == "population" ? "people" : "pence"},
                      {"source", read.source},
                      {"where", read.where.str()}});
  out["inputs"] = inputs;
  json weights = json::array();
  for (const auto& [id, w] : e.weights) {
    json item{{"force", id}, {"weight", text(w)}};
    if (auto why = e.why.find(id); why != e.why.end()) item["why"] = why->second;
    weights.push_back(item);
  }
  out["weights"] = weights;
  json share{{"weight", text(e.share.weight)},
             {"weight_sum", text(e.weight_sum)},
             {"percent", share_percent_text(e.share, 4)}};
  if (e.share.rounded) share["rounded_percent"] = text(*e.share.rounded);
  if (e.formula.round_shares) share["round_step"] = text(*e.formula.round_shares);
  out["share"] = share;
  out["exact_share"] = {{"apportioned_by", text(e.share.apportioned_by)},
                        {"apportioned_sum", text(e.apportioned_sum)},
                        {"numerator", int128_text(e.part.share_numerator)},
                        {"denominator", int128_text(e.part.share_denominator)},
                        {"pence", exact_share_pence(e.part).pence()},
                        {"pounds_4dp", exact_share_text(e.part, 4)}};
  out["rounding"] = {{"unit_pence", e.rounding_unit.pence()},
                     {"rounded_down_pence", e.part.rounded_down.pence()},
                     {"left_over_pence", e.left_over.pence()},
                     {"remainder_rank", e.part.remainder_rank},
                     {"participants", e.contributors.size()},
                     {"adjustment_pence", e.part.adjustment.pence()}};
  out["row_total_pence"] = e.row_total.pence();
  out["published"] = published_json(e.published);
  return out;
}

json total_explanation_json(const Model& model, const ledger::TotalExplanation& e) {
  json lines = json::array();
  for (const auto& line : e.lines)
    lines.push_back({{"unit", line.unit},
                     {"label", line.label},
                     {"kind", ledger::kind_name(line.kind)},
                     {"amount_pence", line.amount.pence()},
                     {"budget_where", line.budget_where.str()}});
  return {{"type", "total"},
          {"of", ledger::row_kind_name(e.of)},
          {"force", force_json(model, e.force)},
          {"rows", lines},
          {"not_computed", e.failed},
          {"amount_pence", e.total.pence()},
          {"published", published_json(e.published)}};
}

json explain_document(const std::filesystem::path& root, FinancialYear year, Money rounding_unit, json explanations) {
  return {{"schema", "collab.explain"},
          {"schema_version", kExplainSchemaVersion},
          {"tool", {{"name", "collab"}, {"version", COLLAB_VERSION}, {"lua", LUA_RELEASE}}},
          {"inputs", input_digests(root)},
          {"year", year.str()},
          {"rounding_unit_pence", rounding_unit.pence()},
          {"explanations", std::move(explanations)}};
}

}  // namespace collab::cli
