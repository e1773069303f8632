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

FormulaChoice choice(const std::string& id, const nlohmann::json& params = nlohmann::json::object()) {
  return FormulaChoice{std::nullopt, id, test::params(params), SourceLocation{"data/test.json", 3, 7}};
}

std::vector<ForceId> every_force(const Model& model) {
  std::vector<ForceId> ids;
  for (const Force& f : model.forces) ids.push_back(f.id);
  return ids;
}

// Evaluates `c` for `participants` (every force when empty) of the library's own model.
std::shared_ptr<const Weights> evaluate(FormulaLibrary& library, const FormulaChoice& c, FinancialYear year,
                                        Diagnostics& d, std::vector<ForceId> participants = {}) {
  const auto& model = library.base_model();
  return library.evaluate(model, c, year, participants.empty() ? every_force(*model) : participants, d);
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
  CHECK(library->scripts().size() == 7);
  Diagnostics d;
  auto w = evaluate(*library, choice("grant_share"), k2016, d);
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

TEST_CASE("a formula runs once per formula, parameters, year and set of participants, however many units use it") {
  auto library = bundled(east_midlands());
  Diagnostics d;
  const std::vector<ForceId> four{"derbyshire", "leicestershire", "northamptonshire", "nottinghamshire"};
  for (int unit = 0; unit < 20; ++unit) REQUIRE(evaluate(*library, choice("grant_share"), k2016, d));
  CHECK(library->evaluations() == 1);
  // grant_share weighs the whole region (scope = "region"): a smaller set of participants asks nothing new.
  REQUIRE(evaluate(*library, choice("grant_share"), k2016, d, four));
  CHECK(library->evaluations() == 1);
  REQUIRE(evaluate(*library, choice("equal_share"), k2016, d));
  REQUIRE(evaluate(*library, choice("grant_share"), FinancialYear::starting(2016), d));
  CHECK(library->evaluations() == 2);
  // equal_share weighs the participants: one run per distinct set.
  for (int unit = 0; unit < 5; ++unit) REQUIRE(evaluate(*library, choice("equal_share"), k2016, d, four));
  CHECK(library->evaluations() == 3);
  INFO(all(d));
  CHECK(d.empty());
}

TEST_CASE("population_share and nre_share stop with a clear error where the data has no figures") {
  auto library = bundled(east_midlands());
  Diagnostics d;
  CHECK(evaluate(*library, choice("population_share"), k2016, d) == nullptr);
  CHECK(evaluate(*library, choice("nre_share"), k2016, d) == nullptr);
  REQUIRE(d.errors() == 2);
  const Diagnostic& population = d.items()[0];
  CHECK(population.where.file == "scripts/formulae/population_share.lua");
  CHECK(population.where.line == 15);
  CHECK(population.message ==
        "runtime error: error in 'collab.population': no resident population for Derbyshire Constabulary in 2015/16 (the "
        "data has none for any force): add \"population\": {\"<year>\": <people>} to each force in data/forces.json");
  CHECK(population.hint ==
        "while computing the weights for 2016/17 of derbyshire, leicestershire, lincolnshire, northamptonshire, "
        "nottinghamshire, as chosen at data/test.json:3:7");
  CHECK(d.items()[1].message.find("no net revenue expenditure for Derbyshire Constabulary in 2015/16") != std::string::npos);
}

TEST_CASE("every bundled formula on data that has every figure") {
  auto library = bundled(with_figures());
  Diagnostics d;
  auto weigh = [&](const FormulaChoice& c) {
    auto w = evaluate(*library, c, k2016, d);
    INFO(all(d));
    REQUIRE(w);
    return weights_of(*w);
  };
  using W = std::map<std::string, double>;
  CHECK(weigh(choice("grant_share")) == W{{"north", 50}, {"south", 30}, {"east", 20}});
  CHECK(weigh(choice("population_share")) == W{{"north", 600000}, {"south", 300000}, {"east", 100000}});
  CHECK(weigh(choice("nre_share")) == W{{"north", 12000000000}, {"south", 6000000000}, {"east", 2000000050}});
  CHECK(weigh(choice("equal_share")) == W{{"north", 1}, {"south", 1}, {"east", 1}});
  // Half on grant (50/30/20), half on population (60/30/10).
  CHECK(weigh(choice("blended", {{"mix", {{"grant", 50}, {"population", 50}}}})) ==
        W{{"north", 55}, {"south", 30}, {"east", 15}});
  CHECK(weigh(choice("blended", {{"mix", {{"equal", 1}}}})) == W{{"north", 100.0 / 3}, {"south", 100.0 / 3}, {"east", 100.0 / 3}});
  auto w = evaluate(*library, choice("fixed", {{"shares", {{"north", 40}, {"east", 60}}}}), k2016, d, {"north", "east"});
  REQUIRE(w);
  CHECK(weights_of(*w) == W{{"north", 40}, {"east", 60}});
}

TEST_CASE("a formula choice the script does not accept is an error at the choice's place in the data") {
  auto library = bundled(with_figures());
  Diagnostics d;
  CHECK_FALSE(evaluate(*library, choice("grant_shares"), k2016, d));
  CHECK_FALSE(evaluate(*library, choice("fixed"), k2016, d));
  CHECK_FALSE(evaluate(*library, choice("fixed", {{"share", {{"north", 100}}}}), k2016, d));
  CHECK_FALSE(evaluate(*library, choice("fixed", {{"shares", 100}}), k2016, d));
  const std::vector<ForceId> two{"north", "east"};
  CHECK_FALSE(evaluate(*library, choice("fixed", {{"shares", {{"north", 40}, {"east", 50}}}}), k2016, d, two));
  CHECK_FALSE(evaluate(*library, choice("fixed", {{"shares", {{"nort", 100}}}}), k2016, d, two));
  CHECK_FALSE(evaluate(*library, choice("fixed", {{"shares", {{"north", 100}}}}), k2016, d, two));
  std::vector<std::string> messages;
  for (const auto& item : d.items()) messages.push_back(item.where.str() + ": " + item.message);
  CHECK(messages == std::vector<std::string>{
                        "data/test.json:3:7: unknown formula 'grant_shares'",
                        "data/test.json:3:7: formula 'fixed' needs parameter 'shares'",
                        "data/test.json:3:7: formula 'fixed' has no parameter 'share'",
                        "data/test.json:3:7: formula 'fixed' needs parameter 'shares'",
                        "data/test.json:3:7: parameter 'shares' of formula 'fixed' must be a table, not a number",
                        "data/test.json:3:7: parameter 'shares' of formula 'fixed': the shares add up to 90%, not 100%",
                        "data/test.json:3:7: parameter 'shares.nort' of formula 'fixed': 'nort' has a share but takes "
                        "no part that year",
                        "data/test.json:3:7: parameter 'shares' of formula 'fixed': no share for 'east', which takes "
                        "part",
                    });
  CHECK(d.items()[0].hint ==
        "formulae loaded: blended, equal_share, fixed, grant_share, nre_share, population_share, usage_share");
}

TEST_CASE("a misbehaving formula is an error naming the script, and the library goes on working") {
  SECTION("a NaN weight names the force") {
    OneScript s("nan.lua", "return collab.formula{ id = 'nan', title = 'NaN', weights = function(_, forces)\n"
                           "  local w = {} for _, f in ipairs(forces) do w[f.id] = 1 end\n"
                           "  w.south = 0/0 return w end }");
    Diagnostics d;
    auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
    CHECK_FALSE(evaluate(*library, choice("nan"), k2016, d));
    REQUIRE(d.errors() == 1);
    CHECK(d.items()[0].message ==
          "runtime error: the weight of 'south' is NaN: weights must be finite numbers above zero (a force that "
          "pays nothing does not take part)");
  }
  SECTION("of several faults, the same one is named on every run, whatever the table's order") {
    // Lua seeds its string hashes afresh for each state, so a table's traversal order differs
    // from one load to the next: of the keys that are not a participant's the host names the
    // first in sorted order, then looks participants up in the model's order.
    OneScript s("faults.lua", "return collab.formula{ id = 'faults', title = 'F', weights = function(_, forces, params)\n"
                              "  local w = {} for _, f in ipairs(forces) do w[f.id] = params.bad and 'x' or 1 end\n"
                              "  if not params.bad then w.zz, w.aa, w.mm = 1, 1, 1 end return w end,\n"
                              "  params = { bad = { type = 'boolean', default = false } } }");
    for (int run = 0; run < 5; ++run) {
      Diagnostics d;
      auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
      CHECK_FALSE(evaluate(*library, choice("faults", {{"bad", true}}), k2016, d));
      CHECK_FALSE(evaluate(*library, choice("faults"), k2016, d));
      REQUIRE(d.errors() == 2);
      CHECK(d.items()[0].message == "runtime error: the weight of '" + library->base_model()->forces.front().id +
                                        "' is a string, not a number");
      CHECK(d.items()[1].message == "runtime error: weights returned a weight for 'aa', which is not a force id");
    }
  }
  SECTION("reading an input the formula did not declare") {
    OneScript s("sneaky.lua", "return collab.formula{ id = 'sneaky', title = 'S', weights = function(year, forces)\n"
                              "  return { north = collab.grant('north', '2015/16') } end }");
    Diagnostics d;
    auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
    CHECK_FALSE(evaluate(*library, choice("sneaky"), k2016, d));
    CHECK(d.items().at(0).message ==
          "runtime error: error in 'collab.grant': formula 'sneaky' reads 'grant' but does not list it in its inputs "
          "(add inputs = { \"grant\" })");
    CHECK(d.items().at(0).where.line == 2);
    CHECK(d.items().at(0).excerpt == "return { north = collab.grant('north', '2015/16') } end }");
    CHECK(d.items().at(0).detail.starts_with("stack traceback:"));
  }
  SECTION("reading an input the formula did not declare, for a list of forces") {
    OneScript s("sneaky.lua", "return collab.formula{ id = 'sneaky', title = 'S', inputs = { 'nre' },\n"
                              "  weights = function(year, forces)\n"
                              "  return { north = collab.grants(forces, '2015/16')[1] } end }");
    Diagnostics d;
    auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
    CHECK_FALSE(evaluate(*library, choice("sneaky"), k2016, d));
    CHECK(d.items().at(0).message ==
          "runtime error: error in 'collab.grants': formula 'sneaky' reads 'grant' but does not list it in its inputs "
          "(add inputs = { \"grant\" })");
    CHECK(d.items().at(0).where.line == 3);
  }
  SECTION("zero and negative weights name the force") {
    OneScript s("signs.lua", "return collab.formula{ id = 'signs', title = 'S', weights = function(_, _, params)\n"
                             "  return { north = 1, [params.who] = params.w } end,\n"
                             "  params = { who = { type = 'string' }, w = { type = 'number' } } }");
    Diagnostics d;
    auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
    CHECK_FALSE(evaluate(*library, choice("signs", {{"who", "east"}, {"w", 0}}), k2016, d, {"north", "east"}));
    CHECK_FALSE(evaluate(*library, choice("signs", {{"who", "south"}, {"w", -2.5}}), k2016, d, {"north", "south"}));
    CHECK_FALSE(evaluate(*library, choice("signs", {{"who", "Northern"}, {"w", 1}}), k2016, d, {"north"}));
    REQUIRE(d.errors() == 3);
    CHECK(d.items()[0].message ==
          "runtime error: the weight of 'east' is 0: weights must be finite numbers above zero (a force that pays "
          "nothing does not take part)");
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
    CHECK_FALSE(evaluate(*library, choice("loop"), k2016, d));
    REQUIRE(d.errors() == 1);
    INFO(d.items()[0].message);
    CHECK(d.items()[0].message == "CPU time limit: CPU time limit exceeded (100 ms)");
    CHECK(d.items()[0].where.file == "scripts/formulae/loop.lua");
    auto w = evaluate(*library, choice("loop", {{"stop", true}}), k2016, d, {"north"});
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

TEST_CASE("a formula's globals are frozen once it has loaded: assigning one fails at its line, the next call works") {
  OneScript s("counter.lua",
              "calls = 0\n"
              "function one() return 1 end\n"
              "return collab.formula{ id = 'counter', title = 'C', params = { count = { type = 'boolean', default = false } },\n"
              "  weights = function(_, forces, params)\n"
              "    if params.count then calls = calls + 1 end\n"
              "    local w = {} for _, f in ipairs(forces) do w[f.id] = one() + calls end\n"
              "    return w end }");
  Diagnostics d;
  auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
  REQUIRE(d.empty());
  CHECK_FALSE(evaluate(*library, choice("counter", {{"count", true}}), k2016, d));
  REQUIRE(d.errors() == 1);
  CHECK(d.items()[0].message ==
        "runtime error: error in formula 'counter': assigns global 'calls' (state kept between calls would make a "
        "sweep's scenarios depend on each other; use a local)");
  CHECK(d.items()[0].where.str() == "scripts/formulae/counter.lua:5");
  // The load-time globals read as they were, call after call, on both paths.
  for (FinancialYear year : {k2016, FinancialYear::starting(2017)}) {
    Diagnostics ok;
    auto w = evaluate(*library, choice("counter"), year, ok, {"north", "south"});
    INFO(all(ok));
    REQUIRE(w);
    CHECK(weights_of(*w) == std::map<std::string, double>{{"north", 1}, {"south", 1}});
  }
  auto lean = library->prepare_lean(choice("counter", {{"count", true}}), d);
  REQUIRE(lean);
  std::vector<double> weights(2);
  const std::vector<std::int32_t> first_two{0, 1};
  for (int call = 0; call < 3; ++call) {
    auto failure = library->evaluate_lean(*lean, library->base_model(), k2016, first_two, nullptr, weights);
    REQUIRE(failure);
    CHECK(failure->message.find("assigns global 'calls'") != std::string::npos);
  }
}

TEST_CASE("each call gets its own params: what one call writes there, the next does not see, on both paths") {
  // A formula that counts its calls in its params (nested too) and weighs by the count: with a
  // table of its own per call the count is always 1, so every call weighs alike.
  OneScript s("counting.lua",
              "return collab.formula{ id = 'counting', title = 'C',\n"
              "  params = { step = { type = 'number', default = 2 }, mix = { type = 'table' } },\n"
              "  weights = function(_, forces, params)\n"
              "    params.calls = (params.calls or 0) + 1\n"
              "    params.mix.seen = (params.mix.seen or 0) + 1\n"
              "    params.step = params.step * 10\n"
              "    local w = {} for _, f in ipairs(forces) do w[f.id] = params.calls + params.mix.seen + params.step end\n"
              "    return w end }");
  Diagnostics d;
  auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
  INFO(all(d));
  REQUIRE(d.empty());
  const FormulaChoice c = choice("counting", {{"mix", {{"seen", 0}}}});
  for (FinancialYear year : {k2016, FinancialYear::starting(2017)}) {
    Diagnostics ok;
    auto w = evaluate(*library, c, year, ok, {"north", "south"});
    INFO(all(ok));
    REQUIRE(w);
    CHECK(weights_of(*w) == std::map<std::string, double>{{"north", 22}, {"south", 22}});
  }
  auto lean = library->prepare_lean(c, d);
  REQUIRE(lean);
  std::vector<double> weights(2);
  const std::vector<std::int32_t> first_two{0, 1};
  for (int call = 0; call < 3; ++call) {
    auto failure = library->evaluate_lean(*lean, library->base_model(), k2016, first_two, nullptr, weights);
    REQUIRE_FALSE(failure);
    CHECK(weights == std::vector<double>{22, 22});
  }
}

TEST_CASE("a failed evaluation gives its error every time it is asked, without running the script again") {
  auto library = bundled(east_midlands());
  for (int ask = 0; ask < 3; ++ask) {
    Diagnostics d;
    CHECK(evaluate(*library, choice("population_share"), k2016, d) == nullptr);
    REQUIRE(d.errors() == 1);
    CHECK(d.items()[0].message.find("no resident population for Derbyshire Constabulary") != std::string::npos);
  }
  CHECK(library->evaluations() == 1);
}

TEST_CASE("weights gets the unit's participants and the whole region, and must weigh exactly the participants") {
  OneScript s("count.lua",
              "return collab.formula{ id = 'count', title = 'C', params = { extra = { type = 'string' }, skip = { type = 'string' } },\n"
              "  weights = function(year, forces, params, region)\n"
              "    local w, why = {}, {}\n"
              "    for _, f in ipairs(forces) do w[f.id] = #forces why[f.id] = #forces .. ' of ' .. #region end\n"
              "    if params.extra then w[params.extra] = 1 end\n"
              "    if params.skip then w[params.skip] = nil end\n"
              "    return w, why end }");
  Diagnostics d;
  auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
  REQUIRE(d.empty());
  auto w = evaluate(*library, choice("count"), k2016, d, {"north", "east"});
  REQUIRE(w);
  CHECK(weights_of(*w) == std::map<std::string, double>{{"north", 2}, {"east", 2}});
  CHECK(w->why.at("east") == "2 of 3");
  CHECK(w->participants == std::vector<ForceId>{"north", "east"});
  CHECK_FALSE(evaluate(*library, choice("count", {{"extra", "south"}}), k2016, d, {"north", "east"}));
  CHECK_FALSE(evaluate(*library, choice("count", {{"skip", "east"}}), k2016, d, {"north", "east"}));
  REQUIRE(d.errors() == 2);
  CHECK(d.items()[0].message ==
        "runtime error: weights returned a weight for 'south', which does not take part (the forces argument holds the "
        "participants: north, east)");
  CHECK(d.items()[1].message ==
        "runtime error: weights gave no weight to 'east', which takes part: return a weight for every force in the "
        "forces argument");
}

TEST_CASE("a formula evaluates against a changed copy of the model without reloading, and the baseline stays") {
  auto library = bundled(east_midlands());
  Diagnostics d;
  auto changed = std::make_shared<Model>(*east_midlands());
  for (GrantTable& table : changed->central_grants)
    if (table.year == FinancialYear::starting(2015)) table.amounts.at("lincolnshire") = Money::from_pounds(159'064'939);
  const auto forces = every_force(*changed);
  std::shared_ptr<const Model> scenario = changed;
  auto after = library->evaluate(scenario, choice("grant_share"), k2016, forces, d);
  auto before = evaluate(*library, choice("grant_share"), k2016, d);
  INFO(all(d));
  REQUIRE(after);
  REQUIRE(before);
  CHECK(before->weight_of("lincolnshire") != nullptr);
  CHECK(*before->weight_of("lincolnshire") == 12.9);
  // £159,064,939 of £559,581,623 is 28.43%.
  CHECK(*after->weight_of("lincolnshire") == 28.4);
  CHECK(after->reads.at(2).force == "lincolnshire");
  CHECK(after->reads.at(2).value == 15'906'493'900);
  CHECK(library->evaluations() == 2);
  // Asked again, each model's weights come from its own cache entry.
  CHECK(library->evaluate(scenario, choice("grant_share"), k2016, forces, d) == after);
  CHECK(library->evaluations() == 2);
}

TEST_CASE("a formula library refuses a model of another region's forces") {
  auto library = bundled(east_midlands());
  Diagnostics d;
  auto other = with_figures();
  CHECK_FALSE(library->evaluate(other, choice("equal_share"), k2016, every_force(*other), d));
  REQUIRE(d.errors() == 1);
  CHECK(d.items()[0].message ==
        "the formulae were loaded for another region's forces: a changed model must keep the region's forces");
}

TEST_CASE("collab.param_error points at the parameter in the data, not at the script") {
  auto library = bundled(with_figures());
  Diagnostics d;
  FormulaChoice c = choice("blended");
  c.params = test::params({{"mix", {{"grant", 50}, {"equall", 50}}}}, {"data/collaborations.json", 40, 9});
  // mix.equall sits at its own place:
  for (auto& [name, value] : c.params.members)
    for (auto& [basis, part] : value.members)
      if (basis == "equall") part.where = {"data/collaborations.json", 41, 32};
  CHECK_FALSE(library->evaluate(library->base_model(), c, k2016, every_force(*library->base_model()), d));
  REQUIRE(d.errors() == 1);
  const Diagnostic& e = d.items()[0];
  CHECK(e.where.str() == "data/collaborations.json:41:32");
  CHECK(e.message == "parameter 'mix.equall' of formula 'blended': unknown basis 'equall' (bases are grant, "
                     "population, nre, equal)");
  CHECK(e.hint.starts_with("raised at scripts/formulae/blended.lua:"));
  CHECK(e.hint.ends_with("while computing the weights for 2016/17 of north, south, east, as chosen at data/test.json:3:7"));
}

TEST_CASE("a script that does not load is reported once, not also as an unknown formula") {
  OneScript s("broken.lua", "return collab.formula{ id = 'broken',");
  Diagnostics d;
  auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
  REQUIRE(d.errors() == 1);
  CHECK_FALSE(library->check_choice(choice("broken"), d));
  CHECK_FALSE(evaluate(*library, choice("broken"), k2016, d));
  CHECK(d.errors() == 1);
  CHECK_FALSE(library->check_choice(choice("missing"), d));
  CHECK(d.errors() == 2);
  CHECK(d.items()[1].message == "unknown formula 'missing'");
}

TEST_CASE("what a formula prints reaches the run observer, with the limit report of each run") {
  OneScript s("talk.lua", "print('loading')\n"
                          "return collab.formula{ id = 'talk', title = 'T', weights = function(year, forces)\n"
                          "  print('weighing', year, #forces)\n"
                          "  warn('careful')\n"
                          "  return { north = 1 } end }");
  std::vector<ScriptRun> runs;
  Diagnostics d;
  auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d, {}, [&](const ScriptRun& r) { runs.push_back(r); });
  REQUIRE(evaluate(*library, choice("talk"), k2016, d, {"north"}));
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].what == "load");
  REQUIRE(runs[0].log.size() == 1);
  CHECK(runs[0].log[0].text == "loading");
  CHECK(runs[1].what == "weights 2016/17 for north");
  REQUIRE(runs[1].log.size() == 2);
  CHECK(runs[1].log[0].text == "weighing\t2016/17\t1");
  CHECK(runs[1].log[1].kind == lua::LogLine::Kind::Warning);
  CHECK(runs[1].log[1].text == "careful");
  CHECK(runs[1].report.memory_limit_bytes > 0);
}

TEST_CASE("against a changed model, collab.unit and collab.participants answer for that model") {
  OneScript s("by_unit.lua",
              "return collab.formula{ id = 'by_unit', title = 'U', weights = function(year, forces)\n"
              "  local u = collab.unit('lab')\n"
              "  local w = {} for _, id in ipairs(collab.participants(u, year)) do w[id] = #u.name end\n"
              "  return w end }");
  Diagnostics d;
  auto library = FormulaLibrary::load(s.dir.path(), with_figures(), d);
  REQUIRE(d.empty());
  auto changed = std::make_shared<Model>(*with_figures());
  Collaboration lab;
  lab.id = "lab";
  lab.name = "Laboratory";
  lab.short_name = "Lab";
  lab.participants.push_back(ParticipationPeriod{k2016, std::vector<ForceId>{"north", "east"}, std::nullopt, "", "", {}, {}});
  changed->collaborations.push_back(lab);
  std::shared_ptr<const Model> scenario = changed;
  auto w = library->evaluate(scenario, choice("by_unit"), k2016, {"north", "east"}, d);
  INFO(all(d));
  REQUIRE(w);
  CHECK(weights_of(*w) == std::map<std::string, double>{{"north", 10}, {"east", 10}});
  // The library's own model has no such unit.
  CHECK_FALSE(evaluate(*library, choice("by_unit"), k2016, d, {"north", "east"}));
}
