#include "load/run_config.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "test_support.h"

using namespace collab;
using namespace std::chrono_literals;
using collab::test::TempDir;

namespace {

// A root whose data/run.json holds `text`.
struct RunJson {
  TempDir dir;
  explicit RunJson(const std::string& text) {
    std::filesystem::create_directories(dir.path() / "data");
    std::ofstream(dir.path() / "data/run.json") << text;
  }
};

std::string all(const Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items()) out += format_diagnostic(item) + "\n";
  return out;
}

}  // namespace

TEST_CASE("without data/run.json the limits are the defaults") {
  TempDir dir;
  Diagnostics d;
  const lua::Limits limits = load::read_run_limits(dir.path(), d);
  CHECK(d.empty());
  CHECK(limits.cpu_time == 2000ms);
  CHECK(limits.wall_time == 30000ms);
  CHECK(limits.memory_bytes == std::size_t{64} << 20);
}

TEST_CASE("run.json's limits block sets each limit it names; other top-level keys are left for the nightly job") {
  SECTION("every field") {
    RunJson f(R"({"out": "/srv/collab", "steps": [1, 2], "limits": {"cpu_ms": 300, "wall_ms": 5000, "memory_mib": 16}})");
    Diagnostics d;
    const lua::Limits limits = load::read_run_limits(f.dir.path(), d);
    INFO(all(d));
    CHECK(d.empty());
    CHECK(limits.cpu_time == 300ms);
    CHECK(limits.wall_time == 5000ms);
    CHECK(limits.memory_bytes == std::size_t{16} << 20);
  }
  SECTION("one field; the others keep the base") {
    RunJson f(R"({"limits": {"wall_ms": 60000}})");
    Diagnostics d;
    lua::Limits base;
    base.cpu_time = 123ms;
    const lua::Limits limits = load::read_run_limits(f.dir.path(), d, base);
    CHECK(d.empty());
    CHECK(limits.cpu_time == 123ms);
    CHECK(limits.wall_time == 60000ms);
    CHECK(limits.memory_bytes == base.memory_bytes);
  }
  SECTION("no limits block at all") {
    RunJson f(R"({"out": "/srv/collab"})");
    Diagnostics d;
    CHECK(load::read_run_limits(f.dir.path(), d).cpu_time == 2000ms);
    CHECK(d.empty());
  }
}

TEST_CASE("a bad value in run.json's limits is an error at its line and column, and the field keeps its default") {
  RunJson f("{\n"
            "  \"limits\": {\n"
            "    \"cpu_ms\": \"300\",\n"
            "    \"wall_ms\": 0,\n"
            "    \"memory_mib\": -4,\n"
            "    \"cpu\": 300\n"
            "  },\n"
            "  \"later\": {\"cpu\": 1}\n"
            "}\n");
  Diagnostics d;
  const lua::Limits limits = load::read_run_limits(f.dir.path(), d);
  INFO(all(d));
  REQUIRE(d.errors() == 4);
  CHECK(d.warnings() == 0);
  std::vector<std::string> found;  // in the file's order
  for (const auto& item : d.items()) found.push_back(item.where.str() + ": " + item.message);
  CHECK(found == std::vector<std::string>{
                     "data/run.json:3:15: 'cpu_ms' must be a whole number of milliseconds from 1 to 86400000, not a string",
                     "data/run.json:4:16: 'wall_ms' must be a whole number of milliseconds from 1 to 86400000, not 0",
                     "data/run.json:5:19: 'memory_mib' must be a whole number of MiB from 1 to 65536, not -4",
                     "data/run.json:6:12: unknown limit 'cpu'"});
  CHECK_THAT(all(d), Catch::Contains("hint: limits here: cpu_ms, wall_ms, memory_mib"));
  CHECK_THAT(all(d), Catch::Contains("hint: for example \"cpu_ms\": 2000"));
  CHECK(limits.cpu_time == 2000ms);
  CHECK(limits.wall_time == 30000ms);
  CHECK(limits.memory_bytes == std::size_t{64} << 20);
}

TEST_CASE("other faults of run.json: fractions, huge values, a limits block that is no object, malformed JSON") {
  const auto first_error = [](const std::string& text) {
    RunJson f(text);
    Diagnostics d;
    (void)load::read_run_limits(f.dir.path(), d);
    REQUIRE(d.errors() >= 1);
    return d.items()[0].where.str() + ": " + d.items()[0].message;
  };
  CHECK(first_error(R"({"limits": {"cpu_ms": 2000.5}})") ==
        "data/run.json:1:23: 'cpu_ms' must be a whole number of milliseconds from 1 to 86400000, not 2000.5");
  CHECK(first_error(R"({"limits": {"memory_mib": 99999999999999999999}})") ==
        "data/run.json:1:27: 'memory_mib' must be a whole number of MiB from 1 to 65536, not 99999999999999999999");
  CHECK(first_error(R"({"limits": {"memory_mib": 65537}})") ==
        "data/run.json:1:27: 'memory_mib' must be a whole number of MiB from 1 to 65536, not 65537");
  CHECK(first_error(R"({"limits": [300]})") == "data/run.json:1:12: 'limits' must be an object, not an array");
  CHECK(first_error(R"({"limits": {"cpu_ms": 300, "cpu_ms": 400}})") ==
        "data/run.json:1:28: duplicate key 'cpu_ms': only the last would be kept");
  CHECK(first_error("[1]") == "data/run.json:1:1: the file must hold a JSON object");
  CHECK_THAT(first_error("{\n  \"limits\": {\"cpu_ms\": 300,}\n}"), Catch::StartsWith("data/run.json:2:"));
  CHECK_THAT(first_error("{\n  \"limits\": {\"cpu_ms\": 300,}\n}"), Catch::Contains("malformed JSON"));
}

TEST_CASE("command-line flags override run.json, which overrides the defaults") {
  RunJson f(R"({"limits": {"cpu_ms": 300, "memory_mib": 16}})");
  Diagnostics d;
  load::LimitFlags flags;
  flags.cpu_ms = 700;
  flags.wall_ms = 900;
  const lua::Limits limits = load::resolve_limits(f.dir.path(), flags, d);
  CHECK(d.empty());
  CHECK(limits.cpu_time == 700ms);   // the flag
  CHECK(limits.wall_time == 900ms);  // the flag
  CHECK(limits.memory_bytes == std::size_t{16} << 20);  // run.json
  CHECK(limits.max_log_lines == lua::Limits{}.max_log_lines);  // the default
  TempDir empty;
  CHECK(load::resolve_limits(empty.path(), {}, d).cpu_time == 2000ms);
}
