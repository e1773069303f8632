// collab.* as a script sees it, over the small test data set (tests/data/minimal).

#include "api/api.h"

#include <catch2/catch.hpp>

#include "api/formula_constructor.h"
#include "load/loader.h"
#include "lua/sandbox_test_support.h"
#include "test_support.h"

using namespace collab;
using namespace collab::lua;
using collab::lua::testing::require_error;

namespace {

std::shared_ptr<const Model> minimal_model() {
  static const auto outcome = load::load_data_set(test::source_dir() / "tests/data/minimal");
  REQUIRE(outcome.model);
  return outcome.model;
}

struct ApiFixture {
  api::ApiContext context{minimal_model()};
  Sandbox sandbox;
  ApiFixture() { api::install(sandbox, context); }

  // Runs `source` and returns its single result as text (tostring), failing on an error.
  std::string value(const std::string& source) {
    RunResult r = sandbox.run("t.lua", "return tostring(" + source + ")");
    INFO((r.error ? format_script_error(*r.error) : std::string()));
    REQUIRE(r.ok());
    return r.values.at(0).string().value_or("?");
  }
};

}  // namespace

TEST_CASE("the model is visible, read-only, through collab.*") {
  ApiFixture f;
  CHECK(f.value("collab.region.name") == "Test Region");
  CHECK(f.value("#collab.forces") == "3");
  CHECK(f.value("collab.forces[2].short_name") == "South");
  CHECK(f.value("collab.force('Northern').id") == "north");  // an alias
  CHECK(f.value("collab.force(collab.forces[3]).name") == "East Police");
  CHECK(f.value("collab.unit('RCU').id") == "crime-unit");
  CHECK(f.value("collab.unit('training').parent") == "crime-unit");
  CHECK(f.value("collab.unit('training').status") == "proposed");
  CHECK(f.value("table.concat(collab.participants('training', '2016/17'), ',')") == "north,south");
  CHECK(f.value("#collab.participants('training', '2015/16')") == "0");
  CHECK(f.value("collab.budget('crime-unit', '2016/17').cash") == "100010");
  CHECK(f.value("collab.budget('crime-unit', '2016/17').in_kind") == "25050");
  CHECK(f.value("collab.budget('training', '2016/17')") == "nil");
  CHECK(f.value("collab.grant('north', '2015/16')") == "50000000");
  CHECK(f.value("collab.has('grant', 'north', '2016/17')") == "false");
  CHECK(f.value("collab.year.previous('2016/17')") == "2015/16");
  CHECK(f.value("collab.year.next('2099/00')") == "2100/01");
  CHECK(f.value("collab.api_version") == "1");
  CHECK(f.value("table.concat(collab.years, ' ')") == "2015/16 2016/17");

  require_error(f.sandbox.run("t.lua", "collab.forces[1].id = 'x'"), ErrorKind::Runtime,
                "t.lua:1: attempt to modify read-only table 'force 'north''");
  require_error(f.sandbox.run("t.lua", "collab.forces[4] = {}"), ErrorKind::Runtime,
                "t.lua:1: attempt to modify read-only table 'collab.forces'");
  require_error(f.sandbox.run("t.lua", "table.insert(collab.forces[1].aliases, 'x')"), ErrorKind::Runtime,
                "t.lua:1: attempt to modify read-only table 'force 'north'.aliases'");
  CHECK(f.value("collab.forces[1].id") == "north");
}

TEST_CASE("collab.* errors name the function, the argument and what would be right") {
  ApiFixture f;
  require_error(f.sandbox.run("t.lua", "return collab.force('West')"), ErrorKind::Runtime,
                "t.lua:1: bad argument #1 to 'collab.force' (unknown force 'West'; forces are north, south, east)");
  require_error(f.sandbox.run("t.lua", "return collab.grant('north', 2015)"), ErrorKind::Runtime,
                "t.lua:1: bad argument #2 to 'collab.grant' (financial year such as '2016/17' expected, got number)");
  require_error(f.sandbox.run("t.lua", "return collab.grant('north', '2016/17')"), ErrorKind::Runtime,
                "t.lua:1: error in 'collab.grant': no central grant (Police Core Settlement plus formula grant) for "
                "North Police in 2016/17 (the data has none for any force): add the year's table to "
                "\"central_grants\" in data/forces.json");
  require_error(f.sandbox.run("t.lua", "return collab.population('north', '2015/16')"), ErrorKind::Runtime,
                "t.lua:1: error in 'collab.population': no resident population for North Police in 2015/16 (the data "
                "has none for any force): add \"population\": {\"<year>\": <people>} to each force in data/forces.json");
  require_error(f.sandbox.run("t.lua", "return collab.unit('nope')"), ErrorKind::Runtime,
                "t.lua:1: bad argument #1 to 'collab.unit' (unknown unit 'nope' (units are the ids of collab.units))");
}

TEST_CASE("money and rounding helpers are exact") {
  ApiFixture f;
  CHECK(f.value("collab.money.format(123456789)") == "£1,234,567.89");
  CHECK(f.value("collab.money.pounds(123456789)") == "£1,234,568");
  CHECK(f.value("collab.money.parse('£9,568,874.60')") == "956887460");
  CHECK(f.value("collab.money.from_pounds(2641009.5)") == "264100950");
  CHECK(f.value("collab.round(0.15, 0.1)") == "0.2");
  CHECK(f.value("collab.round(2.5)") == "3");
  CHECK(f.value("collab.round(27.5936, 0.1)") == "27.6");
  CHECK(f.value("collab.share(276, 871, 0.1)") == "31.7");
  CHECK(f.value("collab.share(1, 3)") == "33.3333");
  require_error(f.sandbox.run("t.lua", "return collab.money.format(1.5)"), ErrorKind::Runtime,
                "t.lua:1: bad argument #1 to 'collab.money.format' (a whole number of pence expected, got a fraction)");
  require_error(f.sandbox.run("t.lua", "return collab.money.from_pounds(0.1 + 0.2)"), ErrorKind::Runtime,
                "t.lua:1: bad argument #1 to 'collab.money.from_pounds' (£0.30000000000000004 is not a whole number of "
                "pence)");
  require_error(f.sandbox.run("t.lua", "return collab.round(1, 0)"), ErrorKind::Runtime,
                "t.lua:1: bad argument #2 to 'collab.round' (the step must be above zero)");
  require_error(f.sandbox.run("t.lua", "return collab.share(1, 0)"), ErrorKind::Runtime,
                "t.lua:1: bad argument #2 to 'collab.share' (the whole must be above zero)");
}

TEST_CASE("collab.grants and collab.shares: a list's figures and shares in one call, as one call per item gives them") {
  ApiFixture f;
  CHECK(f.value("table.concat(collab.grants(collab.forces, '2015/16'), ',')") ==
        f.value("table.concat({collab.grant('north', '2015/16'), collab.grant('south', '2015/16'), "
                "collab.grant('east', '2015/16')}, ',')"));
  CHECK(f.value("table.concat(collab.grants({'east', 'Northern', collab.forces[2]}, '2015/16'), ',')") ==
        f.value("table.concat({collab.grant('east', '2015/16'), collab.grant('north', '2015/16'), "
                "collab.grant('south', '2015/16')}, ',')"));
  CHECK(f.value("#collab.grants({}, '2015/16')") == "0");
  CHECK(f.value("table.concat(collab.shares({276, 595}, 871, 0.1), ',')") == "31.7,68.3");
  CHECK(f.value("table.concat(collab.shares({1, 2}, 3), ',')") == "33.3333,66.6667");
  CHECK(f.value("table.concat(collab.shares({27, 73}, 100, 0.1), ',')") == "27,73");
  require_error(f.sandbox.run("t.lua", "return collab.grants({'north', 'West'}, '2015/16')"), ErrorKind::Runtime,
                "t.lua:1: bad argument #1 to 'collab.grants' (item 2: unknown force 'West'; forces are north, south, "
                "east)");
  require_error(f.sandbox.run("t.lua", "return collab.grants({'north', 7}, '2015/16')"), ErrorKind::Runtime,
                "t.lua:1: bad argument #1 to 'collab.grants' (item 2: force id or force expected, got number)");
  require_error(f.sandbox.run("t.lua", "return collab.grants('north', '2015/16')"), ErrorKind::Runtime,
                "t.lua:1: bad argument #1 to 'collab.grants' (list of forces expected, got string)");
  require_error(f.sandbox.run("t.lua", "return collab.grants(collab.forces, '2016/17')"), ErrorKind::Runtime,
                "t.lua:1: error in 'collab.grants': no central grant (Police Core Settlement plus formula grant) for "
                "North Police in 2016/17 (the data has none for any force): add the year's table to "
                "\"central_grants\" in data/forces.json");
  require_error(f.sandbox.run("t.lua", "return collab.shares({1, 'x'}, 3)"), ErrorKind::Runtime,
                "t.lua:1: bad argument #1 to 'collab.shares' (item 2: integer expected, got string)");
  require_error(f.sandbox.run("t.lua", "return collab.shares({1, 1.5}, 3)"), ErrorKind::Runtime,
                "t.lua:1: bad argument #1 to 'collab.shares' (item 2: integer expected, got a fraction)");
  require_error(f.sandbox.run("t.lua", "return collab.shares({1}, 0)"), ErrorKind::Runtime,
                "t.lua:1: bad argument #2 to 'collab.shares' (the whole must be above zero)");
}

TEST_CASE("collab.formula checks the table when the script loads") {
  ApiFixture f;
  auto constructed = [&](const std::string& fields) {
    return f.sandbox.run("f.lua", "return collab.formula{ id = 'x', title = 'X', weights = function() end" + fields + " }");
  };
  REQUIRE(constructed("").ok());
  REQUIRE(constructed(", inputs = {'grant'}, round_shares = 0.1, params = { shares = { type = 'table', required = true } }").ok());
  const std::string prefix = "f.lua:1: collab.formula: ";
  require_error(constructed(", wieghts = 1"), ErrorKind::Runtime,
                prefix + "unknown field 'wieghts' (a formula has id, title, description, inputs, params, round_shares, scope, weights)");
  require_error(constructed(", scope = 'unit'"), ErrorKind::Runtime,
                prefix + "field 'scope' must be \"participants\" (weights is called once per set of participants, with "
                         "those forces) or \"region\" (once per year, with every force; the host keeps the participants' "
                         "weights)");
  REQUIRE(constructed(", scope = 'region'").ok());
  require_error(constructed(", inputs = {'grants'}"), ErrorKind::Runtime,
                prefix + "inputs[1] 'grants' is not an input; inputs are grant, population, nre");
  for (const char* step : {"-1", "0", "1e17", "100.5", "0.00001"})
    require_error(constructed(std::string(", round_shares = ") + step), ErrorKind::Runtime,
                  prefix + "field 'round_shares' must be a step in percentage points above zero and at most 100, at "
                           "most 4 decimals (0.1 rounds each share to 0.1%)");
  REQUIRE(constructed(", round_shares = 100").ok());
  REQUIRE(constructed(", round_shares = 0.0001").ok());
  require_error(constructed(", params = { lag = { type = 'integer' } }"), ErrorKind::Runtime,
                prefix + "params.lag.type must be one of number, string, boolean, table");
  require_error(constructed(", params = { lag = { type = 'number', default = 'one' } }"), ErrorKind::Runtime,
                prefix + "params.lag.default is a string, not a number");
  require_error(f.sandbox.run("f.lua", "return collab.formula{ id = 'Grant Share', title = 'X', weights = print }"),
                ErrorKind::Runtime,
                prefix + "id 'Grant Share' must be lower case letters, digits and _, starting with a letter");
  require_error(f.sandbox.run("f.lua", "return collab.formula{ id = 'x', title = 'X' }"), ErrorKind::Runtime,
                prefix + "field 'weights' must be a function(year, forces, params, region), got nil");
}

TEST_CASE("the host knows a formula collab.formula made from a look-alike") {
  ApiFixture f;
  auto read = [&](const std::string& source) {
    RunResult r = f.sandbox.run("f.lua", source);
    REQUIRE(r.ok());
    std::optional<Result<api::FormulaDefinition>> out;
    f.sandbox.inspect("read", [&](lua_State* L) {
      r.values.at(0).push(L);
      out = api::read_formula(L, -1);
    });
    return *out;
  };
  auto made = read("return collab.formula{ id = 'x', title = 'X', inputs = {'grant'}, weights = print }");
  REQUIRE(made);
  CHECK(made.value().inputs == std::vector<std::string>{"grant"});
  CHECK(read("return { id = 'x', title = 'X', weights = print }").error() ==
        "returned a plain table: build it with collab.formula{...}");
  CHECK(read("local f = collab.formula{ id = 'x', title = 'X', weights = print }\nf.weights = 1\nreturn f").error() ==
        "its formula was changed after collab.formula checked it: field 'weights' must be a function(year, forces, "
        "params, region), got number");
  CHECK(read("return 42").error() == "returned a number, not collab.formula{...}");
}

TEST_CASE("what collab.formula keeps of a title, a description or a doc is bounded") {
  ApiFixture f;
  lua::RunResult r = f.sandbox.run("f.lua", "return collab.formula{ id = 'x', title = string.rep('t', 16 * 1024 * 1024), "
                                            "description = string.rep('d', 4 * 1024 * 1024), weights = print, "
                                            "params = { p = { type = 'number', doc = string.rep('p', 2 * 1024 * 1024) } } }");
  REQUIRE(r.ok());
  std::optional<Result<api::FormulaDefinition>> made;
  f.sandbox.inspect("reading", [&](lua_State* L) {
    r.values[0].push(L);
    made = api::read_formula(L, -1);
  });
  REQUIRE(*made);
  CHECK(made->value().title.size() < 1100);
  CHECK(made->value().title.ends_with("(16776192 bytes cut)"));
  CHECK(made->value().description.size() < 1100);
  CHECK(made->value().params.at(0).doc.size() < 1100);
}
