#include "api/money_api.h"

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "api/arguments.h"
#include "calc/checked.h"
#include "calc/decimal.h"
#include "lua/guard.h"

namespace collab::api {

namespace {

// A number argument as the decimal it shows: an integer exactly (math.maxinteger is
// 9223372036854775807, not the double nearest it), a float by its shortest decimal form.
Decimal decimal_arg(lua_State* L, int arg, std::string_view what) {
  if (lua_type(L, arg) != LUA_TNUMBER) lua::raise_type_error(L, arg, "number");
  if (lua_isinteger(L, arg)) return Decimal{lua_tointeger(L, arg), 0};
  const double value = lua_tonumber(L, arg);
  // Formulae pass the same step (0.1) on every call: its decimal is kept, per thread.
  thread_local double last_value = 0.0;
  thread_local Decimal last_decimal{0, 0};
  if (value == last_value && value != 0.0) return last_decimal;
  auto d = decimal_from_double(value);
  if (!d) {
    const bool special = std::isnan(value) || std::isinf(value);
    lua::raise_arg_error(L, arg, fmt::format("{}{}{}", what, special ? " is " : " ", d.error()));
  }
  last_value = value;
  last_decimal = d.value();
  return d.value();
}

Decimal step_arg(lua_State* L, int arg) {
  const Decimal step = decimal_arg(L, arg, "the step");
  if (step.units <= 0) lua::raise_arg_error(L, arg, "the step must be above zero");
  return step;
}

// How a script would write argument `arg`: 1e-18, 0.1, 9223372036854775807.
std::string number_text(lua_State* L, int arg) {
  if (lua_isinteger(L, arg)) return fmt::format("{}", lua_tointeger(L, arg));
  return fmt::format("{}", lua_tonumber(L, arg));
}

// `compute()` (exact arithmetic), with an overflow raised as a Lua error on argument `arg`,
// saying `message(overflow)`. The error is raised after the catch block, as lua/guard.h asks.
template <class Compute, class Message>
auto or_arg_error(lua_State* L, int arg, Compute compute, Message message) -> decltype(compute()) {
  std::string failure;
  try {
    return compute();
  } catch (const ArithmeticOverflow& overflow) {
    failure = message(overflow);
  }
  lua::raise_arg_error(L, arg, failure);
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
  luaL_checkstring(L, 1);
  auto m = parse_money(string_at(L, 1));  // whole: "£1\0junk" is not £1
  if (!m) lua::raise_arg_error(L, 1, m.error());
  lua_pushinteger(L, m.value().pence());
  return 1;
}

// collab.money.from_pounds(1234.56) -> 123456, read as the decimal the number shows; a
// fraction of a penny is an error rather than a silent rounding.
int money_from_pounds(lua_State* L) {
  const Decimal pounds = decimal_arg(L, 1, "the amount");
  // |units| < 2^63 and scale <= 18: units * 100 fits in 128 bits, and so does 10^scale.
  const Int128 hundredths = checked::mul(pounds.units, Int128{100});
  const Int128 per_penny = pow10(pounds.scale);
  if (hundredths % per_penny != 0)
    lua::raise_arg_error(L, 1, fmt::format("£{} is not a whole number of pence", decimal_text(pounds)));
  const Int128 pence = hundredths / per_penny;
  if (pence > LUA_MAXINTEGER || pence < LUA_MININTEGER)
    lua::raise_arg_error(L, 1, fmt::format("£{} is beyond the range of money ({} to {})", decimal_text(pounds),
                                           format_money(Money::from_pence(LUA_MININTEGER)),
                                           format_money(Money::from_pence(LUA_MAXINTEGER))));
  lua_pushinteger(L, static_cast<lua_Integer>(pence));
  return 1;
}

// collab.round(x, step = 1): x rounded to a multiple of step, halves away from zero, exactly on
// the decimal x shows (collab.round(0.15, 0.1) is 0.2).
int round(lua_State* L) {
  const Decimal value = decimal_arg(L, 1, "the value");
  const bool has_step = !lua_isnoneornil(L, 2);
  const Decimal step = has_step ? step_arg(L, 2) : Decimal{1, 0};
  const Decimal rounded = or_arg_error(
      L, has_step ? 2 : 1, [&] { return round_to_step(value, step); },
      [&](const ArithmeticOverflow&) {
        return fmt::format("{} rounded to a step of {} overflows exact arithmetic", number_text(L, 1),
                           has_step ? number_text(L, 2) : "1");
      });
  push_decimal(L, rounded);
  return 1;
}

// part / whole in percent rounded once to `step` (shares' arithmetic), pushed as collab.share
// gives it. An overflow (only a step with many decimals) is an error on argument `step_arg`.
void push_share(lua_State* L, lua_Integer part, lua_Integer whole, Decimal step, bool has_step, int step_arg) {
  // Grants and people are far below 2^40: then 64-bit arithmetic gives round_fraction's answer
  // (halves away from zero: (2n + d) / 2d for n >= 0), without 128-bit division.
  if (part >= 0 && part < (lua_Integer{1} << 40) && whole < (lua_Integer{1} << 40) && step.scale <= 4 &&
      step.units > 0 && step.units < (Int128{1} << 16)) {
    static constexpr std::int64_t kPowers[] = {1, 10, 100, 1000, 10000};
    const std::int64_t n = part * 100 * kPowers[step.scale];
    const auto step_units = static_cast<std::int64_t>(step.units);
    const std::int64_t d = whole * step_units;
    // The percent in units of 10^-scale, its trailing zeros dropped in 64 bits (not Decimal's 128).
    std::int64_t units = ((2 * n + d) / (2 * d)) * step_units;
    int scale = step.scale;
    while (scale > 0 && units % 10 == 0) {
      units /= 10;
      --scale;
    }
    if (scale == 0)
      lua_pushinteger(L, units);
    else
      lua_pushnumber(L, to_double(Decimal{units, scale}));
    return;
  }
  // Only a step with many decimals can overflow (part * 100 * 10^decimals beyond 2^127): blame it.
  const Decimal percent = or_arg_error(
      L, has_step ? step_arg : 1, [&] { return round_fraction(checked::mul(Int128{part}, Int128{100}), whole, step); },
      [&](const ArithmeticOverflow&) {
        return fmt::format("the share of {} in {} at a step of {} is too large to compute exactly: use a step with "
                           "fewer decimals",
                           part, whole, has_step ? number_text(L, step_arg) : "0.0001");
      });
  push_decimal(L, percent);
}

lua_Integer integer_arg(lua_State* L, int arg) {
  int ok = 0;
  const lua_Integer v = lua_tointegerx(L, arg, &ok);
  if (!ok || lua_type(L, arg) != LUA_TNUMBER) lua::raise_type_error(L, arg, "integer");
  return v;
}

// collab.share(part, whole, step = 0.0001): part / whole in percent, computed exactly from two
// integers (pence, people) and rounded once to step: collab.share(27, 100, 0.1) is 27.0.
int share(lua_State* L) {
  const lua_Integer part = integer_arg(L, 1);
  const lua_Integer whole = integer_arg(L, 2);
  if (whole <= 0) lua::raise_arg_error(L, 2, "the whole must be above zero");
  const bool has_step = !lua_isnoneornil(L, 3);
  const Decimal step = has_step ? step_arg(L, 3) : Decimal{1, 4};
  push_share(L, part, whole, step, has_step, 3);
  return 1;
}

// collab.shares(parts, whole, step = 0.0001): collab.share of every part of a list, as a new list
// in the same order: one call for a region's forces.
int shares(lua_State* L) {
  if (lua_type(L, 1) != LUA_TTABLE) lua::raise_type_error(L, 1, "list of integers");
  const lua_Integer whole = integer_arg(L, 2);
  if (whole <= 0) lua::raise_arg_error(L, 2, "the whole must be above zero");
  const bool has_step = !lua_isnoneornil(L, 3);
  const Decimal step = has_step ? step_arg(L, 3) : Decimal{1, 4};
  const lua_Integer n = list_arg(L, 1, "parts");
  const int out = lua_gettop(L);
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_geti(L, 1, i);
    int ok = 0;
    const lua_Integer part = lua_tointegerx(L, -1, &ok);
    if (!ok || lua_type(L, -1) != LUA_TNUMBER)
      lua::raise_arg_error(L, 1, fmt::format("item {}: integer expected, got {}", i,
                                             lua_type(L, -1) == LUA_TNUMBER ? "a fraction" : luaL_typename(L, -1)));
    lua_pop(L, 1);
    push_share(L, part, whole, step, has_step, 3);
    lua_rawseti(L, out, i);
  }
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
  static const luaL_Reg kRounding[] = {{"round", round}, {"share", share}, {"shares", shares}};
  sandbox.expose("collab", kRounding, &context);
}

}  // namespace collab::api
