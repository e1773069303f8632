// Report scripts and plug-ins loaded from a folder written inline, built against the bundled
// data: the layout API's checks and messages, parameters, explanations, and the containment of
// plug-ins (bad manifests, other API versions, errors, limits, paths, globals).

#include "reporting/report_library.h"

#include <catch2/catch.hpp>

#include <fstream>

#include "load/loader.h"
#include "test_support.h"

using namespace collab;
using namespace collab::reporting;

namespace {

std::shared_ptr<const Model> east_midlands() {
  static const auto model = [] {
    auto outcome = load::load_data_set(test::source_dir());
    REQUIRE(outcome.model);
    return outcome.model;
  }();
  return model;
}

void write(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

std::string all(const Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items()) out += format_diagnostic(item) + "\n";
  return out;
}

// A library over `root` whose ledger is the bundled data's, computed with the bundled formulae.
struct Fixture {
  test::TempDir root;
  Diagnostics formula_problems;
  std::unique_ptr<formula::FormulaLibrary> formulae =
      formula::FormulaLibrary::load(test::source_dir(), east_midlands(), formula_problems);
  std::map<int, ledger::Ledger> ledgers;
  int explained = 0;
  lua::Limits limits;

  std::unique_ptr<ReportLibrary> load(Diagnostics& diagnostics) {
    Services services;
    services.ledger = [this](FinancialYear year, Diagnostics& d) -> const ledger::Ledger* {
      auto it = ledgers.find(year.start_year());
      if (it == ledgers.end())
        it = ledgers.emplace(year.start_year(), ledger::compute_ledger(*formulae, east_midlands(), year, Money::from_pence(100), d)).first;
      return &it->second;
    };
    services.explain = [this](const api::ExplainRequest& r) -> Result<report::Explanation> {
      ++explained;
      if (r.force == "nowhere") return fail("unknown force 'nowhere'");
      return report::Explanation{"", "explained " + r.unit + "/" + r.force, {"line one"}};
    };
    return ReportLibrary::load(root.path(), east_midlands(), services, diagnostics, limits);
  }
  void report(const std::string& name, const std::string& source) { write(root.path() / "scripts/reports" / name, source); }
};

const char* kGood = R"(
return collab.report {
  id = "good",
  title = "Good",
  params = { label = { type = "string", default = "Units" }, scale = { type = "number" } },
  build = function(ctx, params)
    local ledger = collab.ledger(ctx.year)
    local rows = {}
    for _, row in ipairs(ledger.rows) do
      if row.kind == "cash" then
        rows[#rows + 1] = { unit = row.label,
          notts = collab.layout.cell { row.parts.nottinghamshire, explain = { unit = row.unit, force = "nottinghamshire", year = ctx.year } } }
      end
    end
    rows[#rows + 1] = collab.layout.total { unit = "Total" }
    return collab.layout.document {
      title = "Good " .. ctx.year,
      blocks = {
        collab.layout.heading(params.label),
        collab.layout.paragraph("plain ", collab.layout.em("em"), collab.layout.footnote_ref("f1")),
        collab.layout.table { id = "t", title = "T", rows = rows, columns = {
          { key = "unit", title = "Unit" }, { key = "notts", title = "Notts", type = "money" } } },
        collab.layout.chart { kind = "bar", table = "t", category = "unit", series = { "notts" } },
      },
      footnotes = { { id = "f1", text = "a footnote" } },
    }
  end,
}
)";

}  // namespace

TEST_CASE("a report builds into a completed document: totals summed, explanations resolved, params recorded") {
  Fixture f;
  f.report("good.lua", kGood);
  Diagnostics d;
  auto library = f.load(d);
  REQUIRE(d.errors() == 0);
  const ReportScript* good = library->find("good");
  REQUIRE(good != nullptr);
  BuildRequest request;
  request.params = {{"scale", "2.5"}};
  auto doc = library->build(*good, request, d);
  INFO(all(d));
  REQUIRE(doc);
  CHECK(doc->id == "good");
  CHECK(doc->title == "Good 2016/17");
  REQUIRE(doc->params.size() == 2);
  CHECK(doc->params[0].name == "year");
  CHECK(doc->params[1].value == "2.5");
  const auto& heading = std::get<report::Heading>(doc->blocks[0]);
  CHECK(heading.text == "Units");  // the default
  const auto& table = std::get<report::Table>(doc->blocks[2]);
  REQUIRE(table.rows.size() == 9);  // 8 cash rows and the total
  const auto& total = table.rows.back();
  CHECK(total.kind == report::RowKind::Total);
  // Nottinghamshire's cash rows of 2016/17 add up to £6,327,643 (collab explain Total Notts).
  CHECK(std::get<Money>(total.cells[1].value).pence() == 632764300);
  CHECK(total.cells[1].computed);
  CHECK(f.explained == 8);
  REQUIRE(doc->explanations.size() == 8);
  CHECK(doc->explanations[0].id == table.rows[0].cells[1].explain);
}

TEST_CASE("a layout's fault names the script line, the block, the row and the column") {
  Fixture f;
  f.report("bad-cell.lua", R"(return collab.report { id = "bad-cell", title = "x", build = function()
  local t = collab.layout.table { id = "t", title = "T",
    columns = { { key = "unit" }, { key = "amount", type = "money" } },
    rows = { { unit = "a", amount = 1 }, { unit = "b", amount = "12.50" } } }
  return collab.layout.document { title = "x", blocks = { t } }
end }
)");
  f.report("bad-key.lua", R"(return collab.report { id = "bad-key", title = "x", build = function()
  return collab.layout.document { title = "x", blocks = {
    collab.layout.table { id = "t", title = "T", columns = { { key = "unit" } }, rows = { { unti = "a" } } } } }
end }
)");
  f.report("bad-field.lua", R"(return collab.report { id = "bad-field", title = "x", build = function()
  return collab.layout.document { title = "x", blocks = {
    collab.layout.chart { kind = "bar", table = "t", category = "c", serie = { "a" } } } }
end }
)");
  f.report("plain.lua", R"(return collab.report { id = "plain", title = "x", build = function()
  return { title = "x", blocks = {} }
end }
)");
  f.report("fraction.lua", R"(return collab.report { id = "fraction", title = "x", build = function()
  return collab.layout.document { title = "x", blocks = {
    collab.layout.table { id = "t", title = "T", columns = { { key = "n", type = "money" } }, rows = { { n = 0.5 } } } } }
end }
)");
  Diagnostics d;
  auto library = f.load(d);
  REQUIRE(d.errors() == 0);
  auto fault = [&](const char* id) {
    Diagnostics problems;
    CHECK_FALSE(library->build(*library->find(id), {}, problems));
    return all(problems);
  };
  CHECK_THAT(fault("bad-cell"), Catch::Contains("scripts/reports/bad-cell.lua:2: error: report 'bad-cell': runtime error: table 't' (block 1): ") &&
                                    Catch::Contains("row 2 (body), column 'amount': money (an integer number of pence) "
                                                    "expected, got string"));
  CHECK_THAT(fault("bad-key"), Catch::Contains("bad-key.lua:3") && Catch::Contains("row 1 (body): 'unti' is not a column of the table"));
  CHECK_THAT(fault("bad-field"), Catch::Contains("bad-field.lua:3") && Catch::Contains("unknown field 'serie' (a chart has kind, title, table, category, series)"));
  CHECK_THAT(fault("plain"), Catch::Contains("build returned a table, not collab.layout.document{...}"));
  CHECK_THAT(fault("fraction"), Catch::Contains("got the number 0.5 (a fraction, NaN or beyond int64)"));
}

TEST_CASE("parameters are checked against what the report declares") {
  Fixture f;
  f.report("good.lua", kGood);
  Diagnostics d;
  auto library = f.load(d);
  const ReportScript& good = *library->find("good");
  auto fault = [&](std::vector<std::pair<std::string, std::string>> params) {
    Diagnostics problems;
    BuildRequest request;
    request.params = std::move(params);
    CHECK_FALSE(library->build(good, request, problems));
    return all(problems);
  };
  CHECK_THAT(fault({{"scael", "1"}}), Catch::Contains("report 'good' has no parameter 'scael'") && Catch::Contains("label, scale"));
  CHECK_THAT(fault({{"scale", "lots"}}), Catch::Contains("parameter 'scale' must be a number, not 'lots'"));
}

TEST_CASE("an explanation the host cannot give fails the report at the layout's line") {
  Fixture f;
  f.report("nowhere.lua", R"(return collab.report { id = "nowhere", title = "x", build = function(ctx)
  return collab.layout.document { title = "x", blocks = {
    collab.layout.table { id = "t", title = "T", columns = { { key = "n", type = "money" } },
      rows = { { n = collab.layout.cell { 1, explain = { force = "nowhere", year = ctx.year } } } } } } }
end }
)");
  Diagnostics d;
  auto library = f.load(d);
  Diagnostics problems;
  CHECK_FALSE(library->build(*library->find("nowhere"), {}, problems));
  CHECK_THAT(all(problems), Catch::Contains("nowhere.lua:3: explain: unknown force 'nowhere'"));
}

namespace {

void add_plugin(Fixture& f, const std::string& name, const std::string& manifest, const std::string& file = "",
            const std::string& source = "") {
  write(f.root.path() / "plugins" / name / "plugin.json", manifest);
  if (!file.empty()) write(f.root.path() / "plugins" / name / file, source);
}

std::string manifest(const std::string& name, const std::string& reports = R"(["r.lua"])", int api = 1) {
  return R"({"name": ")" + name + R"(", "version": "1.0", "api_version": )" + std::to_string(api) +
         R"(, "reports": )" + reports + "}";
}

std::string simple_report(const std::string& id, const std::string& body = "") {
  return body + "\nreturn collab.report { id = \"" + id + "\", title = \"" + id +
         "\", build = function() return collab.layout.document { title = tostring(rawget(_G, 'shared')), blocks = {} } end }\n";
}

const plugin::PluginStatus& status_of(const ReportLibrary& library, const std::string& folder) {
  for (const auto& p : library.plugins())
    if (p.folder == "plugins/" + folder) return p;
  FAIL("no plug-in " << folder);
  return library.plugins().front();
}

std::string problems_of(const plugin::PluginStatus& p) {
  std::string out;
  for (const auto& d : p.problems) out += format_diagnostic(d) + "\n";
  return out;
}

}  // namespace

TEST_CASE("each broken plug-in is listed with its error and skipped; the others still load") {
  Fixture f;
  f.limits.cpu_time = std::chrono::milliseconds(200);
  f.report("good.lua", kGood);
  add_plugin(f, "fine", manifest("fine"), "r.lua", simple_report("fine-report", "shared = 'fine was here'"));
  add_plugin(f, "other", manifest("other"), "r.lua", simple_report("other-report"));
  add_plugin(f, "newer", manifest("newer", R"(["r.lua"])", 2), "r.lua", simple_report("newer-report"));
  add_plugin(f, "typo", R"({"name": "typo", "version": "1", "api_version": 1, "reports": ["r.lua"], "report": []})", "r.lua",
         simple_report("typo-report"));
  add_plugin(f, "misnamed", manifest("other-name"), "r.lua", simple_report("misnamed-report"));
  add_plugin(f, "syntax", manifest("syntax"), "r.lua", "return collab.report { id = \n");
  add_plugin(f, "loop", manifest("loop"), "r.lua", "while true do end");
  add_plugin(f, "escape", manifest("escape", R"(["../../scripts/reports/good.lua"])"));
  add_plugin(f, "clash", manifest("clash"), "r.lua", simple_report("good"));
  add_plugin(f, "broken-json", "{ \"name\": ");
  std::filesystem::create_directories(f.root.path() / "plugins/linked");
  write(f.root.path() / "outside.lua", simple_report("outside"));
  write(f.root.path() / "plugins/linked/plugin.json", manifest("linked", R"(["link.lua"])"));
  std::filesystem::create_symlink(f.root.path() / "outside.lua", f.root.path() / "plugins/linked/link.lua");

  Diagnostics d;
  auto library = f.load(d);
  CHECK(d.errors() == 0);  // a plug-in's fault is a warning: it never stops the rest
  CHECK(library->find("good") != nullptr);
  CHECK(status_of(*library, "fine").state == plugin::PluginState::Loaded);
  CHECK(library->find("fine-report") != nullptr);
  CHECK(status_of(*library, "newer").state == plugin::PluginState::Incompatible);
  CHECK_THAT(problems_of(status_of(*library, "newer")), Catch::Contains("needs host API version 2; this collab provides version 1"));
  CHECK_THAT(problems_of(status_of(*library, "typo")), Catch::Contains("plugins/typo/plugin.json:1:") && Catch::Contains("unknown field 'report'"));
  CHECK_THAT(problems_of(status_of(*library, "misnamed")), Catch::Contains("is not the plug-in's folder name 'misnamed'"));
  CHECK_THAT(problems_of(status_of(*library, "syntax")), Catch::Contains("plugins/syntax/r.lua:2:"));
  CHECK_THAT(problems_of(status_of(*library, "loop")), Catch::Contains("CPU time limit exceeded (200 ms)"));
  CHECK_THAT(problems_of(status_of(*library, "escape")), Catch::Contains("is not a script of the plug-in's folder"));
  CHECK_THAT(problems_of(status_of(*library, "linked")), Catch::Contains("a link that leads out of the plug-in's folder is refused"));
  CHECK_THAT(problems_of(status_of(*library, "clash")), Catch::Contains("report id 'good' is taken by another report"));
  CHECK(status_of(*library, "broken-json").state == plugin::PluginState::Failed);
  for (const char* id : {"newer-report", "typo-report", "misnamed-report", "outside"}) CHECK(library->find(id) == nullptr);
  CHECK(library->find("good")->plugin.empty());  // the clash did not replace the built-in

  // No plug-in sees another's globals: 'fine' set one when it loaded, 'other' reads nil.
  Diagnostics problems;
  auto fine = library->build(*library->find("fine-report"), {}, problems);
  auto other = library->build(*library->find("other-report"), {}, problems);
  REQUIRE(fine);
  REQUIRE(other);
  CHECK(fine->title == "fine was here");
  CHECK(other->title == "nil");
}

TEST_CASE("a report that breaks a limit while building fails alone") {
  Fixture f;
  f.limits.cpu_time = std::chrono::milliseconds(200);
  f.report("good.lua", kGood);
  f.report("spin.lua", R"(return collab.report { id = "spin", title = "x", build = function() while true do end end })");
  f.report("hog.lua", R"(return collab.report { id = "hog", title = "x", build = function()
  local t = {} for i = 1, 1e9 do t[i] = ("x"):rep(64) .. i end end })");
  Diagnostics d;
  auto library = f.load(d);
  Diagnostics spin, hog, good;
  CHECK_FALSE(library->build(*library->find("spin"), {}, spin));
  CHECK_THAT(all(spin), Catch::Contains("CPU time limit exceeded"));
  CHECK_FALSE(library->build(*library->find("hog"), {}, hog));
  CHECK_THAT(all(hog), Catch::Contains("memory") || Catch::Contains("CPU time limit exceeded"));
  CHECK(library->build(*library->find("good"), {}, good));
}
