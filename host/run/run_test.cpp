// The nightly job's machinery: run.json read strictly, names kept inside the run's folder,
// staging promoted and runs pruned, the lock, and the change summary.

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "load/loader.h"
#include "run/changes.h"
#include "run/config.h"
#include "run/expectations.h"
#include "run/lock.h"
#include "run/manifest.h"
#include "run/staging.h"
#include "test_support.h"

using namespace collab;
using collab::test::TempDir;

namespace {

std::string all(const Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items()) out += format_diagnostic(item) + "\n";
  return out;
}

run::RunConfig config_of(const TempDir& dir, const std::string& text, Diagnostics& d) {
  std::filesystem::create_directories(dir.path() / "data");
  std::ofstream(dir.path() / "data/run.json") << text;
  return run::read_run_config(dir.path(), d);
}

}  // namespace

TEST_CASE("run.json: the defaults without a file, the file's values with one") {
  TempDir dir;
  Diagnostics d;
  auto defaults = run::read_run_config(dir.path(), d);
  CHECK(d.empty());
  CHECK(defaults.all_reports);
  CHECK(defaults.formats.size() == 5);
  CHECK(defaults.keep == 10);
  auto c = config_of(dir, R"({"years": ["2017/18", "2016/17"], "reports": ["contributions"], "formats": ["md", "json"],
    "keep": 3, "promote_with_failures": true, "scenarios": [], "limits": {"cpu_ms": 100}})", d);
  CHECK(all(d).empty());
  REQUIRE(c.years.size() == 2);
  CHECK(c.years.front().str() == "2016/17");
  CHECK(!c.all_reports);
  CHECK(c.reports == std::vector<std::string>{"contributions"});
  CHECK(c.formats == std::vector<std::string>{"md", "json"});
  CHECK(c.keep == 3);
  CHECK(c.promote_with_failures);
  CHECK(!c.all_scenarios);
  CHECK(c.scenarios.empty());
}

TEST_CASE("run.json: an unknown key is an error at its line:column with the nearest key") {
  TempDir dir;
  Diagnostics d;
  (void)config_of(dir, "{\n  \"formts\": [\"md\"],\n  \"keep\": 0,\n  \"formats\": [\"docx\"]\n}", d);
  const std::string text = all(d);
  CHECK(d.errors() == 4);  // and the formats left empty
  CHECK(text.find("data/run.json:2:13: error: unknown key 'formts' (did you mean 'formats'?)") != std::string::npos);
  CHECK(text.find("data/run.json:3:11: error: 'keep' must be a whole number") != std::string::npos);
  CHECK(text.find("unknown format 'docx'") != std::string::npos);
}

TEST_CASE("run flags replace the file's lists; comma-separated, all and none") {
  run::RunConfig c;
  Diagnostics d;
  run::RunFlags flags;
  flags.formats = {"md,json"};
  flags.scenarios = {"none"};
  flags.years = {"2016/17"};
  run::apply_flags(flags, c, d);
  CHECK(d.empty());
  CHECK(c.formats == std::vector<std::string>{"md", "json"});
  CHECK(!c.all_scenarios);
  CHECK(c.scenarios.empty());
  REQUIRE(c.years.size() == 1);
  flags.formats = {"pdf"};
  run::apply_flags(flags, c, d);
  CHECK(d.errors() == 1);
}

TEST_CASE("an output name stays inside the run's folder") {
  CHECK(run::stays_inside("reports/2016-17/contributions.md"));
  CHECK(!run::stays_inside("../x"));
  CHECK(!run::stays_inside("reports/../../x"));
  CHECK(!run::stays_inside("/etc/passwd"));
  CHECK(!run::stays_inside("a//b"));
  CHECK(!run::stays_inside("a b"));
  CHECK(!run::stays_inside(""));
}

TEST_CASE("staging: promoted by rename, latest swapped, old runs pruned but never latest's") {
  TempDir dir;
  const auto out = dir.path();
  std::vector<std::string> names;
  for (int i = 0; i < 3; ++i) {
    auto staging = run::Staging::create(out, "20260101T000000Z");
    REQUIRE(staging);
    CHECK(!staging.value().write("a/b.txt", "hello").has_value());
    CHECK(staging.value().write("../escape.txt", "x").has_value());
    CHECK(staging.value().write("a/b.txt", "again").has_value());  // never twice
    CHECK(!staging.value().sync_folders().has_value());
    std::string name;
    REQUIRE(!staging.value().promote("20260101T000000Z", name).has_value());
    names.push_back(name);
  }
  CHECK(names == std::vector<std::string>{"20260101T000000Z", "20260101T000000Z-2", "20260101T000000Z-3"});
  CHECK(run::latest_run(out) == std::optional<std::string>("20260101T000000Z-3"));
  CHECK(!std::filesystem::exists(out / "escape.txt"));
  // A leftover of a killed run is cleaned; pruning to one keeps latest's.
  std::filesystem::create_directories(out / ".staging-x-1/reports");
  CHECK(run::clean_leftovers(out) == std::vector<std::string>{".staging-x-1"});
  CHECK(run::prune_runs(out, 1) == std::vector<std::string>{"20260101T000000Z", "20260101T000000Z-2"});
  CHECK(run::list_runs(out) == std::vector<std::string>{"20260101T000000Z-3"});
  // An unpromoted staging folder is removed when it goes.
  { auto staging = run::Staging::create(out, "20260102T000000Z"); REQUIRE(staging); }
  CHECK(run::clean_leftovers(out).empty());
}

TEST_CASE("the lock: a second taker is refused with the holder's pid; a dead holder's file is taken over") {
  TempDir dir;
  std::string error, stale;
  {
    auto first = run::RunLock::take(dir.path(), error, stale);
    REQUIRE(first);
    CHECK(stale.empty());
    auto second = run::RunLock::take(dir.path(), error, stale);
    CHECK(!second);
    CHECK(error.find(fmt::format("pid {}", ::getpid())) != std::string::npos);
  }
  std::ofstream(dir.path() / ".lock") << "999999999\n";  // what a killed run leaves
  error.clear();
  auto third = run::RunLock::take(dir.path(), error, stale);
  CHECK(third);
  CHECK(stale == "999999999");
  CHECK(!run::pid_running("999999999"));
  CHECK(!run::pid_running("12x"));
  CHECK(run::pid_running(std::to_string(::getpid())));
}

TEST_CASE("changes: inputs by hash, figures largest move first, a summary; none for the same inputs") {
  const std::vector<run::InputFile> before{{"data/a.json", "aa", 1}, {"data/b.json", "bb", 1}};
  const std::vector<run::InputFile> after{{"data/a.json", "aa", 1}, {"data/b.json", "cc", 1}, {"data/c.json", "dd", 1}};
  run::Figures f1{{"data/2016-17/u/notts/cash", {"2016/17 U: Notts cash", 100}},
                  {"data/2016-17/u/leics/cash", {"2016/17 U: Leics cash", 500}},
                  {"data/2016-17/total/notts/all", {"2016/17 total: Notts cash and in kind", 100}}};
  run::Figures f2 = f1;
  f2["data/2016-17/u/notts/cash"].pence = 300;
  f2["data/2016-17/u/leics/cash"].pence = 400;
  f2["data/2016-17/total/notts/all"].pence = 300;
  auto c = run::compare_runs("R1", before, f1, after, f2);
  REQUIRE(c.inputs.size() == 2);
  CHECK(c.inputs[0].path == "data/b.json");
  CHECK(c.inputs[0].change == "changed");
  CHECK(c.inputs[1].change == "added");
  REQUIRE(c.figures.size() == 3);
  CHECK(c.figures[0].delta() == 200);
  CHECK(c.figures[2].delta() == -100);
  const std::string summary = run::changes_summary(c);
  CHECK(summary.find("Since the run of R1, 2 inputs changed: data/b.json (changed), data/c.json (added)") != std::string::npos);
  CHECK(summary.find("3 figures moved") != std::string::npos);
  CHECK(run::changes_markdown(c).find("| 2016/17 U: Leics cash | £5 | £4 | -£1 |") != std::string::npos);
  auto same = run::compare_runs("R1", before, f1, before, f1);
  CHECK(same.empty());
  CHECK(run::changes_summary(same) == "Nothing changed since the run of R1: the same inputs, and every figure as it was.");
}

TEST_CASE("expectations: read against the bundled model; faults at their place; a figure that moved named") {
  const load::LoadOutcome data = load::load_data_set(test::source_dir());
  REQUIRE(data.model);
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "data/expectations");
  std::ofstream(dir.path() / "data/expectations/a.json") << R"({"expectations": [
    {"figure": "contribution", "year": "2016/17", "unit": "emsou-soc", "force": "nottinghamshire", "amount": "£2,641,009"},
    {"figure": "total", "year": "2016/17", "force": "lincolnshire", "amount": 3603250, "tolerance_pence": 50},
    {"figure": "budget", "scenario": "grant-falls-5", "year": "2017/18", "unit": "emsou-soc", "amount": 1}
  ]})";
  Diagnostics d;
  auto expectations = run::load_expectations(dir.path(), *data.model, {"grant-falls-5"}, d);
  CHECK(all(d).empty());
  REQUIRE(expectations.size() == 3);
  CHECK(expectations[0].key == "data/2016-17/emsou-soc/nottinghamshire/cash");
  CHECK(expectations[0].where.str() == "data/expectations/a.json:2:5");
  CHECK(expectations[1].key == "data/2016-17/total/lincolnshire/all");
  CHECK(expectations[1].tolerance == 50);
  CHECK(expectations[2].key == "grant-falls-5/2017-18/emsou-soc/budget/cash");
  CHECK(run::needed(expectations).size() == 2);

  run::Figures figures{{"data/2016-17/emsou-soc/nottinghamshire/cash", {"2016/17 EMSOU SOC: Notts cash", 264100900}},
                       {"data/2016-17/total/lincolnshire/all", {"2016/17 total: Lincs cash and in kind", 360325051}}};
  auto failures = run::check_expectations(expectations, figures);
  REQUIRE(failures.size() == 2);  // 51p beyond a 50p tolerance; the scenario's figure not computed
  CHECK(run::failure_text(failures[0]) ==
        "data/expectations/a.json:3:5: 2016/17 total: Lincs cash and in kind is £3,603,250.51, pinned at £3,603,250 "
        "(within £0.50 either way): moved +£0.51");
  CHECK(run::failure_text(failures[1]).find("was not computed") != std::string::npos);
  figures["data/2016-17/total/lincolnshire/all"].pence = 360325050;
  CHECK(run::check_expectations(expectations, figures).size() == 1);

  std::ofstream(dir.path() / "data/expectations/b.json") << R"({"expectations": [
    {"figure": "contribution", "year": "2016/17", "unit": "emsou-scc", "force": "notts", "amount": 1, "tolerence_pence": 1},
    {"figure": "saving", "year": "2016/17", "amount": 1}
  ], "expectation": []})";
  Diagnostics bad;
  (void)run::load_expectations(dir.path(), *data.model, {}, bad);
  const std::string text = all(bad);
  INFO(text);
  CHECK(text.find("b.json:2:122: error: unknown key 'tolerence_pence' (did you mean 'tolerance_pence'?)") != std::string::npos);
  CHECK(text.find("unknown unit 'emsou-scc' (did you mean 'emsou-soc'?)") != std::string::npos);
  CHECK(text.find("unknown force 'notts'") != std::string::npos);
  CHECK(text.find("unknown figure 'saving'") != std::string::npos);
  CHECK(text.find("unknown key 'expectation' (did you mean 'expectations'?)") != std::string::npos);
}
