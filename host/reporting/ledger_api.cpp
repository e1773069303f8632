#include "reporting/ledger_api.h"

#include <fmt/format.h>

#include <stdexcept>

#include "api/arguments.h"
#include "lua/guard.h"
#include "lua/host_state.h"

namespace collab::reporting {

namespace {

void set_integer(lua_State* L, const char* key, int64_t value) {
  lua_pushinteger(L, value);
  lua_setfield(L, -2, key);
}

void set_string(lua_State* L, const char* key, std::string_view value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, -2, key);
}

void push_row(lua_State* L, const ledger::LedgerRow& row) {
  lua_createtable(L, 0, 9);
  set_string(L, "unit", row.unit);
  set_string(L, "label", row.label);
  set_string(L, "kind", ledger::kind_name(row.kind));
  set_string(L, "formula", row.choice.id);
  set_integer(L, "budget", row.budget.pence());
  lua_pushboolean(L, row.failed() ? 1 : 0);
  lua_setfield(L, -2, "failed");
  if (!row.failed()) set_integer(L, "total", row.total().pence());
  lua_createtable(L, static_cast<int>(row.contributions.size()), 0);
  for (size_t i = 0; i < row.contributions.size(); ++i) {
    lua_pushstring(L, row.contributions[i].force.c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "participants");
  lua_createtable(L, 0, static_cast<int>(row.contributions.size()));
  for (const ledger::Contribution& c : row.contributions) set_integer(L, c.force.c_str(), c.amount().pence());
  lua_setfield(L, -2, "parts");
}

int ledger_of(lua_State* L) {
  const FinancialYear year = api::year_arg(L, 1);
  auto& services = *static_cast<Services*>(lua::exposed_context(L));
  Diagnostics problems;
  const ledger::Ledger* ledger = nullptr;
  if (services.ledger) {
    const lua::Budget::HostWorkScope host_work(lua::host_of(L).budget);  // the formulae's time is theirs
    ledger = services.ledger(year, problems);
  }
  if (ledger == nullptr) {
    std::string why = "no ledger for that year";
    if (!problems.items().empty()) {
      const Diagnostic& first = problems.items().front();
      why = first.hint.empty() ? first.message : fmt::format("{} ({})", first.message, first.hint);
    }
    throw std::runtime_error(fmt::format("the ledger of {} cannot be computed: {}", year.str(), why));
  }
  lua_createtable(L, 0, 4);
  set_string(L, "year", ledger->year.str());
  set_integer(L, "rounding_unit", ledger->rounding_unit.pence());
  lua_createtable(L, static_cast<int>(ledger->rows.size()), 0);
  for (size_t i = 0; i < ledger->rows.size(); ++i) {
    push_row(L, ledger->rows[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "rows");
  lua_createtable(L, 0, static_cast<int>(ledger->totals.size()));
  for (const ledger::ForceTotal& t : ledger->totals) {
    lua_createtable(L, 0, 3);
    set_integer(L, "cash", t.cash.pence());
    set_integer(L, "in_kind", t.in_kind.pence());
    set_integer(L, "all", t.all().pence());
    lua_setfield(L, -2, t.force.c_str());
  }
  lua_setfield(L, -2, "totals");
  return 1;
}

void push_lines(lua_State* L, const std::vector<std::string>& lines) {
  lua_createtable(L, static_cast<int>(lines.size()), 0);
  for (size_t i = 0; i < lines.size(); ++i) {
    lua_pushlstring(L, lines[i].data(), lines[i].size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

int reconcile_of(lua_State* L) {
  const FinancialYear year = api::year_arg(L, 1);
  auto& services = *static_cast<Services*>(lua::exposed_context(L));
  if (!services.reconcile) throw std::runtime_error("no reconciliation here");
  auto view = [&] {
    const lua::Budget::HostWorkScope host_work(lua::host_of(L).budget);  // the solver's time is not the script's
    return services.reconcile(year);
  }();
  if (!view) throw std::runtime_error(fmt::format("the reconciliation of {}: {}", year.str(), view.error()));
  const ReconcileView& v = view.value();
  lua_createtable(L, 0, 4);
  set_string(L, "source", v.source);
  push_lines(L, v.process);
  lua_setfield(L, -2, "process");
  push_lines(L, v.row_notes);
  lua_setfield(L, -2, "row_notes");
  lua_createtable(L, static_cast<int>(v.figures.size()), 0);
  for (size_t i = 0; i < v.figures.size(); ++i) {
    const ReconcileView::Figure& f = v.figures[i];
    lua_createtable(L, 0, 6);
    set_string(L, "row", f.row);
    set_string(L, "column", f.column);
    lua_pushboolean(L, f.total_row ? 1 : 0);
    lua_setfield(L, -2, "total_row");
    if (f.computed) set_integer(L, "computed", f.computed->pence());
    if (f.published) set_integer(L, "published", f.published->pence());
    set_string(L, "cause", f.cause);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "figures");
  lua_createtable(L, static_cast<int>(v.budgets.size()), 0);
  for (size_t i = 0; i < v.budgets.size(); ++i) {
    lua_createtable(L, 0, 4);
    set_string(L, "row", v.budgets[i].row);
    set_integer(L, "data", v.budgets[i].data.pence());
    set_string(L, "feasible", v.budgets[i].feasible);
    set_string(L, "with_others_whole", v.budgets[i].with_others_whole);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "budgets");
  return 1;
}

}  // namespace

void install_ledger_api(lua::Sandbox& sandbox, Services& services) {
  static const luaL_Reg kFunctions[] = {{"ledger", ledger_of}, {"reconcile", reconcile_of}};
  sandbox.expose("collab", kFunctions, &services);
}

}  // namespace collab::reporting
