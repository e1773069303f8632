// The Lua side of Draft: each C function follows lua/guard.h (exposed, so wrapped by the
// trampoline; std::exception becomes a Lua error; no catch (...)).

#include "scenario/draft_api.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "api/arguments.h"
#include "core/text.h"
#include "lua/guard.h"
#include "money/percent.h"

namespace collab::scenario {

namespace {

constexpr int kMaxParamDepth = 16;
// How many values formula parameters from a rule may hold in all: the host copies them out of
// Lua, so they are bounded apart from the state's memory.
constexpr std::size_t kMaxParamValues = 10'000;

RuleContext& context_of(lua_State* L) { return *static_cast<RuleContext*>(lua::exposed_context(L)); }

Draft& draft_of(lua_State* L) {
  if (!lua_istable(L, 1))
    lua::raise_arg_error(L, 1, "the model expected: call it as a method, model:name(...)");
  Draft* d = context_of(L).draft;
  if (d == nullptr) throw std::runtime_error("the model can be used only inside a rule's apply function");
  return *d;
}

// Runs an edit; a refusal is kept in the context (so the host reports it at the step) and raised.
template <class Edit>
int edit(lua_State* L, Edit&& body) {
  Draft& draft = draft_of(L);
  std::string refused;
  try {
    return body(draft);
  } catch (const RefusedEdit& e) {
    refused = e.what();
  }
  if (context_of(L).refused.empty()) context_of(L).refused = refused;
  throw std::runtime_error(refused);
}

std::string id_at(lua_State* L, int arg, const char* what) {
  if (lua_type(L, arg) != LUA_TSTRING) lua::raise_type_error(L, arg, fmt::format("{} id (string)", what));
  return api::name_at(L, arg, what);
}

void push_ids(lua_State* L, const std::vector<std::string>& ids) {
  lua_createtable(L, static_cast<int>(ids.size()), 0);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    lua_pushlstring(L, ids[i].data(), ids[i].size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

// Field `key` of the table at `t` (raw) as pence, or nullopt when nil.
std::optional<Money> pence_field(lua_State* L, int t, const char* key) {
  lua_pushstring(L, key);
  const int type = lua_rawget(L, t);
  std::optional<Money> out;
  if (type != LUA_TNIL) {
    int is_integer = 0;
    const lua_Integer pence = lua_tointegerx(L, -1, &is_integer);
    if (type != LUA_TNUMBER)
      throw std::runtime_error(fmt::format("'{}' must be whole pence (an integer), got {}", key, lua_typename(L, type)));
    if (!is_integer)
      throw std::runtime_error(fmt::format("'{}': {}", key, api::not_pence_reason(lua_tonumber(L, -1))));
    out = Money::from_pence(pence);
  }
  lua_pop(L, 1);
  return out;
}

std::string string_field(lua_State* L, int t, const char* key, bool required) {
  lua_pushstring(L, key);
  const int type = lua_rawget(L, t);
  std::string out = type == LUA_TSTRING ? api::name_at(L, -1, key) : "";
  lua_pop(L, 1);
  if ((type != LUA_TNIL || required) && type != LUA_TSTRING)
    throw std::runtime_error(fmt::format("'{}' must be a string, got {}", key, lua_typename(L, type)));
  return out;
}

// A Lua value as formula parameters (a table with string keys, a list, or a scalar); `left`
// counts down the values still allowed.
ParamValue param_from_lua(lua_State* L, int index, int depth, std::size_t& left) {
  index = lua_absindex(L, index);
  if (depth > kMaxParamDepth) throw std::runtime_error("formula parameters nested too deeply");
  if (left-- == 0) throw std::runtime_error(fmt::format("formula parameters hold more than {} values", kMaxParamValues));
  luaL_checkstack(L, 3, "formula parameters nested too deeply");
  ParamValue v;
  switch (lua_type(L, index)) {
    case LUA_TSTRING: v.type = ParamValue::Type::String; v.text = api::string_at(L, index); return v;
    case LUA_TBOOLEAN: v.type = ParamValue::Type::Boolean; v.boolean = lua_toboolean(L, index) != 0; return v;
    case LUA_TNUMBER:
      if (lua_isinteger(L, index)) {
        v.type = ParamValue::Type::Integer;
        v.integer = lua_tointeger(L, index);
      } else {
        v.type = ParamValue::Type::Number;
        v.number = lua_tonumber(L, index);
      }
      return v;
    case LUA_TTABLE: break;
    default: throw std::runtime_error(fmt::format("a formula parameter cannot be a {}", luaL_typename(L, index)));
  }
  const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, index));
  if (n > 0) {
    v.type = ParamValue::Type::Array;
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_rawgeti(L, index, i);
      v.items.push_back(param_from_lua(L, -1, depth + 1, left));
      lua_pop(L, 1);
    }
    return v;
  }
  v.type = ParamValue::Type::Object;
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    if (lua_type(L, -2) != LUA_TSTRING) throw std::runtime_error("formula parameters must have string keys");
    std::string key = api::name_at(L, -2, "parameter");
    v.members.push_back({std::move(key), param_from_lua(L, -1, depth + 1, left)});
    lua_pop(L, 1);
  }
  // Sorted by key (ParamValue's invariant), read through bindings so any key/value member shape works.
  std::sort(v.members.begin(), v.members.end(), [](const auto& a, const auto& b) {
    const auto& [key_a, value_a] = a;
    const auto& [key_b, value_b] = b;
    return key_a < key_b;
  });
  return v;
}

int years(lua_State* L) {
  std::vector<std::string> out;
  for (FinancialYear y : draft_of(L).years()) out.push_back(y.str());
  push_ids(L, out);
  return 1;
}

int from(lua_State* L) {
  const std::string text = draft_of(L).step_from().str();
  lua_pushlstring(L, text.data(), text.size());
  return 1;
}

int participants(lua_State* L) {
  return edit(L, [&](Draft& d) {
    push_ids(L, d.participants(id_at(L, 2, "unit"), api::year_arg(L, 3)));
    return 1;
  });
}

int budget_units(lua_State* L) {
  push_ids(L, draft_of(L).budget_units(api::year_arg(L, 2)));
  return 1;
}

int budget(lua_State* L) {
  return edit(L, [&](Draft& d) {
    auto b = d.budget(id_at(L, 2, "unit"), api::year_arg(L, 3));
    if (!b) {
      lua_pushnil(L);
      return 1;
    }
    lua_createtable(L, 0, 2);
    for (const auto& [key, amount] : {std::pair{"cash", b->cash}, std::pair{"in_kind", b->in_kind}}) {
      if (!amount) continue;
      lua_pushinteger(L, amount->pence());
      lua_setfield(L, -2, key);
    }
    return 1;
  });
}

int set_budget(lua_State* L) {
  return edit(L, [&](Draft& d) {
    const std::string unit = id_at(L, 2, "unit");
    const FinancialYear year = api::year_arg(L, 3);
    if (!lua_istable(L, 4) && !lua_isnil(L, 4)) lua::raise_type_error(L, 4, "table {cash = pence, in_kind = pence}");
    BudgetAmounts amounts;
    if (lua_istable(L, 4)) {
      amounts.cash = pence_field(L, 4, "cash");
      amounts.in_kind = pence_field(L, 4, "in_kind");
    }
    d.set_budget(unit, year, amounts);
    return 0;
  });
}

int grant(lua_State* L) {
  return edit(L, [&](Draft& d) {
    auto g = d.grant(id_at(L, 2, "force"), api::year_arg(L, 3));
    if (g) lua_pushinteger(L, g->pence());
    else lua_pushnil(L);
    return 1;
  });
}

int set_grant(lua_State* L) {
  return edit(L, [&](Draft& d) {
    const std::string force = id_at(L, 2, "force");
    const FinancialYear year = api::year_arg(L, 3);
    d.set_grant(force, year, api::money_arg(L, 4));
    return 0;
  });
}

int withdraw(lua_State* L) {
  return edit(L, [&](Draft& d) {
    d.withdraw(id_at(L, 2, "force"), id_at(L, 3, "unit"), api::year_arg(L, 4));
    return 0;
  });
}

int join(lua_State* L) {
  return edit(L, [&](Draft& d) {
    d.join(id_at(L, 2, "force"), id_at(L, 3, "unit"), api::year_arg(L, 4));
    return 0;
  });
}

int set_formula(lua_State* L) {
  return edit(L, [&](Draft& d) {
    const std::string unit = id_at(L, 2, "unit");
    const FinancialYear year = api::year_arg(L, 3);
    const std::string id = id_at(L, 4, "formula");
    ParamValue params;
    if (!lua_isnoneornil(L, 5)) {
      if (!lua_istable(L, 5)) lua::raise_type_error(L, 5, "table of formula parameters");
      std::size_t left = kMaxParamValues;
      params = param_from_lua(L, 5, 0, left);
      if (!params.is_object()) params = ParamValue{};  // an empty table reads as an empty list
    }
    d.set_formula(unit, year, id, std::move(params));
    return 0;
  });
}

int add_unit(lua_State* L) {
  return edit(L, [&](Draft& d) {
    if (!lua_istable(L, 2)) lua::raise_type_error(L, 2, "table {id =, name =, participants =, from =}");
    NewUnit unit;
    unit.id = string_field(L, 2, "id", true);
    unit.name = string_field(L, 2, "name", false);
    lua_pushliteral(L, "from");
    lua_rawget(L, 2);
    auto year = lua_type(L, -1) == LUA_TSTRING ? FinancialYear::parse(api::view_at(L, -1))
                                               : Result<FinancialYear>(fail("'from' must be a year such as \"2017/18\""));
    lua_pop(L, 1);
    if (!year) throw std::runtime_error(year.error());
    unit.from = year.value();
    lua_pushliteral(L, "participants");
    if (lua_rawget(L, 2) != LUA_TTABLE) throw std::runtime_error("'participants' must be a list of force ids");
    const auto n = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i <= n; ++i) {
      if (lua_rawgeti(L, -1, i) != LUA_TSTRING) throw std::runtime_error("'participants' must be a list of force ids");
      unit.participants.push_back(api::name_at(L, -1, "force"));
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
    d.add_unit(unit);
    return 0;
  });
}

// Field `key` of the table at `t` (raw) as a percentage ("-5%", "2.5"; a whole number), or nullopt.
std::optional<Percent> percent_field(lua_State* L, int t, const char* key) {
  lua_pushstring(L, key);
  const int type = lua_rawget(L, t);
  std::optional<Percent> out;
  if (type == LUA_TSTRING) {
    auto parsed = parse_percent(api::view_at(L, -1));
    if (!parsed) throw std::runtime_error(fmt::format("'{}': {}", key, parsed.error()));
    out = parsed.value();
  } else if (type == LUA_TNUMBER && lua_isinteger(L, -1) && std::abs(lua_tointeger(L, -1)) <= 1'000'000) {
    out = Percent::from_units(lua_tointeger(L, -1) * Percent::kUnitsPerPercent);
  } else if (type != LUA_TNIL) {
    throw std::runtime_error(fmt::format("'{}' must be a percentage as text (\"5%\") or a whole number", key));
  }
  lua_pop(L, 1);
  return out;
}

int integer_field(lua_State* L, int t, const char* key, int fallback) {
  lua_pushstring(L, key);
  const int type = lua_rawget(L, t);
  int out = fallback;
  if (type != LUA_TNIL) {
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > 1000)
      throw std::runtime_error(fmt::format("'{}' must be a whole number from 1 to 1000", key));
    out = static_cast<int>(lua_tointeger(L, -1));
  }
  lua_pop(L, 1);
  return out;
}

// model:charge(unit, year, {force =, amount = pence, label =, kind =, share_year =, share =,
// instalment =, instalments =})
int charge(lua_State* L) {
  return edit(L, [&](Draft& d) {
    const std::string unit = id_at(L, 2, "unit");
    const FinancialYear year = api::year_arg(L, 3);
    if (!lua_istable(L, 4)) lua::raise_type_error(L, 4, "table {force =, amount =, label =, ...}");
    Charge c;
    c.force = string_field(L, 4, "force", true);
    c.label = string_field(L, 4, "label", false);
    if (c.label.empty()) c.label = "a charge";
    auto amount = pence_field(L, 4, "amount");
    if (!amount) throw std::runtime_error("'amount' (pence) is required");
    c.amount = *amount;
    const std::string kind = string_field(L, 4, "kind", false);
    if (!kind.empty() && kind != "cash" && kind != "in_kind")
      throw std::runtime_error("'kind' must be \"cash\" or \"in_kind\"");
    c.kind = kind == "in_kind" ? ContributionKind::InKind : ContributionKind::Cash;
    const std::string share_year = string_field(L, 4, "share_year", false);
    if (!share_year.empty()) {
      auto y = FinancialYear::parse(share_year);
      if (!y) throw std::runtime_error(fmt::format("'share_year': {}", y.error()));
      c.share_year = y.value();
    }
    c.share = percent_field(L, 4, "share");
    if (c.share && c.share_year) throw std::runtime_error("give 'share' or 'share_year', not both");
    c.instalments = integer_field(L, 4, "instalments", 1);
    c.instalment = integer_field(L, 4, "instalment", 1);
    d.add_charge(unit, year, std::move(c));
    return 0;
  });
}

// model:limit_change(unit, from, {rise = "5%", fall = "5%"})
int limit_change(lua_State* L) {
  return edit(L, [&](Draft& d) {
    const std::string unit = id_at(L, 2, "unit");
    const FinancialYear year = api::year_arg(L, 3);
    if (!lua_istable(L, 4)) lua::raise_type_error(L, 4, "table {rise = \"5%\", fall = \"5%\"}");
    d.limit_change(unit, year, percent_field(L, 4, "rise"), percent_field(L, 4, "fall"));
    return 0;
  });
}

Percent percent_arg(lua_State* L, int arg) {
  if (lua_type(L, arg) == LUA_TSTRING) {
    auto parsed = parse_percent(api::view_at(L, arg));
    if (!parsed) lua::raise_arg_error(L, arg, parsed.error());
    return parsed.value();
  }
  if (lua_isinteger(L, arg)) {
    const lua_Integer whole = lua_tointeger(L, arg);
    if (whole < -1'000'000 || whole > 1'000'000) lua::raise_arg_error(L, arg, "a percentage from -1000000 to 1000000 expected");
    return Percent::from_units(whole * Percent::kUnitsPerPercent);
  }
  lua::raise_arg_error(L, arg, fmt::format("a percentage as a string (\"-5%\", \"2.5\") or a whole number expected, got {}",
                                           lua_type(L, arg) == LUA_TNUMBER ? "a float (not exact)" : luaL_typename(L, arg)));
}

// collab.whatif.percent_of(pence, percent): that percentage of the amount, half up to the penny.
int percent_of(lua_State* L) {
  const Money amount = api::money_arg(L, 1);
  const Percent percent = percent_arg(L, 2);
  lua_pushinteger(L, mul_div(amount, percent.units(), 100 * Percent::kUnitsPerPercent, Rounding::HalfUp).pence());
  return 1;
}

// collab.whatif.change(pence, percent): exact, half up to the penny.
int change(lua_State* L) {
  const Money amount = api::money_arg(L, 1);
  lua_pushinteger(L, change_by_percent(amount, percent_arg(L, 2)).pence());
  return 1;
}

}  // namespace

Money change_by_percent(Money amount, Percent percent) {
  constexpr int64_t kWhole = 100 * Percent::kUnitsPerPercent;
  return mul_div(amount, kWhole + percent.units(), kWhole, Rounding::HalfUp);
}

void install_draft_api(lua::Sandbox& sandbox, RuleContext& context) {
  static const luaL_Reg kDraft[] = {
      {"years", years},         {"from", from},     {"participants", participants}, {"budget_units", budget_units},
      {"budget", budget},       {"set_budget", set_budget}, {"grant", grant},       {"set_grant", set_grant},
      {"withdraw", withdraw},   {"join", join},     {"set_formula", set_formula},   {"add_unit", add_unit},
      {"charge", charge},       {"limit_change", limit_change},
  };
  sandbox.expose("collab.draft", kDraft, &context);
  static const luaL_Reg kWhatif[] = {{"change", change}, {"percent_of", percent_of}};
  sandbox.expose("collab.whatif", kWhatif, &context);
}

}  // namespace collab::scenario
