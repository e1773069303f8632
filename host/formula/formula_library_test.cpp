// The bundled formula scripts, evaluated on the bundled data and on a small data set that has
// population and NRE figures; and what happens when a formula misbehaves.

#include "formula/formula_library.h"

#include <catch2/catch.hpp>

#include <fstream>

#include "load/loader.h"
#include "test_support.h"

using namespace collab;
using namespace collab::formula;

namespace {

const FinancialYear k2016 = FinancialYear::starting(2016);

std::shared_ptr<const Model> load_model(const std::filesystem::path& root) {
  auto outcome = load::load_data_set(root);
  REQUIRE(outcome.model);
  return outcome.model;
}

std::shared_ptr<const Model> east_midlands() {
  static const auto model = load_model(test::source_dir());
  return model;
}

std::shared_ptr<const Model> with_figures() {
  static const auto model = load_model(test::source_dir() / "tests/data/figures");
  return model;
}

std::string all(const Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items()) out += format_diagnostic(item) + "\n";
  return out;
}

FormulaChoice choice(const std::string& id, nlohmann::json params = nlohmann::json::object()) {
  return FormulaChoice{std::nullopt, id, std::move(params), SourceLocation{"data/test.json", 3, 7}};
}

std::map<std::string, double> weights_of(const Weights& w) { return {w.weights.begin(), w.weights.end()}; }

// A library of the bundled scripts over `model`; fails the test if a script does not load.
std::unique_ptr<FormulaLibrary> bundled(std::shared_ptr<const Model> model) {
  Diagnostics d;
  auto library = FormulaLibrary::load(test::source_dir(), std::move(model), d);
  INFO(all(d));
  REQUIRE(d.empty());
  return library;
}

// A scripts/formulae folder holding one script.
struct OneScript {
  test::TempDir dir;
  OneScript(const std::string& name, const std::string& source) {
    std::filesystem::create_directories(dir.path() / "scripts/formulae");
    std::ofstream(dir.path() / "scripts/formulae" / name) << source;
  }
};

}  // namespace

TEST_CASE("the bundled formulae load, and grant_share gives the published 2016/17 shares (pcp-2017)") {
  auto library = bundled(east_midlands());
  CHECK(library->scripts().size() == 6);
  Diagnostics d;
  auto w = library->evaluate(choice("grant_share"), k2016, d);
  INFO(all(d));
  REQUIRE(w);
  CHECK(weights_of(*w) == std::map<std::string, double>{{"nottinghamshire", 27.6},
                                                         {"leicestershire", 23.0},
                                                         {"derbyshire", 21.8},
                                                         {"northamptonshire", 14.7},
                                                         {"lincolnshire", 12.9}});
  // It read the five 2015/16 grants, and says why each weight is what it is.
  REQUIRE(w->reads.size() == 5);
  CHECK(w->reads[0].input == "grant");
  CHECK(w->reads[0].year == FinancialYear::starting(2015));
  INFO(w->why.at("nottinghamshire"));
  CHECK(w->why.at("nottinghamshire").starts_with("£126,"));
  CHECK(w->why.at("nottinghamshire").ends_with("of £459,581,623 central grant 2015/16 (27.5854%), rounded to 0.1%"));
}

TEST_CASE("a formula runs once per formula, parameters and year, however many units use it") {
  auto library = bundled(east_midlands());
  Diagnostics d;
  for (int unit = 0; unit < 20; ++unit) REQUIRE(library->evaluate(choice("grant_share"), k2016, d));
  CHECK(library->evaluations() == 1);
  REQUIRE(library->evaluate(choice("equal_share"), k2016, d));
  REQUIRE(library->evaluate(choice("grant_share"), FinancialYear::starting(2016), d));
  CHECK(library->evaluations() == 2);
}

TEST_CASE("population_share and nre_share stop with a clear error where the data has no figures") {
  auto library = bundled(east_midlands());
  Diagnostics d;
  CHECK(library->evaluate(choice("population_share"), k2016, d) == nullptr);
  CHECK(library->evaluate(choice("nre_share"), k2016, d) == nullptr);
  REQUIRE(d.errors() == 2);
  const Diagnostic& population = d.items()[0];
  CHECK(population.where.file == "scripts/formulae/population_share.lua");
  CHECK(population.where.line == 15);
  CHECK(population.message ==
        "runtime error: error in 'collab.population': no resident population for Derbyshire Constabulary in 2015/16 (the "
        "data has none for any force): add \"population\": {\"<year>\": <people>} to each force in data/forces.json");
  CHECK(population.hint.starts_with("while computing the weights for 2016/17, as chosen at data/test.json:3:7"));
  CHECK(d.items()[1].message.find("no net revenue expenditure for Derbyshire Constabulary in 2015/16") != std::string::npos);
}

TEST_CASE("every bundled formula on data that has every figure") {
  auto library = bundled(with_figures());
  Diagnostics d;
  auto evaluate = [&](const FormulaChoice& c) {
    auto w = library->evaluate(c, k2016, d);
    INFO(all(d));
    REQUIRE(w);
    return weights_of(*w);
  };
  using W = std::map<std::string, double>;
  CHECK(evaluate(choice("grant_share")) == W{{"north", 50}, {"south", 30}, {"east", 20}});
  CHECK(evaluate(choice("population_share")) == W{{"north", 600000}, {"south", 300000}, {"east", 100000}});
  CHECK(evaluate(choice("nre_share")) == W{{"north", 12000000000}, {"south", 6000000000}, {"east", 2000000050}});
  CHECK(evaluate(choice("equal_share")) == W{{"north", 1}, {"south", 1}, {"east", 1}});
  // Half on grant (50/30/20), half on population (60/30/10).
  CHECK(evaluate(choice("blended", {{"mix", {{"grant", 50}, {"population", 50}}}})) ==
        W{{"north", 55}, {"south", 30}, {"east", 15}});
  CHECK(evaluate(choice("blended", {{"mix", {{"equal", 1}}}})) ==
        W{{"north", 33.3333}, {"south", 33.3333}, {"east", 33.3333}});
  CHECK(evaluate(choice("fixed", {{"shares", {{"north", 40}, {"east", 60}}}})) == W{{"north", 40}, {"east", 60}});
}

TEST_CASE("a formula choice the script does not accept is an error at the choice's place in the data") {
  auto library = bundled(with_figures());
  Diagnostics d;
  CHECK_FALSE(library->evaluate(choice("grant_shares"), k2016, d));
  CHECK_FALSE(library->evaluate(choice("fixed"), k2016, d));
  CHECK_FALSE(library->evaluate(choice("fixed", {{"share", {{"north", 100}}}}), k2016, d));
  CHECK_FALSE(library->evaluate(choice("fixed", {{"shares", 100}}), k2016, d));
  CHECK_FALSE(library->evaluate(choice("fixed", {{"shares", {{"north", 40}, {"east", 50}}}}), k2016, d));
  CHECK_FALSE(library->evaluate(choice("fixed", {{"shares", {{"nort", 100}}}}), k2016, d));
  std::vector<std::string> messages;
  for (const auto& item : d.items()) messages.push_back(item.where.str() + ": " + item.message);
  CHECK(messages == std::vector<std::string>{
                        "data/test.json:3:7: unknown formula 'grant_shares'",
                        "data/test.json:3:7: formula 'fixed' needs parameter 'shares'",
                        "data/test.json:3:7: formula 'fixed' has no parameter 'share'",
                        "data/test.json:3:7: formula 'fixed' needs parameter 'shares'",
                        "data/test.json:3:7: parameter 'shares' of formula 'fixed' must be a table",
                        "scripts/formulae/fixed.lua: runtime error: fixed: the shares add up to 90%, not 100%",
                        "scripts/formulae/fixed.lua: runtime error: weights returned a weight for 'nort', which is "
                        "not a force id",
                    });
  CHECK(d.items()[0].hint ==
        "formulae in scripts/formulae: blended, equal_share, fixed, grant_share, nre_share, population_share");
}

TEST_CASE("a misbehaving formula is an error naming the script, and the library goes on working") {
  SECTION("a NaN weight names the force") {
    OneScript s("nan.lua", "return collab.formula{ id = 'nan', title = 'NaN', weights = function(_, forces)\n"
                           "  local w = {} for _, f in ipairs(forces) do w[f.id] = 1 end\n"
                           "  w.south = 0/0 return w end }");
    Diagnostics d;
    auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
    CHECK_FALSE(library->evaluate(choice("nan"), k2016, d));
    REQUIRE(d.errors() == 1);
    CHECK(d.items()[0].message ==
          "runtime error: the weight of 'south' is -nan: weights must be finite numbers above zero (leave out a force "
          "that pays nothing)");
  }
  SECTION("reading an input the formula did not declare") {
    OneScript s("sneaky.lua", "return collab.formula{ id = 'sneaky', title = 'S', weights = function(year, forces)\n"
                              "  return { north = collab.grant('north', '2015/16') } end }");
    Diagnostics d;
    auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
    CHECK_FALSE(library->evaluate(choice("sneaky"), k2016, d));
    CHECK(d.items().at(0).message ==
          "runtime error: error in 'collab.grant': formula 'sneaky' reads 'grant' but does not list it in its inputs "
          "(add inputs = { \"grant\" })");
    CHECK(d.items().at(0).where.line == 2);
    CHECK(d.items().at(0).excerpt == "return { north = collab.grant('north', '2015/16') } end }");
    CHECK(d.items().at(0).detail.starts_with("stack traceback:"));
  }
  SECTION("zero and negative weights name the force") {
    OneScript s("signs.lua", "return collab.formula{ id = 'signs', title = 'S', weights = function(_, _, params)\n"
                             "  return { north = 1, [params.who] = params.w } end,\n"
                             "  params = { who = { type = 'string' }, w = { type = 'number' } } }");
    Diagnostics d;
    auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
    CHECK_FALSE(library->evaluate(choice("signs", {{"who", "east"}, {"w", 0}}), k2016, d));
    CHECK_FALSE(library->evaluate(choice("signs", {{"who", "south"}, {"w", -2.5}}), k2016, d));
    CHECK_FALSE(library->evaluate(choice("signs", {{"who", "Northern"}, {"w", 1}}), k2016, d));
    REQUIRE(d.errors() == 3);
    CHECK(d.items()[0].message ==
          "runtime error: the weight of 'east' is 0: weights must be finite numbers above zero (leave out a force that "
          "pays nothing)");
    CHECK(d.items()[1].message.starts_with("runtime error: the weight of 'south' is -2.5: "));
    CHECK(d.items()[2].message ==
          "runtime error: weights returned a weight for 'Northern', which is not a force id (did you mean 'north'?)");
  }
  SECTION("an endless loop stops at the deadline, and the next formula runs") {
    OneScript s("loop.lua", "return collab.formula{ id = 'loop', title = 'L', weights = function(year, forces, params)\n"
                            "  if params.stop then return { north = 1 } end\n"
                            "  while true do end end,\n"
                            "  params = { stop = { type = 'boolean', default = false } } }");
    Diagnostics d;
    lua::Limits limits;
    limits.cpu_time = std::chrono::milliseconds(100);
    auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d, limits);
    CHECK_FALSE(library->evaluate(choice("loop"), k2016, d));
    REQUIRE(d.errors() == 1);
    INFO(d.items()[0].message);
    CHECK(d.items()[0].message == "CPU time limit: CPU time limit exceeded (100 ms)");
    CHECK(d.items()[0].where.file == "scripts/formulae/loop.lua");
    auto w = library->evaluate(choice("loop", {{"stop", true}}), k2016, d);
    REQUIRE(w);
    CHECK(weights_of(*w) == std::map<std::string, double>{{"north", 1}});
  }
  SECTION("a file whose formula has another id, and one that returns a plain table") {
    OneScript s("grant.lua", "return collab.formula{ id = 'grant_share', title = 'G', weights = print }");
    std::ofstream(s.dir.path() / "scripts/formulae/plain.lua") << "return { id = 'plain' }";
    std::ofstream(s.dir.path() / "scripts/formulae/broken.lua") << "return collab.formula{ id = 'broken',";
    Diagnostics d;
    auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
    CHECK(library->scripts().empty());
    REQUIRE(d.errors() == 3);
    CHECK(d.items()[0].where.str() == "scripts/formulae/broken.lua:1");
    CHECK(d.items()[0].message.starts_with("syntax error: "));
    CHECK(d.items()[1].message == "the formula's id is 'grant_share' but its file is grant.lua");
    CHECK(d.items()[1].hint == "name the file grant_share.lua, or change the id to 'grant'");
    CHECK(d.items()[2].message == "the script returned a plain table: build it with collab.formula{...}");
  }
}
