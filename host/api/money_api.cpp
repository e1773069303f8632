#include "api/money_api.h"

#include <fmt/format.h>

#include "api/arguments.h"
#include "calc/decimal.h"
#include "lua/guard.h"

namespace collab::api {

namespace {

Decimal decimal_arg(lua_State* L, int arg, std::string_view what) {
  if (lua_type(L, arg) != LUA_TNUMBER) lua::raise_type_error(L, arg, "number");
  auto d = decimal_from_double(lua_tonumber(L, arg));
  if (!d) lua::raise_arg_error(L, arg, fmt::format("{} is {}", what, d.error()));
  return d.value();
}

Decimal step_arg(lua_State* L, int arg) {
  const Decimal step = decimal_arg(L, arg, "the step");
  if (step.units <= 0) lua::raise_arg_error(L, arg, "the step must be above zero");
  return step;
}

void push_decimal(lua_State* L, Decimal d) {
  if (d.scale == 0 && d.units >= LUA_MININTEGER && d.units <= LUA_MAXINTEGER)
    lua_pushinteger(L, static_cast<lua_Integer>(d.units));
  else
    lua_pushnumber(L, to_double(d));
}

// collab.money.format(pence) -> "£1,234.56"
int money_format(lua_State* L) {
  lua_pushstring(L, format_money(money_arg(L, 1)).c_str());
  return 1;
}

// collab.money.pounds(pence) -> "£1,235", to the nearest pound
int money_pounds(lua_State* L) {
  lua_pushstring(L, format_pounds(money_arg(L, 1)).c_str());
  return 1;
}

// collab.money.parse("£1,234.56") -> 123456; "(5.2)" is -520. Unreadable text is an error.
int money_parse(lua_State* L) {
  const char* text = luaL_checkstring(L, 1);
  auto m = parse_money(text);
  if (!m) lua::raise_arg_error(L, 1, m.error());
  lua_pushinteger(L, m.value().pence());
  return 1;
}

// collab.money.from_pounds(1234.56) -> 123456, read as the decimal the number shows; a
// fraction of a penny is an error rather than a silent rounding.
int money_from_pounds(lua_State* L) {
  const Decimal pounds = decimal_arg(L, 1, "the amount");
  const Decimal pence = round_fraction(pounds.units * 100, pow10(pounds.scale), Decimal{1, 0});
  if (pence.units * pow10(pounds.scale) != pounds.units * 100)
    lua::raise_arg_error(L, 1, fmt::format("£{} is not a whole number of pence", decimal_text(pounds)));
  if (pence.units > LUA_MAXINTEGER || pence.units < LUA_MININTEGER) lua::raise_arg_error(L, 1, "amount out of range");
  lua_pushinteger(L, static_cast<lua_Integer>(pence.units));
  return 1;
}

// collab.round(x, step = 1): x rounded to a multiple of step, halves away from zero, exactly on
// the decimal x shows (collab.round(0.15, 0.1) is 0.2).
int round(lua_State* L) {
  const Decimal value = decimal_arg(L, 1, "the value");
  const Decimal step = lua_isnoneornil(L, 2) ? Decimal{1, 0} : step_arg(L, 2);
  push_decimal(L, round_to_step(value, step));
  return 1;
}

// collab.share(part, whole, step = 0.0001): part / whole in percent, computed exactly from two
// integers (pence, people) and rounded once to step: collab.share(27, 100, 0.1) is 27.0.
int share(lua_State* L) {
  auto integer = [L](int arg) {
    int ok = 0;
    const lua_Integer v = lua_tointegerx(L, arg, &ok);
    if (!ok || lua_type(L, arg) != LUA_TNUMBER) lua::raise_type_error(L, arg, "integer");
    return v;
  };
  const lua_Integer part = integer(1);
  const lua_Integer whole = integer(2);
  if (whole <= 0) lua::raise_arg_error(L, 2, "the whole must be above zero");
  const Decimal step = lua_isnoneornil(L, 3) ? Decimal{1, 4} : step_arg(L, 3);
  push_decimal(L, round_fraction(static_cast<Int128>(part) * 100, whole, step));
  return 1;
}

}  // namespace

void install_money_api(lua::Sandbox& sandbox, ApiContext& context) {
  static const luaL_Reg kMoney[] = {
      {"format", money_format},
      {"pounds", money_pounds},
      {"parse", money_parse},
      {"from_pounds", money_from_pounds},
  };
  sandbox.expose("collab.money", kMoney, &context);
  static const luaL_Reg kRounding[] = {{"round", round}, {"share", share}};
  sandbox.expose("collab", kRounding, &context);
}

}  // namespace collab::api
