// docs/lua/collab.lua (the LuaLS ---@meta file) names exactly what the host exposes: a name
// added to one and not the other fails here.

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "api/api.h"
#include "reporting/script_host.h"
#include "scenario/rule_library.h"
#include "load/loader.h"
#include "test_support.h"

using namespace collab;

namespace {

// The names of collab.* in `sandbox`.
std::set<std::string> names_in(lua::Sandbox& sandbox) {
  // Walks collab.* through pairs (the proxies support it), into every table that holds functions.
  const lua::RunResult r = sandbox.run("walk.lua", R"(
    local names = {}
    local function holds_functions(t)
      for _, v in pairs(t) do if type(v) == 'function' then return true end end
      return false
    end
    local function walk(prefix, t)
      for k, v in pairs(t) do
        local name = prefix .. '.' .. k
        names[#names + 1] = name
        if type(v) == 'table' and holds_functions(v) then walk(name, v) end
      end
    end
    walk('collab', collab)
    return table.concat(names, '\n')
  )");
  REQUIRE(r.ok());
  std::set<std::string> names;
  std::istringstream lines(*r.values.at(0).string());
  for (std::string line; std::getline(lines, line);) names.insert(line);
  return names;
}

std::shared_ptr<const Model> minimal_model() {
  static const auto outcome = load::load_data_set(test::source_dir() / "tests/data/minimal");
  REQUIRE(outcome.model);
  return outcome.model;
}

// What a formula script sees.
std::set<std::string> exposed_names() {
  api::ApiContext context{minimal_model()};
  lua::Sandbox sandbox;
  api::install(sandbox, context);
  return names_in(sandbox);
}

// What a report script sees.
std::set<std::string> report_names() {
  reporting::Services services;
  reporting::ScriptHost host(minimal_model(), services, {});
  return names_in(host.sandbox());
}

// What a what-if rule script sees (scripts/whatif/*.lua).
std::set<std::string> rule_names() {
  Diagnostics ignored;
  auto rules = scenario::RuleLibrary::load(test::source_dir() / "no-such-root", minimal_model(), ignored);
  return names_in(rules->sandbox());
}

// The names a meta file defines: `function collab.a.b(`, `collab.a = ` and, for a class whose
// functions are methods, `function collab.draft:withdraw(` (as collab.draft.withdraw).
std::set<std::string> documented_names(const char* file = "docs/lua/collab.lua") {
  std::ifstream in(test::source_dir() / file);
  REQUIRE(in);
  const std::regex method_line(R"(^function (collab(\.\w+)+):(\w+)\()");
  const std::regex function_line(R"(^function (collab(\.\w+)+)\()");
  const std::regex value_line(R"(^(collab(\.\w+)+) = )");
  std::set<std::string> names;
  std::smatch m;
  for (std::string line; std::getline(in, line);)
    if (std::regex_search(line, m, method_line)) names.insert(m[1].str() + "." + m[3].str());
    else if (std::regex_search(line, m, function_line) || std::regex_search(line, m, value_line)) names.insert(m[1]);
  return names;
}

}  // namespace

TEST_CASE("the LuaLS meta file documents every name of collab.*, and only those") {
  const auto exposed = exposed_names();
  const auto documented = documented_names();
  CHECK(exposed.count("collab.formula") == 1);
  CHECK(exposed.count("collab.money.format") == 1);
  for (const auto& name : exposed) {
    INFO("exposed but not in docs/lua/collab.lua: " << name);
    CHECK(documented.count(name) == 1);
  }
  for (const auto& name : documented) {
    INFO("in docs/lua/collab.lua but not exposed: " << name);
    CHECK(exposed.count(name) == 1);
  }
}

TEST_CASE("the report meta file documents every name report scripts see beyond collab.lua, and only those") {
  auto documented = documented_names();
  const auto report_only = documented_names("docs/lua/collab-report.lua");
  documented.insert(report_only.begin(), report_only.end());
  const auto exposed = report_names();
  CHECK(exposed.count("collab.layout.table") == 1);
  CHECK(exposed.count("collab.record.workforce") == 1);
  for (const auto& name : exposed) {
    INFO("a report sees it, but neither meta file documents it: " << name);
    CHECK(documented.count(name) == 1);
  }
  for (const auto& name : documented) {
    INFO("documented but not exposed to reports: " << name);
    CHECK(exposed.count(name) == 1);
  }
}

TEST_CASE("the rule meta file documents every name rule scripts see beyond collab.lua, and only those") {
  auto documented = documented_names();
  const auto rule_only = documented_names("docs/lua/collab-rule.lua");
  documented.insert(rule_only.begin(), rule_only.end());
  const auto exposed = rule_names();
  CHECK(exposed.count("collab.rule") == 1);
  CHECK(exposed.count("collab.draft.withdraw") == 1);
  CHECK(exposed.count("collab.whatif.change") == 1);
  CHECK(rule_only.count("collab.draft.set_budget") == 1);  // read from "function collab.draft:set_budget("
  for (const auto& name : exposed) {
    INFO("a rule sees it, but neither meta file documents it: " << name);
    CHECK(documented.count(name) == 1);
  }
  for (const auto& name : documented) {
    INFO("documented but not exposed to rules: " << name);
    CHECK(exposed.count(name) == 1);
  }
}
