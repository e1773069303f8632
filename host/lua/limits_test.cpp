// Memory bombs, recursion, which time limit trips, and the limit report. Tests of memory and
// recursion run with ample time (sandbox_test_support.h), so only the intended limit can trip.

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "lua/budget.h"
#include "lua/sandbox_test_support.h"

using namespace collab::lua;
using namespace collab::lua::testing;

namespace {

const std::string kOutOfMemory = "bomb.lua: memory limit exceeded (8 MiB)";

void require_memory_error(const std::string& source) {
  const Limits limits = ample_time();
  Sandbox sb(limits);
  const RunResult r = sb.run("bomb.lua", source);
  require_error(r, ErrorKind::Memory, kOutOfMemory);
  CHECK(r.report.peak_memory_bytes <= limits.memory_bytes);
  CHECK(sb.memory_in_use() <= limits.memory_bytes);
  require_still_usable(sb);
  CHECK(sb.memory_in_use() < limits.memory_bytes / 2);  // a full collection ran after the failure
}

}  // namespace

TEST_CASE("memory bombs end in a Memory error without passing the limit") {
  SECTION("table growth") { require_memory_error("local t = {}\nwhile true do t[#t + 1] = #t end"); }
  SECTION("s = s .. s") { require_memory_error("local s = 'x'\nwhile true do s = s .. s end"); }
  SECTION("string.rep under the size cap but over the memory") { require_memory_error("return string.rep('x', 12 * 2^20)"); }
  SECTION("tables forever") { require_memory_error("local t = {}\nwhile true do t = {t, {}, {}} end"); }
  SECTION("strings forever") {
    require_memory_error("local t, i = {}, 0\nwhile true do i = i + 1; t[i] = 'some text ' .. i end");
  }
  SECTION("coroutines forever") {
    require_memory_error("local t = {}\nwhile true do t[#t + 1] = coroutine.create(print) end");
  }
  SECTION("after trying to stop the collector") {
    require_memory_error("pcall(collectgarbage, 'stop')\nlocal t = {}\nwhile true do t[#t + 1] = {} end");
  }
  SECTION("caught with pcall: the limit cannot be caught") {
    require_memory_error(
        "local ok = pcall(function() local s = 'x' while true do s = s .. s end end)\nreturn ok and 'caught'");
  }
  SECTION("in a coroutine, resumed under pcall") {
    require_memory_error(
        "local co = coroutine.wrap(function() local s = 'x' while true do s = s .. s end end)\nreturn pcall(co)");
  }
  SECTION("loading a huge chunk") { require_memory_error("return load(string.rep('x = 1 ', 2^20))"); }
}

TEST_CASE("stopping the collector is refused") {
  require_contained("gc.lua", "collectgarbage('stop')", ErrorKind::Runtime,
                    "gc.lua:1: collectgarbage('stop') is not allowed in the sandbox (only 'count' is)");
}

TEST_CASE("recursion ends in a clean stack overflow") {
  SECTION("Lua recursion") {
    Limits limits = ample_time();
    limits.memory_bytes = std::size_t{128} << 20;  // 64 MiB ends in a memory error first
    require_contained("rec.lua", "local function f() return f() + 1 end\nreturn f()", ErrorKind::Runtime,
                      "rec.lua:1: stack overflow", limits);
  }
  SECTION("Lua recursion under a small memory limit") {
    require_contained("rec.lua", "local function f() return f() + 1 end\nreturn f()", ErrorKind::Memory,
                      "rec.lua: memory limit exceeded (8 MiB)");
  }
  SECTION("metamethod recursion") {
    require_contained("rec.lua", "local t = setmetatable({}, {__index = function(t, k) return t[k] end})\nreturn t.x",
                      ErrorKind::Runtime, "rec.lua:1: C stack overflow");
  }
  SECTION("pcall recursion") {
    require_contained("rec.lua", "local function f() local ok, e = pcall(f) error(e, 0) end\nf()", ErrorKind::Runtime,
                      "rec.lua: C stack overflow");
  }
  SECTION("gsub-callback recursion") {
    require_contained("rec.lua", "local function f(s) return (s:gsub('.', f)) end\nreturn f('ab')", ErrorKind::Runtime,
                      "rec.lua: C stack overflow");
  }
  SECTION("coroutines inside coroutines") {
    require_contained("rec.lua", "local function f() local co = coroutine.wrap(f) co() end\nf()", ErrorKind::Runtime,
                      "rec.lua:1: C stack overflow");
  }
  SECTION("string.format('%s') in __tostring") {
    require_contained("rec.lua",
                      "local t = setmetatable({}, {__tostring = function(s) return string.format('%s', s) end})\n"
                      "return tostring(t)",
                      ErrorKind::Runtime, "rec.lua: C stack overflow");
  }
  SECTION("deeply nested source") {
    require_contained("rec.lua", "return " + std::string(100000, '('), ErrorKind::Syntax, "rec.lua: C stack overflow");
  }
}

TEST_CASE("a chain of 100,000 coroutines each closing the previous one stops at the close limit") {
  // Stock Lua 5.4.4 segfaults on this chain; the sandbox refuses the 101st nested close.
  Limits limits = ample_time();
  limits.memory_bytes = std::size_t{512} << 20;
  require_contained("close.lua",
                    "local prev\n"
                    "for i = 1, 100000 do\n"
                    "  local p = prev\n"
                    "  local co = coroutine.create(function()\n"
                    "    local x <close> = setmetatable({}, {__close = function()\n"
                    "      if p then local ok, e = coroutine.close(p) if not ok then error(e, 0) end end\n"
                    "    end})\n"
                    "    coroutine.yield()\n"
                    "  end)\n"
                    "  coroutine.resume(co)\n"
                    "  prev = co\n"
                    "end\n"
                    "local ok, e = coroutine.close(prev)\n"
                    "error(e, 0)",
                    ErrorKind::Runtime, "close.lua:6: coroutine.close: too many nested closes (limit 100)",
                    limits);
}

namespace {

// test.sleep(ms): waits, using no CPU, as a host function blocked on something would.
int sleeps(lua_State* L) {
  std::this_thread::sleep_for(std::chrono::milliseconds(luaL_checkinteger(L, 1)));
  return 0;
}

constexpr luaL_Reg kSleep[] = {{"sleep", sleeps}};

}  // namespace

TEST_CASE("each time limit is the one that trips, and is named") {
  SECTION("an endless loop is a CPU error, however long the wall-clock limit") {
    Sandbox sb(quick_limits());
    const RunResult r = sb.run("loop.lua", "while true do end");
    require_error(r, ErrorKind::CpuTime, "loop.lua:1: CPU time limit exceeded (150 ms)");
    CHECK(r.report.cpu_used >= std::chrono::milliseconds(150));
    require_still_usable(sb);
  }
  // A host function that waits past the wall-clock limit uses no CPU: a wall-clock error, with
  // the CPU the run used in its message. The CPU limit is far away, so it cannot trip first.
  Limits limits = ample_time();
  limits.wall_time = std::chrono::milliseconds(500);
  Sandbox sb(limits);
  sb.expose("test", kSleep);
  const std::string what = "wall-clock time limit exceeded (500 ms; the script used ";
  SECTION("a host function that sleeps, noticed when the run ends") {
    const RunResult r = sb.run("sleep.lua", "test.sleep(600)\nreturn 1");
    INFO((r.error ? format_script_error(*r.error) : std::string("(no error)")));
    REQUIRE(r.error.has_value());
    CHECK(kind_name(r.error->kind) == kind_name(ErrorKind::WallTime));
    CHECK_THAT(r.error->message, Catch::StartsWith("sleep.lua: " + what) && Catch::EndsWith(" ms of CPU)"));
    CHECK(r.values.empty());
    CHECK(r.report.wall_used >= std::chrono::milliseconds(600));
    CHECK(r.report.wall_limit == std::chrono::milliseconds(500));
    CHECK(r.report.cpu_used < r.report.wall_used);
    CHECK(r.report.cpu_limit == std::chrono::seconds(120));
    require_still_usable(sb);
  }
  SECTION("a host function that sleeps, noticed by the hook in the loop after it, under pcall") {
    const RunResult r = sb.run("sleep.lua", "pcall(test.sleep, 600)\nwhile true do pcall(function() while true do end end) end");
    INFO((r.error ? format_script_error(*r.error) : std::string("(no error)")));
    REQUIRE(r.error.has_value());
    CHECK(kind_name(r.error->kind) == kind_name(ErrorKind::WallTime));
    CHECK_THAT(r.error->message, Catch::Contains(what));
    CHECK(r.report.cpu_used < r.report.wall_used);
    require_still_usable(sb);
  }
  SECTION("format_script_error names the limit") {
    const RunResult r = sb.run("sleep.lua", "test.sleep(600)");
    REQUIRE(r.error.has_value());
    CHECK_THAT(format_script_error(*r.error), Catch::StartsWith("wall-clock time limit: sleep.lua: " + what));
  }
}

TEST_CASE("the limit report says how much of each limit a run used") {
  Limits limits = ample_time(Limits{});
  limits.memory_bytes = std::size_t{32} << 20;
  Sandbox sb(limits);
  const RunResult r = sb.run("report.lua",
                             "local t = {}\nfor i = 1, 1000 do t[i] = string.rep('x', 1000) .. i end\n"
                             "print(#t)\nreturn #t");
  REQUIRE(r.ok());
  CHECK(r.report.peak_memory_bytes >= std::size_t{1} << 20);
  CHECK(r.report.peak_memory_bytes <= limits.memory_bytes);
  CHECK(r.report.memory_limit_bytes == limits.memory_bytes);
  CHECK(r.report.cpu_used.count() > 0);
  CHECK(r.report.cpu_limit == limits.cpu_time);
  CHECK(r.report.wall_used.count() > 0);
  CHECK(r.report.wall_limit == limits.wall_time);
  CHECK(r.report.instructions > 0);
  CHECK(r.report.log_lines_kept == 1);
  CHECK(r.report.log_lines_dropped == 0);
  CHECK_THAT(format_limit_report(r.report),
             Catch::Matches(R"(CPU \d+\.\d ms of 120000 ms; wall \d+\.\d ms of 300000 ms; ~\d+ instructions; )"
                            R"(memory peak \d+\.\d MiB of 32\.0 MiB; log 1 line kept, 0 dropped)"));
}

TEST_CASE("time the host spends on a script's behalf in a host-work scope is not the script's") {
  // Spins until the thread has used `amount` more CPU time: CPU time, so the machine's speed and
  // load do not matter.
  const auto burn = [](std::chrono::milliseconds amount) {
    const auto until = Budget::thread_cpu_time() + amount;
    while (Budget::thread_cpu_time() < until) {
    }
  };
  Budget budget;
  budget.arm(std::chrono::milliseconds(50), std::chrono::hours(1), 1000);
  {
    const Budget::HostWorkScope host_work(budget);
    burn(std::chrono::milliseconds(120));  // e.g. formulae run for collab.ledger
  }
  CHECK_FALSE(budget.past_deadline());
  CHECK(budget.cpu_used() < std::chrono::milliseconds(50));
  burn(std::chrono::milliseconds(60));  // the script's own work still counts
  CHECK(budget.past_deadline());
  CHECK(budget.expiry() == Budget::Expiry::Cpu);
  budget.disarm();
}
