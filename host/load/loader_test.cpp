#include "load/loader.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "test_support.h"

using namespace collab;
using collab::test::source_dir;
using collab::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string all_diagnostics(const Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items()) out += format_diagnostic(item) + "\n";
  return out;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Copies the minimal data set, then lays one bad case's files over it
// ("X.absent" deletes data/X).
void build_case(const fs::path& case_dir, const fs::path& root) {
  fs::copy(source_dir() / "tests/data/minimal", root, fs::copy_options::recursive);
  for (const auto& entry : fs::directory_iterator(case_dir)) {
    auto name = entry.path().filename().string();
    if (name == "expected.txt") continue;
    if (entry.path().extension() == ".absent") fs::remove(root / "data" / entry.path().stem());
    else fs::copy_file(entry.path(), root / "data" / name, fs::copy_options::overwrite_existing);
  }
}

}  // namespace

TEST_CASE("the minimal data set loads with no diagnostics") {
  auto outcome = load::load_data_set(source_dir() / "tests/data/minimal");
  INFO(all_diagnostics(outcome.diagnostics));
  REQUIRE(outcome.model);
  CHECK(outcome.diagnostics.empty());
  const Model& m = *outcome.model;
  CHECK(m.forces.size() == 3);
  CHECK(m.collaborations.size() == 2);
  CHECK(m.central_grant("north", FinancialYear::starting(2015)) == Money::from_pounds(500000));
  REQUIRE(m.budgets.size() == 1);
  CHECK(m.budgets[0].lines[0].in_kind == Money::from_pence(25050));
  CHECK(m.budgets[0].lines[0].cash == Money::from_pence(100010));
  const Collaboration* training = m.collaboration("training");
  REQUIRE(training);
  CHECK(training->status.kind == StatusKind::Proposed);
  CHECK(training->status.stage == "scoping");
  REQUIRE(training->participants_in(FinancialYear::starting(2017)));
  CHECK(*training->participants_in(FinancialYear::starting(2017))->forces == std::vector<ForceId>{"north", "south"});
  CHECK(training->participants_in(FinancialYear::starting(2015)) == nullptr);
}

TEST_CASE("each bad input is one error, at its place, and no model") {
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(source_dir() / "tests/data/bad")) {
    ++cases;
    DYNAMIC_SECTION(entry.path().filename().string()) {
      TempDir dir;
      build_case(entry.path(), dir.path());
      auto outcome = load::load_data_set(dir.path());
      std::string text = all_diagnostics(outcome.diagnostics);
      std::string expected = read_file(entry.path() / "expected.txt");
      while (!expected.empty() && expected.back() == '\n') expected.pop_back();
      INFO(text);
      CHECK_FALSE(outcome.model);
      CHECK(outcome.diagnostics.errors() == 1);
      CHECK_FALSE(expected.empty());  // a case without its expected error would pass on anything
      CHECK_THAT(text, Catch::Contains(expected));
    }
  }
  CHECK(cases >= 29);  // the corpus is there: an empty or missing folder must not pass
}

TEST_CASE("every problem in a file is reported in one pass, not just the first") {
  TempDir dir;
  fs::copy(source_dir() / "tests/data/minimal", dir.path(), fs::copy_options::recursive);
  std::ofstream(dir.path() / "data/budgets.json") << R"({"budgets": [
  {"year": "2016/17", "source": {"document": "doc-a", "table": "Budgets"},
   "lines": [{"unit": "nope", "cash": 1}, {"unit": "crime-unit", "cash": "x"}, {"unit": "training", "cash": -5}]}
]})";
  auto outcome = load::load_data_set(dir.path());
  INFO(all_diagnostics(outcome.diagnostics));
  CHECK(outcome.diagnostics.errors() == 3);
}

TEST_CASE("an unknown field is a warning, and the data still loads") {
  TempDir dir;
  fs::copy(source_dir() / "tests/data/minimal", dir.path(), fs::copy_options::recursive);
  std::ofstream(dir.path() / "data/budgets.json") << R"({"budgets": [
  {"year": "2016/17", "source": {"document": "doc-a", "table": "Budgets"},
   "lines": [{"unit": "crime-unit", "csh": 1, "cash": 2}]}
]})";
  auto outcome = load::load_data_set(dir.path());
  REQUIRE(outcome.model);
  REQUIRE(outcome.diagnostics.warnings() == 1);
  CHECK_THAT(format_diagnostic(outcome.diagnostics.items()[0]), Catch::Contains("unknown field 'csh' (ignored)"));
}

TEST_CASE("a published total that disagrees with its rows is a warning naming table, row and difference") {
  TempDir dir;
  fs::copy(source_dir() / "tests/data/minimal", dir.path(), fs::copy_options::recursive);
  std::ofstream(dir.path() / "data/contributions.json") << R"({"published_contributions": [
  {"year": "2016/17", "source": {"document": "doc-a", "table": "Contributions"},
   "columns": [{"force": "north"}, {"force": "south"}, {"force": "east"}],
   "rows": [{"unit": "crime-unit", "label": "RCU", "kind": "cash",
             "amounts": {"north": 500, "south": 300, "east": 201.10}, "published_total": 1000.10}]}
]})";
  auto outcome = load::load_data_set(dir.path());
  REQUIRE(outcome.model);
  REQUIRE(outcome.diagnostics.warnings() == 1);
  CHECK_THAT(format_diagnostic(outcome.diagnostics.items()[0]),
             Catch::Contains("'Contributions' (doc-a) row 'RCU': the figures add up to £1,001.10 but the table "
                             "prints £1,000.10 (difference +£1.00)"));
}

TEST_CASE("money written as -0 is normalised to 0, written any way, and is not negative") {
  for (std::string zero : {"-0", "-0.00", "-0e5", "\"-0\"", "\"-£0.00\"", "\"(0)\"", "\"£-0\""}) {
    TempDir dir;
    fs::copy(source_dir() / "tests/data/minimal", dir.path(), fs::copy_options::recursive);
    std::ofstream(dir.path() / "data/budgets.json") << R"({"budgets": [
  {"year": "2016/17", "source": {"document": "doc-a", "table": "Budgets"},
   "lines": [{"unit": "crime-unit", "cash": )" << zero << R"(, "in_kind": 0}]}
]})";
    auto outcome = load::load_data_set(dir.path());
    INFO(zero << "\n" << all_diagnostics(outcome.diagnostics));
    REQUIRE(outcome.model);
    CHECK(outcome.diagnostics.empty());
    REQUIRE(outcome.model->budgets.size() == 1);
    CHECK(outcome.model->budgets[0].lines[0].cash == Money{});
    CHECK(format_money(*outcome.model->budgets[0].lines[0].cash) == format_money(Money{}));
  }
}

TEST_CASE("\\u0000 in a list of strings is an error at its place") {
  TempDir dir;
  fs::copy(source_dir() / "tests/data/minimal", dir.path(), fs::copy_options::recursive);
  std::ifstream in(source_dir() / "tests/data/minimal/data/forces.json");
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  text.replace(text.find("\"Northern\""), 10, "\"North\\u0000ern\"");
  std::ofstream(dir.path() / "data/forces.json") << text;
  auto outcome = load::load_data_set(dir.path());
  std::string all = all_diagnostics(outcome.diagnostics);
  INFO(all);
  CHECK_FALSE(outcome.model);
  CHECK(outcome.diagnostics.errors() == 1);
  CHECK_THAT(all, Catch::Contains("data/forces.json:4:89: error: an item of 'aliases' holds the NUL character"));
}
