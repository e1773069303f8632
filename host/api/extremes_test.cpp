// collab.share, collab.round and collab.money.* at the extremes a script can reach (math.maxinteger,
// math.mininteger, 1e-18, 1e300, NaN): an exact answer or a Lua error naming the function and the
// argument; never a C++ exception crossing into Lua, never undefined behaviour (the sanitizer
// build aborts on any signed overflow).

#include <catch2/catch.hpp>

#include "api/api.h"
#include "load/loader.h"
#include "lua/sandbox_test_support.h"
#include "test_support.h"

using namespace collab;
using namespace collab::lua;
using collab::lua::testing::require_error;

namespace {

struct Extremes {
  api::ApiContext context{model()};
  Sandbox sandbox;
  Extremes() { api::install(sandbox, context); }

  static std::shared_ptr<const Model> model() {
    static const auto outcome = load::load_data_set(test::source_dir() / "tests/data/minimal");
    REQUIRE(outcome.model);
    return outcome.model;
  }

  // `expression` as text (tostring), and its math.type, failing on an error.
  std::string value(const std::string& expression) {
    RunResult r = sandbox.run("t.lua", "local v = " + expression + "\nreturn tostring(v) .. ' ' .. tostring(math.type(v))");
    INFO((r.error ? format_script_error(*r.error) : std::string()));
    REQUIRE(r.ok());
    return r.values.at(0).string().value_or("?");
  }

  // The error `expression` raises, which must name the function and the argument.
  void error(const std::string& expression, const std::string& message) {
    require_error(sandbox.run("t.lua", "return " + expression), ErrorKind::Runtime, "t.lua:1: " + message);
  }
};

}  // namespace

TEST_CASE("collab.share at the extremes: exact, or a bad argument naming the step") {
  Extremes x;
  x.error("collab.share(math.maxinteger, 1, 1e-18)",
          "bad argument #3 to 'collab.share' (the share of 9223372036854775807 in 1 at a step of 1e-18 is too large to "
          "compute exactly: use a step with fewer decimals)");
  x.error("collab.share(math.mininteger, 1, 1e-18)",
          "bad argument #3 to 'collab.share' (the share of -9223372036854775808 in 1 at a step of 1e-18 is too large "
          "to compute exactly: use a step with fewer decimals)");
  x.error("collab.share(math.maxinteger, 3, 1e-18)",
          "bad argument #3 to 'collab.share' (the share of 9223372036854775807 in 3 at a step of 1e-18 is too large to "
          "compute exactly: use a step with fewer decimals)");
  // 922337203685477580700% needs 9.2e36 steps of 1e-16: that fits.
  CHECK(x.value("collab.share(math.maxinteger, 1, 1e-16) == 922337203685477580700.0") == "true nil");
  CHECK(x.value("collab.share(math.maxinteger, 1) == 922337203685477580700.0") == "true nil");
  CHECK(x.value("collab.share(math.maxinteger, math.maxinteger, 1e-18)") == "100 integer");
  CHECK(x.value("collab.share(math.mininteger, math.maxinteger, 1e-18)") == "-100.0 float");  // -100.000000000000000011
  CHECK(x.value("collab.share(1, math.maxinteger, 0.1)") == "0 integer");
  CHECK(x.value("collab.share(1, math.maxinteger)") == "0 integer");
  // 100 / 9223372036854775807 = 1.08e-17: eleven steps of 1e-18.
  CHECK(x.value("collab.share(1, math.maxinteger, 1e-18)") == "1.1e-17 float");
  CHECK(x.value("collab.share(math.maxinteger - 1, math.maxinteger, 1e-18)") == "100.0 float");  // 99.999999999999999989
  x.error("collab.share(1, math.mininteger)", "bad argument #2 to 'collab.share' (the whole must be above zero)");
  x.error("collab.share(1e300, 1)", "bad argument #1 to 'collab.share' (integer expected, got number)");
  x.error("collab.share(1, 1e300)", "bad argument #2 to 'collab.share' (integer expected, got number)");
  x.error("collab.share(1, 3, 1e-300)",
          "bad argument #3 to 'collab.share' (the step 1e-300 needs more than 18 significant digits or decimals)");
  x.error("collab.share(1, 3, 1e300)",
          "bad argument #3 to 'collab.share' (the step 1e+300 needs more than 18 significant digits or decimals)");
  x.error("collab.share(1, 3, 0/0)", "bad argument #3 to 'collab.share' (the step is not a number (NaN))");
  x.error("collab.share(1, 3, -math.huge)", "bad argument #3 to 'collab.share' (the step is infinite)");
}

TEST_CASE("collab.round at the extremes: integers are read exactly, and nothing overflows") {
  Extremes x;
  CHECK(x.value("collab.round(math.maxinteger, 1e-18)") == "9223372036854775807 integer");
  CHECK(x.value("collab.round(math.mininteger, 1e-18)") == "-9223372036854775808 integer");
  CHECK(x.value("collab.round(math.maxinteger)") == "9223372036854775807 integer");
  CHECK(x.value("collab.round(math.maxinteger, 3)") == "9223372036854775806 integer");
  // Half of it is ...903.5: away from zero, 2^63 is beyond an integer, so it comes back a float.
  CHECK(x.value("collab.round(math.maxinteger, 2) == 2.0^63") == "true nil");
  CHECK(x.value("collab.round((1 << 53) + 1)") == "9007199254740993 integer");  // not the double 2^53
  CHECK(x.value("collab.round(math.maxinteger, 999999999999999999)") == "8999999999999999991 integer");
  CHECK(x.value("collab.round(1e-18, 1e-18)") == "1e-18 float");
  CHECK(x.value("collab.round(0.123456789012345678, 1e-18) == 0.123456789012345678") == "true nil");
  CHECK(x.value("collab.round(1.5e-17, 1e-17)") == "2e-17 float");
  CHECK(x.value("collab.round(-2.5e-17, 1e-17)") == "-3e-17 float");
  CHECK(x.value("collab.round(999999999999999900.0, 1e-18)") == "999999999999999900 integer");
  x.error("collab.round(1e-300)",
          "bad argument #1 to 'collab.round' (the value 1e-300 needs more than 18 significant digits or decimals)");
  x.error("collab.round(1e300, 1)",
          "bad argument #1 to 'collab.round' (the value 1e+300 needs more than 18 significant digits or decimals)");
  x.error("collab.round(2.0^63, 1)",
          "bad argument #1 to 'collab.round' (the value 9.223372036854776e+18 needs more than 18 significant digits "
          "or decimals)");
  x.error("collab.round(1, 1e-300)",
          "bad argument #2 to 'collab.round' (the step 1e-300 needs more than 18 significant digits or decimals)");
  x.error("collab.round(0/0)", "bad argument #1 to 'collab.round' (the value is not a number (NaN))");
  x.error("collab.round(math.huge)", "bad argument #1 to 'collab.round' (the value is infinite)");
  x.error("collab.round(1, math.mininteger)", "bad argument #2 to 'collab.round' (the step must be above zero)");
}

TEST_CASE("collab.money.* at the edges of int64 pence") {
  Extremes x;
  CHECK(x.value("collab.money.format(math.maxinteger)") == "£92,233,720,368,547,758.07 nil");
  CHECK(x.value("collab.money.format(math.mininteger)") == "-£92,233,720,368,547,758.08 nil");
  CHECK(x.value("collab.money.pounds(math.maxinteger)") == "£92,233,720,368,547,758 nil");
  CHECK(x.value("collab.money.pounds(math.mininteger)") == "-£92,233,720,368,547,758 nil");
  CHECK(x.value("collab.money.from_pounds(92233720368547758)") == "9223372036854775800 integer");
  CHECK(x.value("collab.money.from_pounds(-92233720368547758)") == "-9223372036854775800 integer");
  CHECK(x.value("collab.money.from_pounds(1e-2)") == "1 integer");
  CHECK(x.value("collab.money.parse('£92,233,720,368,547,758.07')") == "9223372036854775807 integer");
  x.error("collab.money.from_pounds(math.maxinteger)",
          "bad argument #1 to 'collab.money.from_pounds' (£9223372036854775807 is beyond the range of money "
          "(-£92,233,720,368,547,758.08 to £92,233,720,368,547,758.07))");
  x.error("collab.money.from_pounds(92233720368547759)",
          "bad argument #1 to 'collab.money.from_pounds' (£92233720368547759 is beyond the range of money "
          "(-£92,233,720,368,547,758.08 to £92,233,720,368,547,758.07))");
  x.error("collab.money.from_pounds(1e-18)",
          "bad argument #1 to 'collab.money.from_pounds' (£0.000000000000000001 is not a whole number of pence)");
  x.error("collab.money.from_pounds(1e300)",
          "bad argument #1 to 'collab.money.from_pounds' (the amount 1e+300 needs more than 18 significant digits or "
          "decimals)");
  x.error("collab.money.format(1e300)",
          "bad argument #1 to 'collab.money.format' (1e+300 pence is beyond the range of money (-9223372036854775808 "
          "to 9223372036854775807 pence))");
  x.error("collab.money.format(-math.huge)",
          "bad argument #1 to 'collab.money.format' (-inf pence is beyond the range of money (-9223372036854775808 to "
          "9223372036854775807 pence))");
  x.error("collab.money.pounds(0/0)",
          "bad argument #1 to 'collab.money.pounds' (a whole number of pence expected, got nan)");
  x.error("collab.money.parse('£92,233,720,368,547,758.08')",
          "bad argument #1 to 'collab.money.parse' (invalid amount '£92,233,720,368,547,758.08': overflow: above the "
          "largest amount, £92,233,720,368,547,758.07)");
}

TEST_CASE("an overflow is an ordinary Lua error: pcall catches it and the state goes on") {
  Extremes x;
  RunResult r = x.sandbox.run("t.lua",
                              "local ok, e = pcall(collab.share, math.maxinteger, 1, 1e-18)\n"
                              "return tostring(ok) .. ': ' .. e");
  REQUIRE(r.ok());
  CHECK(r.values.at(0).string() ==
        "false: bad argument #3 to 'collab.share' (the share of 9223372036854775807 in 1 at a step of 1e-18 is too "
        "large to compute exactly: use a step with fewer decimals)");
  CHECK(x.value("collab.share(276, 871, 0.1)") == "31.7 float");
  lua::testing::require_still_usable(x.sandbox);
}
