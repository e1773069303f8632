// The CPU limit against every escape SANDBOX.md lists: each stops with a CpuTime error naming the
// chunk, and the same Sandbox then runs `return 1+1`. No wall times are asserted, and every script
// that should stop at the CPU limit is endless (or would run for hours), so it stops there on any
// machine, however fast or busy.

#include <catch2/catch.hpp>

#include "lua/sandbox_test_support.h"

using namespace collab::lua;
using namespace collab::lua::testing;

namespace {

const std::string kStopped = "CPU time limit exceeded (150 ms)";

void require_timeout(const std::string& source, const std::string& where = "loop.lua:1") {
  require_contained("loop.lua", source, ErrorKind::CpuTime, where + ": " + kStopped);
}

}  // namespace

TEST_CASE("endless loops stop at the deadline, whoever tries to catch the stop") {
  SECTION("plain") { require_timeout("while true do end"); }
  SECTION("on a later line") { require_timeout("local x = 1\n\nwhile true do x = x + 1 end", "loop.lua:3"); }
  SECTION("in a coroutine") {
    require_timeout("local co = coroutine.create(function() while true do end end)\nreturn coroutine.resume(co)");
  }
  SECTION("in a wrapped coroutine under pcall") {
    require_timeout("local f = coroutine.wrap(function() while true do end end)\nreturn pcall(f)");
  }
  SECTION("under pcall") { require_timeout("pcall(function() while true do end end)\nreturn 'escaped'"); }
  SECTION("pcall inside a loop") { require_timeout("while true do pcall(function() while true do end end) end"); }
  SECTION("return pcall(loop): a tail call") {
    require_timeout("local function loop() while true do end end return pcall(loop)");
  }
  SECTION("pcall(pcall, pcall, f)") {
    require_timeout("local function f() while true do end end\nreturn pcall(pcall, pcall, f)");
  }
  SECTION("xpcall with a looping body and a looping handler") {
    require_timeout("return xpcall(function() while true do end end, function() while true do end end)");
  }
  SECTION("xpcall(error, looping handler)") {
    require_timeout("return xpcall(error, function() while true do end end)");
  }
  SECTION("in __index under pcall") {
    require_timeout(
        "local t = setmetatable({}, {__index = function() while true do end end})\n"
        "return pcall(function() return t.x end)",
        "loop.lua:1");
  }
  SECTION("in __add") {
    require_timeout("local t = setmetatable({}, {__add = function() while true do end end})\nreturn t + 1");
  }
  SECTION("in a gsub callback under pcall") {
    require_timeout("return pcall(string.gsub, 'abc', '.', function() while true do end end)");
  }
  SECTION("in a load(reader) function under pcall") {
    require_timeout("return pcall(load, function() while true do end end)");
  }
  SECTION("in __close under pcall") {
    require_timeout(
        "return pcall(function()\n"
        "  local x <close> = setmetatable({}, {__close = function() while true do end end})\n"
        "end)",
        "loop.lua:2");
  }
  SECTION("in a message handler that catches everything") {
    require_timeout("while true do xpcall(function() while true do end end, function(e) return e end) end");
  }
  SECTION("a coroutine resumed in a loop that swallows its errors") {
    require_timeout(
        "while true do\n"
        "  local co = coroutine.create(function() while true do end end)\n"
        "  coroutine.resume(co)\n"
        "end",
        "loop.lua:2");
  }
  SECTION("closing a coroutine whose __close loops") {
    require_timeout(
        "local co = coroutine.create(function()\n"
        "  local x <close> = setmetatable({}, {__close = function() while true do end end})\n"
        "  coroutine.yield()\n"
        "end)\n"
        "coroutine.resume(co)\n"
        "return coroutine.close(co)",
        "loop.lua:2");
  }
}

TEST_CASE("a finalizer cannot be installed, so none can loop with the hooks off") {
  require_contained("gc.lua", "setmetatable({}, {__gc = function() while true do end end})\ncollectgarbage()",
                    ErrorKind::Runtime, "gc.lua:1: __gc metamethods are not allowed in the sandbox");
}

TEST_CASE("a coroutine created by an earlier run in the same state is stopped too") {
  Sandbox sb(quick_limits());
  const Environment env = sb.new_environment();
  REQUIRE(sb.run(env, "first.lua", "co = coroutine.create(function() while true do end end)").ok());
  require_error(sb.run(env, "second.lua", "return coroutine.resume(co)"), ErrorKind::CpuTime,
                "second.lua: " + kStopped + " (stopped in first.lua:1)");
  require_still_usable(sb);
  // And a coroutine left tripped by that run runs at full speed again, and stops again.
  REQUIRE(sb.run(env, "third.lua", "co2 = coroutine.wrap(function() for i = 1, 1e5 do end return 'done' end)").ok());
  const RunResult r = sb.run(env, "fourth.lua", "return co2()");
  REQUIRE(r.ok());
  CHECK(r.values[0].string() == "done");
}

TEST_CASE("a chunk that calls a function of an earlier run is stopped in that function") {
  Sandbox sb(quick_limits());
  const Environment env = sb.new_environment();
  REQUIRE(sb.run(env, "lib.lua", "function spin()\n  while true do end\nend").ok());
  require_error(sb.run(env, "main.lua", "spin()"), ErrorKind::CpuTime, "main.lua: " + kStopped + " (stopped in lib.lua:2)");
  require_still_usable(sb);
}

TEST_CASE("the debug library is absent, so the hook cannot be removed") {
  require_contained("hook.lua", "debug.sethook()\nwhile true do end", ErrorKind::Runtime,
                    "hook.lua:1: script accessed undefined global 'debug'");
}

TEST_CASE("C functions the hook never interrupts end cleanly") {
  // Stock Lua takes 6 s on ('a'):rep(400):find('.-.-.-b'), which is O(n^4): n = 4000 would take
  // about 17 hours, so these stop at the CPU limit on any machine.
  SECTION("a pattern that backtracks for hours") {
    require_contained("c.lua", "return ('a'):rep(4000):find('.-.-.-b')", ErrorKind::CpuTime, "c.lua:1: " + kStopped);
  }
  SECTION("six lazy repetitions on 200 bytes") {  // 60 bytes: 5.9 s; O(n^7)
    require_contained("c.lua", "return ('a'):rep(200):find('.-.-.-.-.-.-b')", ErrorKind::CpuTime, "c.lua:1: " + kStopped);
  }
  SECTION("a pattern under pcall, in gmatch, in gsub and in match") {
    require_contained("c.lua", "return pcall(string.find, ('a'):rep(4000), '.-.-.-b')", ErrorKind::CpuTime,
                      "c.lua:1: " + kStopped);
    require_contained("c.lua", "for m in ('a'):rep(4000):gmatch('.-.-.-b') do end", ErrorKind::CpuTime,
                      "c.lua:1: " + kStopped);
    require_contained("c.lua", "return ('a'):rep(4000):gsub('.-.-.-b', '')", ErrorKind::CpuTime, "c.lua:1: " + kStopped);
    // n = 24 took 1.1 s, x4.5 per 2 more: n = 40 would take about five days
    require_contained("c.lua", "return string.match(('a'):rep(40), ('a?'):rep(40) .. ('a'):rep(40))",
                      ErrorKind::CpuTime, "c.lua:1: " + kStopped);
  }
  SECTION("string.rep of the empty string a billion times") {
    require_contained("c.lua", "return string.rep('', 1e9)", ErrorKind::Runtime,
                      "c.lua:1: string.rep: too many repetitions (1000000000, limit 16777216)");
  }
  SECTION("('x'):rep(1e9), through the string metatable") {
    require_contained("c.lua", "return ('x'):rep(1e9)", ErrorKind::Runtime,
                      "c.lua:1: string.rep: too many repetitions (1000000000, limit 16777216)");
  }
  SECTION("string.rep within the count but past the size") {
    require_contained("c.lua", "return string.rep('xy', 1e7, ', ')", ErrorKind::Runtime,
                      "c.lua:1: string.rep: resulting string too large (limit 16777216 bytes)");
  }
  SECTION("table.move of a hundred million nils") {
    require_contained("c.lua", "return table.move({}, 1, 1e8, 2)", ErrorKind::Runtime,
                      "c.lua:1: table.move: too many elements (100000000, limit 16777216)");
  }
  SECTION("table.concat of a million items with a 1000-byte separator") {
    Limits limits = ample_time();
    limits.memory_bytes = std::size_t{64} << 20;
    require_contained("c.lua",
                      "local t = {}\nfor i = 1, 1e6 do t[i] = 'x' end\nreturn table.concat(t, string.rep('-', 1000))",
                      ErrorKind::Runtime, "c.lua:3: table.concat: resulting string too large (limit 16777216 bytes)",
                      limits);
  }
  SECTION("gsub whose result grows past the cap") {
    Limits limits = ample_time();
    limits.memory_bytes = std::size_t{64} << 20;
    require_contained("c.lua", "return (string.rep('x', 1e6)):gsub('x', string.rep('y', 100))", ErrorKind::Runtime,
                      "c.lua:1: string.gsub: resulting string too large (limit 16777216 bytes)", limits);
  }
  SECTION("a plain find of a 2 MB needle in a 4 MB subject is linear") {  // shown by SANDBOX.md's timings, not here
    Limits limits = ample_time(Limits{});
    limits.memory_bytes = std::size_t{64} << 20;
    Sandbox sb(limits);
    const RunResult r = sb.run("c.lua",
                               "local s = string.rep('a', 4e6)\n"
                               "local n = string.rep('a', 2e6 - 1) .. 'b'\n"
                               "return s:find(n, 1, true), s:find(string.rep('a', 2e6), 1, true)");
    INFO((r.error ? format_script_error(*r.error) : std::string("ok")));
    REQUIRE(r.ok());
    REQUIRE(r.values.size() == 3);
    CHECK_FALSE(r.values[0].valid());
    CHECK(r.values[1].number() == 1);
    CHECK(r.values[2].number() == 2e6);
    require_still_usable(sb);
  }
}

namespace {

std::string elseif_chain(int branches) {
  std::string source = "local x = ...\nif x == 0 then return 0\n";
  for (int i = 1; i < branches; ++i) source += "elseif x == " + std::to_string(i) + " then return " + std::to_string(i) + "\n";
  return source + "end\n";
}

}  // namespace

// Compiling the chain is quadratic: 40,000 branches took 1.8 s of CPU in the optimised build,
// 160,000 took 34 s; 150,000 stop at the 150 ms limit on any machine.
TEST_CASE("compiling a 150,000-branch elseif chain stops at the source cap, or at the deadline") {
  const std::string source = elseif_chain(150000);
  require_contained("chain.lua", source, ErrorKind::Syntax,
                    "chain.lua: source too large (" + std::to_string(source.size()) + " bytes, limit 262144)");
  Limits limits = quick_limits();
  limits.max_source_bytes = std::size_t{8} << 20;
  limits.memory_bytes = std::size_t{64} << 20;
  require_contained("chain.lua", source, ErrorKind::CpuTime, "chain.lua: " + kStopped, limits);
}

TEST_CASE("a script's own load is capped and stops at the deadline too") {
  Limits limits = ample_time();
  limits.memory_bytes = std::size_t{64} << 20;
  Sandbox sb(limits);
  const RunResult r = sb.run("load.lua", "return load(string.rep(' ', 300000))");
  REQUIRE(r.ok());
  CHECK_FALSE(r.values[0].valid());
  CHECK(r.values[1].string() == "source too large (300000 bytes, limit 262144)");
  const RunResult pieces = sb.run("load.lua",
                                  "local n = 0\n"
                                  "return load(function() n = n + 1; if n < 100 then return string.rep(' ', 4000) end end)");
  REQUIRE(pieces.ok());
  CHECK(pieces.values[1].string() == "source too large (over 262144 bytes)");
  require_still_usable(sb);
}
