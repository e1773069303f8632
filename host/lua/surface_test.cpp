// What a script can reach: each forbidden thing ends in an error naming it, and the host's own
// tables and lookups survive what a script does to its environment.

#include <catch2/catch.hpp>

#include "lua/sandbox_test_support.h"

using namespace collab::lua;
using namespace collab::lua::testing;

namespace {

void require_refused(const std::string& source, const std::string& message) {
  require_contained("surface.lua", source, ErrorKind::Runtime, "surface.lua:1: " + message);
}

std::string run_for_string(Sandbox& sb, const std::string& source) {
  const RunResult r = sb.run("probe.lua", source);
  INFO((r.error ? format_script_error(*r.error) : std::string("ok")));
  REQUIRE(r.ok());
  REQUIRE(!r.values.empty());
  return r.values[0].string().value_or("(not a string)");
}

}  // namespace

TEST_CASE("processes, files and the package system are out of reach") {
  SECTION("os.exit") { require_refused("os.exit(3)", "attempt to call a nil value (field 'exit')"); }
  SECTION("os.execute") { require_refused("os.execute('true')", "attempt to call a nil value (field 'execute')"); }
  SECTION("os.getenv") { require_refused("return os.getenv('HOME')", "attempt to call a nil value (field 'getenv')"); }
  SECTION("os.setlocale") { require_refused("os.setlocale('C')", "attempt to call a nil value (field 'setlocale')"); }
  SECTION("io.open") { require_refused("return io.open('/etc/hostname')", "script accessed undefined global 'io'"); }
  SECTION("require") { require_refused("return require('io')", "script accessed undefined global 'require'"); }
  SECTION("dofile") { require_refused("dofile('/etc/passwd')", "script accessed undefined global 'dofile'"); }
  SECTION("loadfile") { require_refused("loadfile('/etc/passwd')", "script accessed undefined global 'loadfile'"); }
  SECTION("package.loadlib") { require_refused("package.loadlib('liblua5.4.so', 'luaopen_os')", "script accessed undefined global 'package'"); }
  SECTION("debug.getregistry") { require_refused("return debug.getregistry()", "script accessed undefined global 'debug'"); }
  SECTION("string.dump") { require_refused("return string.dump(print)", "attempt to call a nil value (field 'dump')"); }
  SECTION("string.dump as a method") { require_refused("return ('x').dump(print)", "attempt to call a nil value (field 'dump')"); }
  SECTION("math.randomseed") { require_refused("math.randomseed(42)", "attempt to call a nil value (field 'randomseed')"); }
  SECTION("an undefined global") { require_refused("return x", "script accessed undefined global 'x'"); }
}

TEST_CASE("load takes text only, in the caller's environment") {
  Sandbox sb;
  SECTION("a binary chunk is refused before parsing") {
    require_error(sb.run("bin.lua", "assert(load('\\27Lua\\84\\0\\25\\147\\r\\n\\26\\n', 'x', 'b'))"), ErrorKind::Runtime,
                  "bin.lua:1: attempt to load a binary chunk (mode is 't')");
  }
  SECTION("the loaded chunk sees the caller's globals, not the host's") {
    CHECK(run_for_string(sb, "y = 'mine'\nreturn load('return y')()") == "mine");
    require_error(sb.run("load.lua", "return load('return debug')()"), ErrorKind::Runtime,
                  "[string \"return debug\"]:1: script accessed undefined global 'debug'");
    CHECK(run_for_string(sb, "local env = {v = 'given'}\nreturn load('return v', 'c', 't', env)()") == "given");
  }
  SECTION("a syntax error comes back as nil and a message") {
    CHECK(run_for_string(sb, "local f, e = load('x = = 1', '=mine')\nreturn e") == "mine:1: unexpected symbol near '='");
    CHECK(run_for_string(sb, "local f, e = load('return ' .. ('('):rep(1e5))\nreturn e") == "C stack overflow");
  }
  require_still_usable(sb);
}

TEST_CASE("the host's tables are read-only") {
  SECTION("assigning a library field") {
    require_refused("string.upper = nil", "attempt to modify read-only table 'string'");
  }
  SECTION("rawset on a library") { require_refused("rawset(string, 'x', 1)", "attempt to modify read-only table 'string'"); }
  SECTION("math.pi = 3") { require_refused("math.pi = 3", "attempt to modify read-only table 'math'"); }
  SECTION("table.insert into a library") {
    require_refused("table.insert(table, 1)", "attempt to modify read-only table 'table'");
  }
  SECTION("replacing a library's metatable") {
    require_refused("setmetatable(os, {})", "cannot change a protected metatable");
  }
  SECTION("the string metatable is sealed") {
    require_refused("getmetatable('').__index.upper = function() return 'evil' end", "attempt to index a boolean value");
  }
  Sandbox sb;
  CHECK(run_for_string(sb, "return tostring(getmetatable(''))") == "false");
  CHECK(run_for_string(sb, "pcall(function() string.upper = function() return 'evil' end end)\nreturn ('x'):upper()") == "X");
  CHECK(run_for_string(sb, "local n = 0 for k in pairs(math) do n = n + 1 end\nreturn tostring(n)") == "26");
  CHECK(run_for_string(sb, "return tostring(rawget(string, 'upper'))") == "nil");  // the proxy's own body is empty
}

TEST_CASE("a script may set its own globals, which other scripts do not see") {
  Sandbox sb;
  REQUIRE(sb.run("one.lua", "shared = 'leak'\nstring = 'shadow'").ok());
  require_error(sb.run("two.lua", "return shared"), ErrorKind::Runtime, "two.lua:1: script accessed undefined global 'shared'");
  CHECK(run_for_string(sb, "return string.upper('still here')") == "STILL HERE");
  const Environment env = sb.new_environment();
  REQUIRE(sb.run(env, "a.lua", "counter = 1").ok());
  REQUIRE(sb.run(env, "b.lua", "counter = counter + 1").ok());
  CHECK(sb.global(env, "counter").number() == 2);
  CHECK(run_for_string(sb, "_G.x = 'via _G'\nreturn x") == "via _G");
  require_still_usable(sb);
}

TEST_CASE("a frozen environment keeps its load-time globals readable and refuses every assignment, at its line") {
  Sandbox sb(ample_time());
  const Environment env = sb.new_environment();
  RunResult load = sb.run(env, "f.lua",
                          "calls = 0\nfunction helper() return 'h' .. calls end\n"
                          "return function(how)\n"
                          "  if how == 'new' then fresh = 1\n"
                          "  elseif how == 'old' then calls = calls + 1\n"
                          "  elseif how == 'raw' then rawset(_ENV, 'calls', 1)\n"
                          "  elseif how == 'g' then _G.calls = 1\n"
                          "  elseif how == 'load' then load('calls = 2')()\n"
                          "  elseif how == 'meta' then setmetatable(_G, nil)\n"
                          "  elseif how == 'key' then _G[1] = true\n"
                          "  elseif how == 'caught' then assert(not pcall(function() fresh = 1 end))\n"
                          "  elseif how == 'rawget' then return tostring(rawget(_G, 'calls')) .. tostring(rawget(_G, 'no'))\n"
                          "  end\n"
                          "  local n = 0 for k in pairs(_G) do n = n + 1 end\n"
                          "  return helper() .. ' ' .. string.upper('x') .. ' ' .. n end");
  REQUIRE(load.ok());
  REQUIRE(load.values.size() == 1);
  const Ref function = std::move(load.values[0]);
  sb.freeze_globals(env, "formula 'f'");
  sb.freeze_globals(env, "formula 'again'");  // a second freeze changes nothing
  auto call = [&](const char* how) {
    return sb.call("f.lua", function, [&](lua_State* L) {
      lua_pushstring(L, how);
      return 1;
    });
  };
  const std::string why = " (state kept between calls would make a sweep's scenarios depend on each other; use a local)";
  require_error(call("new"), ErrorKind::Runtime, "f.lua:4: error in formula 'f': assigns global 'fresh'" + why);
  require_error(call("old"), ErrorKind::Runtime, "f.lua:5: error in formula 'f': assigns global 'calls'" + why);
  require_error(call("raw"), ErrorKind::Runtime, "f.lua:6: error in formula 'f': assigns global 'calls'" + why);
  require_error(call("g"), ErrorKind::Runtime, "f.lua:7: error in formula 'f': assigns global 'calls'" + why);
  require_error(call("load"), ErrorKind::Runtime,
                "[string \"calls = 2\"]:1: error in formula 'f': assigns global 'calls'" + why);
  require_error(call("meta"), ErrorKind::Runtime, "f.lua:9: cannot change a protected metatable");
  require_error(call("key"), ErrorKind::Runtime, "f.lua:10: error in formula 'f': assigns a global (a number key)" + why);
  // Reads: the script's own globals (calls, helper, _G, load; pairs walks them), then the base.
  for (const char* how : {"caught", "read", "read"}) {
    const RunResult r = call(how);
    INFO((r.error ? format_script_error(*r.error) : std::string("ok")));
    REQUIRE(r.ok());
    CHECK(r.values.at(0).string() == "h0 X 4");
  }
  const RunResult raw = call("rawget");
  REQUIRE(raw.ok());
  CHECK(raw.values.at(0).string() == "0nil");  // rawget(_G, 'x') still tells whether a global exists
  CHECK(sb.global(env, "calls").number() == 0);
  CHECK(sb.global(env, "helper").type() == LUA_TFUNCTION);
  CHECK_FALSE(sb.global(env, "fresh").valid());
  require_still_usable(sb);
}

TEST_CASE("a metatable on the globals cannot trap the host's lookups") {
  Sandbox sb;
  const Environment env = sb.new_environment();
  const RunResult r = sb.run(env, "trap.lua",
                             "function weights() return 1 end\n"
                             "setmetatable(_G, {__index = function() error('trap') end})");
  require_error(r, ErrorKind::Runtime, "trap.lua:2: cannot change a protected metatable");
  REQUIRE(sb.run(env, "trap2.lua", "pcall(setmetatable, _G, {__index = function() error('trap') end})").ok());
  CHECK(sb.global(env, "weights").type() == LUA_TFUNCTION);
  CHECK_FALSE(sb.global(env, "missing").valid());
  // A returned table with a trapping metatable is read raw as well.
  const RunResult t = sb.run("t.lua", "return setmetatable({}, {__index = function() while true do end end})");
  REQUIRE(t.ok());
  CHECK_FALSE(sb.field(t.values[0], "weights").valid());
  require_still_usable(sb);
}

TEST_CASE("no addresses leak: tostring and %s give per-state numbers, %p is refused") {
  Sandbox sb;
  CHECK_THAT(run_for_string(sb, "return tostring({})"), Catch::Matches("table: #[0-9]+"));
  CHECK_THAT(run_for_string(sb, "return tostring(print)"), Catch::Matches("function: #[0-9]+"));
  CHECK(run_for_string(sb, "local t = {} return tostring(tostring(t) == tostring(t))") == "true");
  CHECK_THAT(run_for_string(sb, "return string.format('%s|%5s', {}, 1)"), Catch::Matches("table: #[0-9]+\\|    1"));
  CHECK(run_for_string(sb, "return tostring(setmetatable({}, {__tostring = function() return 'mine' end}))") == "mine");
  CHECK_THAT(run_for_string(sb, "return tostring(setmetatable({}, {__name = 'money'}))"), Catch::Matches("money: #[0-9]+"));
  require_error(sb.run("p.lua", "return string.format('%p', {})"), ErrorKind::Runtime,
                "p.lua:1: bad argument #2 to 'format' (conversion '%p' is not allowed in the sandbox)");
  require_still_usable(sb);
}

TEST_CASE("os keeps time, date and clock, and date refuses the process locale") {
  Sandbox sb;
  CHECK(run_for_string(sb, "return os.date('!%Y-%m-%d %H:%M:%S', 0)") == "1970-01-01 00:00:00");
  CHECK(run_for_string(sb, "return tostring(os.date('!*t', 86400).day)") == "2");
  CHECK(run_for_string(sb, "return math.type(os.time())") == "integer");
  CHECK(run_for_string(sb, "return math.type(os.clock())") == "float");
  CHECK_THAT(run_for_string(sb, "return os.date()"), Catch::Matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
  require_error(sb.run("d.lua", "return os.date('%c')"), ErrorKind::Runtime,
                "d.lua:1: bad argument #1 to 'date' (conversion '%c' is not allowed in the sandbox (it depends on "
                "the process locale, or is invalid))");
  require_still_usable(sb);
}

TEST_CASE("collectgarbage keeps 'count' only") {
  Sandbox sb;
  const RunResult r = sb.run("gc.lua", "return collectgarbage('count')");
  REQUIRE(r.ok());
  CHECK(r.values[0].number().value_or(0) > 10);
  require_error(sb.run("gc.lua", "collectgarbage()"), ErrorKind::Runtime,
                "gc.lua:1: collectgarbage('collect') is not allowed in the sandbox (only 'count' is)");
  require_still_usable(sb);
}

TEST_CASE("math.random repeats from the host's seed at every run") {
  Sandbox sb;
  const std::string first = run_for_string(sb, "return tostring(math.random(1, 1000000))");
  CHECK(run_for_string(sb, "return tostring(math.random(1, 1000000))") == first);
  sb.set_random_seed(7);
  CHECK(run_for_string(sb, "return tostring(math.random(1, 1000000))") != first);
}

TEST_CASE("print and warn go to the run's capped log") {
  Limits limits;
  limits.max_log_lines = 3;
  Sandbox sb(limits);
  const RunResult r = sb.run("log.lua",
                             "print('a', 1, nil, true, 2.5)\n"
                             "warn('@on')\n"
                             "warn('careful', ': ', 'x')\n"
                             "for i = 1, 5 do print(i) end");
  REQUIRE(r.ok());
  REQUIRE(r.log.size() == 3);
  CHECK(r.log[0].kind == LogLine::Kind::Print);
  CHECK(r.log[0].text == "a\t1\tnil\ttrue\t2.5");
  CHECK(r.log[1].kind == LogLine::Kind::Warning);
  CHECK(r.log[1].text == "careful: x");
  CHECK(r.log[2].text == "1");
  CHECK(r.report.log_lines_dropped == 4);
  const RunResult next = sb.run("log2.lua", "print('fresh')");
  REQUIRE(next.log.size() == 1);
  CHECK(next.report.log_lines_dropped == 0);
}

TEST_CASE("print and warn say where: the script and line of the call") {
  Sandbox sb;
  const std::string chunk = "scripts/formulae/a_formula_whose_name_is_longer_than_sixty_bytes_grant_share.lua";
  const RunResult r = sb.run(chunk,
                             "print('top')\n"
                             "local function f()\n"
                             "  warn('in f')\n"
                             "end\n"
                             "f()\n"
                             "pcall(print, 'through pcall')\n"
                             "load('print(\"loaded\")', '=other.lua')()");
  REQUIRE(r.ok());
  REQUIRE(r.log.size() == 4);
  CHECK(r.log[0].text == "top");
  CHECK(r.log[0].script == chunk);  // the whole name, not Lua's 60-byte short form
  CHECK(r.log[0].line == 1);
  CHECK(r.log[0].where() == chunk + ":1");
  CHECK(r.log[1].kind == LogLine::Kind::Warning);
  CHECK(r.log[1].where() == chunk + ":3");
  CHECK(r.log[2].where() == chunk + ":6");
  CHECK(r.log[3].where() == "other.lua:1");
  CHECK(LogLine{LogLine::Kind::Warning, "from Lua itself", "", 0}.where().empty());
}

TEST_CASE("a coroutine yielding across the sandbox's pcall and xpcall still returns its values") {
  Sandbox sb;
  const RunResult r = sb.run("yield.lua", R"(
    local co = coroutine.create(function(a)
      local ok1, v1 = pcall(function() local x = coroutine.yield(a + 1) return x * 2 end)
      local ok2, v2 = xpcall(function() return coroutine.yield('second') + 1 end, function(e) return 'handled: ' .. e end)
      local ok3, v3 = xpcall(function() coroutine.yield('third') error('boom', 0) end, function(e) return 'handled: ' .. e end)
      return ok1, v1, ok2, v2, ok3, v3
    end)
    local out = {}
    local function add(...) for i = 1, select('#', ...) do out[#out + 1] = tostring((select(i, ...))) end end
    add(coroutine.resume(co, 1))
    add(coroutine.resume(co, 5))
    add(coroutine.resume(co, 10))
    add(coroutine.resume(co))
    add(coroutine.status(co))
    local gen = coroutine.wrap(function() for i = 1, 3 do pcall(coroutine.yield, i) end return 'end' end)
    add(gen(), gen(), gen(), gen())
    return table.concat(out, ' ')
  )");
  INFO((r.error ? format_script_error(*r.error) : std::string("ok")));
  REQUIRE(r.ok());
  CHECK(r.values[0].string() == "true 2 true second true third true true 10 true 11 false handled: boom dead 1 2 3 end");
}

TEST_CASE("the sandbox's pcall and coroutine functions keep their ordinary results") {
  Sandbox sb;
  CHECK(run_for_string(sb, "return select('#', pcall(function() return 1, nil, 3 end)) .. ''") == "4");
  CHECK(run_for_string(sb, "local ok, e = pcall(error, {code = 1}) return type(e) .. tostring(ok)") == "tablefalse");
  CHECK(run_for_string(sb, "local ok, e = pcall(error) return tostring(e)") == "nil");
  require_error(sb.run("p.lua", "pcall()"), ErrorKind::Runtime, "p.lua:1: bad argument #1 to 'pcall' (value expected)");
  CHECK(run_for_string(sb, "local co = coroutine.create(function(...) return ... end)\n"
                           "return table.concat({coroutine.resume(co, 1, 2)}, ',', 2)") == "1,2");
  CHECK(run_for_string(sb, "local co = coroutine.create(print) coroutine.resume(co) return select(2, coroutine.resume(co))") ==
        "cannot resume dead coroutine");
  CHECK(run_for_string(sb, "return select(2, pcall(coroutine.close, coroutine.running()))") ==
        "cannot close a running coroutine");
  CHECK(run_for_string(sb, "local f = coroutine.wrap(function() error('inner') end) return select(2, pcall(f))") ==
        "probe.lua:1: inner");
  require_still_usable(sb);
}
