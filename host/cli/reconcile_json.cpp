// collab reconcile --format json: the document of docs/reconcile-json.md.
#include "cli/reconcile_json.h"

#include <lua.hpp>

#include "cli/explain_json.h"
#include "cli/reconcile_text.h"

namespace collab::cli {

namespace {

using nlohmann::json;

json optional_pence(const std::optional<Money>& m) { return m ? json(m->pence()) : json(nullptr); }

json ranges_json(const std::vector<ledger::PenceRange>& ranges) {
  json out = json::array();
  for (const auto& r : ranges)
    out.push_back({{"lowest_pence", r.lowest.pence()}, {"highest_pence", r.highest.pence()}});
  return out;
}

json process_json(const ledger::Process& p) {
  return {{"name", ledger::process_name(p)},
          {"budgets", p.budgets == ledger::Budgets::Pence ? "pence" : "whole-pounds"},
          {"halves", p.rounding == ledger::Halves::HalfUp ? "up" : "to-even"},
          {"totals", p.totals == ledger::Totals::RoundedAlone ? "rounded-alone" : "summed-cells"},
          {"text", process_words(p)}};
}

json number_json(const ledger::NumberCheck& n) {
  return {{"row", n.row},
          {"total_row", n.total_row},
          {"force", n.column ? json(*n.column) : json(nullptr)},
          {"published_pence", n.published.pence()},
          {"predicted_pence", n.predicted.pence()}};
}

json numbers_json(const std::vector<ledger::NumberCheck>& numbers) {
  json out = json::array();
  for (const auto& n : numbers) out.push_back(number_json(n));
  return out;
}

json candidate_json(const ledger::CandidateFit& c) {
  json budgets = json::array();
  for (std::size_t i = 0; i < c.budgets.size(); ++i) {
    json b{{"evaluated_at_pence", c.budgets[i].pence()}};
    if (i < c.budget_fits.size()) {
      const auto& f = c.budget_fits[i];
      b.update({{"row", f.row},
                {"data_pence", f.data_budget.pence()},
                {"feasible", ranges_json(f.feasible)},
                {"needs_pence", f.needs_pence},
                {"with_others_whole", ranges_json(f.with_others_whole)}});
    }
    budgets.push_back(std::move(b));
  }
  return {{"process", process_json(c.process)},
          {"reproduced", c.reproduced},
          {"published", c.published},
          {"exact", c.exact()},
          {"solved", c.solved},
          {"misses", numbers_json(c.misses)},
          {"budgets", budgets}};
}

json process_reconciliation_json(const ledger::ProcessReconciliation& p) {
  json candidates = json::array();
  for (const auto& c : p.candidates) candidates.push_back(candidate_json(c));
  const ledger::CandidateFit* whole = p.best_whole_pounds();
  return {{"published_numbers", p.published},
          {"best", p.best},
          {"whole_pounds_fit", whole != nullptr && whole->exact()},
          {"candidates", std::move(candidates)},
          {"unexplained", numbers_json(p.unexplained)}};
}

json cell_json(const ledger::CellCheck& c) {
  return {{"force", c.force.empty() ? json(nullptr) : json(c.force)},
          {"computed_pence", optional_pence(c.computed)},
          {"published_pence", optional_pence(c.published)},
          {"variance_pence", c.variance().pence()},
          {"matches", c.matches()},
          {"cause", cause_json(c)}};
}

json row_json(const ledger::RowCheck& row) {
  json cells = json::array();
  for (const auto& c : row.cells) cells.push_back(cell_json(c));
  return {{"label", row.label},
          {"unit", row.unit ? json(*row.unit) : json(nullptr)},
          {"kind", ledger::row_kind_name(row.kind)},
          {"total_row", row.total_row},
          {"where", row.where.str()},
          {"cells", std::move(cells)},
          {"total", row.total ? cell_json(*row.total) : json(nullptr)}};
}

}  // namespace

json reconcile_document(const std::filesystem::path& root, const ledger::Reconciliation& r) {
  json rows = json::array();
  for (const auto& row : r.rows) rows.push_back(row_json(row));
  return {{"schema", "collab.reconcile"},
          {"schema_version", kReconcileSchemaVersion},
          {"tool", {{"name", "collab"}, {"version", COLLAB_VERSION}, {"lua", LUA_RELEASE}}},
          {"inputs", input_digests(root)},
          {"year", r.year.str()},
          {"source", {{"document", r.source.document}, {"table", r.source.table}}},
          {"process", r.process ? process_reconciliation_json(*r.process) : json(nullptr)},
          {"process_error", r.process_error.empty() ? json(nullptr) : json(r.process_error)},
          {"summary",
           {{"cells", r.cells()},
            {"cells_matching", r.matching()},
            {"totals", r.totals()},
            {"totals_matching", r.totals_matching()},
            {"agreeing_with_cause", r.noted()},
            {"largest_variance_pence", r.largest_variance().pence()}}},
          {"rows", std::move(rows)}};
}

}  // namespace collab::cli
