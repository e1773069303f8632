// The Sandbox's API: running chunks, calling what they return, exposing C++ functions, and how
// errors come back.

#include "lua/sandbox.h"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "lua/guard.h"
#include "lua/sandbox_test_support.h"

using namespace collab::lua;
using namespace collab::lua::testing;

TEST_CASE("a run returns the chunk's values as Refs") {
  Sandbox sb;
  const RunResult r = sb.run("values.lua", "return 1 + 1, 'two', nil, {}, print");
  REQUIRE(r.ok());
  REQUIRE(r.values.size() == 5);
  CHECK(r.values[0].number() == 2);
  CHECK(r.values[1].string() == "two");
  CHECK_FALSE(r.values[2].valid());
  CHECK(r.values[3].type() == LUA_TTABLE);
  CHECK(r.values[4].type() == LUA_TFUNCTION);
}

TEST_CASE("errors name the chunk and the line, with a traceback") {
  Sandbox sb;
  SECTION("syntax") {
    require_error(sb.run("syntax.lua", "x = = 1"), ErrorKind::Syntax, "syntax.lua:1: unexpected symbol near '='");
  }
  SECTION("runtime, with a traceback") {
    const RunResult r = sb.run("runtime.lua", "local t = nil\nlocal function f() return t.x end\nlocal v = f()\nreturn v");
    require_error(r, ErrorKind::Runtime, "runtime.lua:2: attempt to index a nil value (upvalue 't')");
    CHECK(r.error->traceback ==
          "stack traceback:\n\truntime.lua:2: in local 'f'\n\truntime.lua:3: in main chunk\n\t[C]: in ?");
    CHECK(format_script_error(*r.error).rfind("runtime error: runtime.lua:2: attempt to index", 0) == 0);
  }
  SECTION("error() without a position, and with a table") {
    require_error(sb.run("e.lua", "error('plain', 0)"), ErrorKind::Runtime, "e.lua: plain");
    require_error(sb.run("e.lua", "error({})"), ErrorKind::Runtime, "e.lua: (error object is a table value)");
  }
  SECTION("a binary chunk given to the host") {
    require_error(sb.run("bin.lua", "\x1bLua"), ErrorKind::Syntax, "bin.lua: attempt to load a binary chunk (mode is 't')");
  }
  require_still_usable(sb);
}

TEST_CASE("a script error becomes a Diagnostic with file and line") {
  const ScriptError e{ErrorKind::Runtime, "formula.lua", "formula.lua:12: attempt to add a nil value", ""};
  const collab::Diagnostic d = to_diagnostic(e);
  CHECK(d.where.file == "formula.lua");
  CHECK(d.where.line == 12);
  CHECK(d.message == "runtime error: attempt to add a nil value");
  CHECK(collab::format_diagnostic(to_diagnostic({ErrorKind::CpuTime, "f.lua", "f.lua: CPU time limit exceeded (2000 ms)", ""})) ==
        "f.lua: error: CPU time limit: CPU time limit exceeded (2000 ms)\n"
        "    hint: the script computed too long; look for a loop that never ends, or raise the CPU time limit");
}

namespace {

// A formula as the later formula layer will call it: weights(year, forces, params) -> 43 numbers.
constexpr int kForces = 43;

struct Formula {
  Sandbox& sb;
  Ref weights;
  Ref forces;  // reused for every call
  Ref params;

  RunResult call(int year, std::vector<double>& out) {
    return sb.call(
        "grant_share.lua: weights", weights,
        [&](lua_State* L) {
          lua_pushinteger(L, year);
          forces.push(L);
          params.push(L);
          return 3;
        },
        [&](lua_State* L, int n) {
          if (n < 1 || !lua_istable(L, 1)) throw std::runtime_error("weights must return a table");
          out.assign(kForces, 0.0);
          for (int i = 1; i <= kForces; ++i) {
            lua_rawgeti(L, 1, i);
            int is_number = 0;
            out[static_cast<std::size_t>(i - 1)] = lua_tonumberx(L, -1, &is_number);
            lua_pop(L, 1);
            if (is_number == 0) throw std::runtime_error("weight " + std::to_string(i) + " is not a number");
          }
        });
  }
};

}  // namespace

TEST_CASE("the host calls a returned function once per year with 43 numbers in and out") {
  Sandbox sb;
  const RunResult module = sb.run("grant_share.lua", R"(
    local function weights(year, forces, params)
      local w = {}
      for i, grant in ipairs(forces) do w[i] = grant * params.scale + (year - 2000) end
      return w
    end
    return { id = 'grant_share', weights = weights }
  )");
  REQUIRE(module.ok());
  Formula formula{sb, sb.field(module.values[0], "weights"), {}, {}};
  REQUIRE(formula.weights.type() == LUA_TFUNCTION);
  // The input tables are built once, under protection, and reused for every call.
  formula.forces = sb.make_value([](lua_State* L) {
    lua_createtable(L, kForces, 0);
    for (int i = 1; i <= kForces; ++i) {
      lua_pushnumber(L, i * 10.0);
      lua_rawseti(L, -2, i);
    }
  });
  formula.params = sb.make_value([](lua_State* L) {
    lua_createtable(L, 0, 1);
    lua_pushnumber(L, 0.5);
    lua_setfield(L, -2, "scale");
  });
  std::vector<double> out;
  for (int year = 2016; year <= 2020; ++year) {
    const RunResult r = formula.call(year, out);
    REQUIRE(r.ok());
    REQUIRE(out.size() == kForces);
    CHECK(out[0] == 5.0 + (year - 2000));
    CHECK(out[42] == 215.0 + (year - 2000));
  }
}

TEST_CASE("a failing call reports the script line, or the reader's complaint") {
  Sandbox sb;
  RunResult module = sb.run("f.lua", "return function(year)\n  if year > 2000 then return nil + 1 end\n  return 'x'\nend");
  REQUIRE(module.ok());
  std::vector<double> out;
  Formula formula{sb, std::move(module.values[0]), {}, {}};
  require_error(formula.call(2016, out), ErrorKind::Runtime, "f.lua:2: attempt to perform arithmetic on a nil value");
  require_error(formula.call(1999, out), ErrorKind::Runtime, "grant_share.lua: weights: weights must return a table");
  Limits quick = quick_limits();
  Sandbox fast(quick);
  const RunResult spin = fast.run("spin.lua", "return function()\n  while true do end\nend");
  REQUIRE(spin.ok());
  require_error(fast.call("spin.lua: weights", spin.values[0], [](lua_State*) { return 0; }), ErrorKind::CpuTime,
                "spin.lua: weights: CPU time limit exceeded (150 ms) (stopped in spin.lua:2)");
  require_still_usable(fast);
}

namespace {

bool g_destroyed = false;

struct SetsFlagOnDestruction {
  ~SetsFlagOnDestruction() { g_destroyed = true; }
};

int raises_with_object_alive(lua_State* L) {
  SetsFlagOnDestruction object;
  (void)object;
  return luaL_error(L, "raised with a C++ object alive");
}

int throws_std(lua_State*) { throw std::runtime_error("kaboom"); }

int throws_int(lua_State*) { throw 42; }  // NOLINT: deliberately not a std::exception

int adds(lua_State* L) {
  if (!lua_isnumber(L, 1)) raise_type_error(L, 1, "number");
  const auto* offset = static_cast<const double*>(exposed_context(L));
  lua_pushnumber(L, lua_tonumber(L, 1) + *offset);
  return 1;
}

constexpr luaL_Reg kTestFunctions[] = {
    {"raises", raises_with_object_alive},
    {"boom", throws_std},
    {"throw_int", throws_int},
};

}  // namespace

TEST_CASE("destructors run across a Lua error: we link the C++ build of Lua") {
  Sandbox sb;
  sb.expose("test", kTestFunctions);
  g_destroyed = false;
  require_error(sb.run("raii.lua", "test.raises()"), ErrorKind::Runtime, "raii.lua:1: raised with a C++ object alive");
  CHECK(g_destroyed);
  require_still_usable(sb);
}

TEST_CASE("a C++ exception in an exposed function comes back as a Runtime error naming it") {
  Sandbox sb;
  sb.expose("test", kTestFunctions);
  require_error(sb.run("boom.lua", "test.boom()"), ErrorKind::Runtime, "boom.lua:1: error in 'test.boom': kaboom");
  require_error(sb.run("boom.lua", "local ok, e = pcall(test.boom)\nerror(e, 0)"), ErrorKind::Runtime,
                "boom.lua: error in 'test.boom': kaboom");
  require_still_usable(sb);
}

TEST_CASE("an exception Lua does not know ends the run as an Internal error, even under pcall") {
  Sandbox sb;
  sb.expose("test", kTestFunctions);
  const std::string internal =
      "escape.lua: internal error: Lua returned an undocumented status (a C++ exception escaped into Lua?)";
  require_error(sb.run("escape.lua", "test.throw_int()"), ErrorKind::Internal, internal);
  require_error(sb.run("escape.lua", "pcall(test.throw_int)\nreturn 'caught'"), ErrorKind::Internal, internal);
  require_still_usable(sb);
}

TEST_CASE("exposed modules nest, are read-only, and name their functions in errors") {
  Sandbox sb;
  double offset = 100;
  const luaL_Reg money[] = {{"add", adds}};
  sb.expose("test.money", money, &offset);
  sb.expose_value("test.version", [](lua_State* L) { lua_pushliteral(L, "1.0"); });
  sb.expose_value("test.forces", [](lua_State* L) {
    lua_createtable(L, 2, 0);
    lua_pushliteral(L, "derbyshire");
    lua_rawseti(L, -2, 1);
    lua_pushliteral(L, "leicestershire");
    lua_rawseti(L, -2, 2);
  });
  const RunResult r = sb.run("m.lua",
                             "local n = 0 for _, f in ipairs(test.forces) do n = n + #f end\n"
                             "return test.money.add(1), test.version, #test.forces, n");
  REQUIRE(r.ok());
  CHECK(r.values[0].number() == 101);
  CHECK(r.values[1].string() == "1.0");
  CHECK(r.values[2].number() == 2);
  CHECK(r.values[3].number() == 24);
  require_error(sb.run("m.lua", "test.money.add('x')"), ErrorKind::Runtime,
                "m.lua:1: bad argument #1 to 'test.money.add' (number expected, got string)");
  require_error(sb.run("m.lua", "test.money.add = nil"), ErrorKind::Runtime,
                "m.lua:1: attempt to modify read-only table 'test.money'");
  require_error(sb.run("m.lua", "test.money = {}"), ErrorKind::Runtime, "m.lua:1: attempt to modify read-only table 'test'");
  require_error(sb.run("m.lua", "test.forces[1] = 'x'"), ErrorKind::Runtime,
                "m.lua:1: attempt to modify read-only table 'test.forces'");
  CHECK_THROWS_AS(sb.expose("test.money", money), std::runtime_error);  // 'test.money.add' is taken
  CHECK_THROWS_AS(sb.expose("string", money), std::runtime_error);      // a library's name
  CHECK_THROWS_AS(sb.expose("bad name", money), std::invalid_argument);
  CHECK_THROWS_AS(sb.expose("test..x", money), std::invalid_argument);
  require_still_usable(sb);
}

TEST_CASE("a run cannot start inside another run") {
  Sandbox sb;
  const luaL_Reg reenter[] = {{"run", [](lua_State* L) -> int {
                                 auto* inner = static_cast<Sandbox*>(exposed_context(L));
                                 (void)inner->run("inner.lua", "return 1");
                                 return 0;
                               }}};
  sb.expose("host", reenter, &sb);
  require_error(sb.run("outer.lua", "host.run()"), ErrorKind::Runtime,
                "outer.lua:1: error in 'host.run': a script run was started from inside another run");
  require_still_usable(sb);
}

TEST_CASE("a Ref that outlives its Sandbox is inert") {
  Ref kept;
  {
    Sandbox sb;
    RunResult r = sb.run("keep.lua", "return 42");
    REQUIRE(r.ok());
    kept = std::move(r.values[0]);
    CHECK(kept.number() == 42);
  }
  CHECK_FALSE(kept.valid());
  CHECK_FALSE(kept.number().has_value());
}

TEST_CASE("a sandbox can be moved, and refuses to start under an impossible memory limit") {
  Sandbox a;
  Sandbox b = std::move(a);
  require_still_usable(b);
  Limits tiny;
  tiny.memory_bytes = 4096;
  CHECK_THROWS_AS(Sandbox(tiny), std::runtime_error);
}
