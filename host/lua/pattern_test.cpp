// The sandbox's pattern matcher against stock Lua 5.4: the same script, run once in a plain
// lua_State with the stock string library and once in a Sandbox, must print the same results.

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "lua/sandbox_test_support.h"

using namespace collab::lua;
using namespace collab::lua::testing;

namespace {

// Lua that defines ser(...) (values or "E:message") and check(label, f, ...) appending a line.
const char* const kPrelude = R"(
local out = {}
local function ser(ok, ...)
  if not ok then return 'E:' .. tostring((...)) end
  local parts = {}
  for i = 1, select('#', ...) do
    local v = select(i, ...)
    parts[#parts + 1] = math.type(v) or type(v) .. ':' .. tostring(v)
    if type(v) == 'number' then parts[#parts] = parts[#parts] .. ':' .. tostring(v) end
  end
  return table.concat(parts, ',')
end
local function check(label, f, ...) out[#out + 1] = label .. ' => ' .. ser(pcall(f, ...)) end
local function all_matches(s, p, init)
  local found = {}
  for a, b, c in string.gmatch(s, p, init) do
    found[#found + 1] = tostring(a) .. '/' .. tostring(b) .. '/' .. tostring(c)
    if #found > 30 then break end
  end
  return table.concat(found, ' ')
end
)";

// Random subjects and patterns from a fixed generator (the same on both sides).
const char* const kGenerated = R"(
local seed = 20240601
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return (seed // 65536) % n + 1 end
local atoms = {'a', 'b', '.', '%a', '%d', '%s', '%w', '%x', '%p', '%u', '%l', '%c', '%g', '%A', '%D', '%S', '%W',
  '[ab]', '[^a]', '[a-c]', '[%d_]', '[]]', '[^]a]', '[%a-]', '[a-]', '%%', '%.', '%(', '(', ')', '()', '%b()',
  '%b{}', '%f[%w]', '%f[%W]', '%f[a]', '%1', '%2', '%0', '^', '$', '-', 'x', '1', ' ', '[', '%', '%b', '%f', '\0', 'A'}
local quantifiers = {'', '', '', '', '*', '+', '-', '?'}
local letters = {'a', 'b', '1', ' ', '(', ')', 'x', '_', '.', '%', '-', 'A', '\n', '{', '}', '\0', '\200'}
local inits = {nil, 1, 2, 3, -1, -3, 0, 20, -20, 5}
local repls = {'%0', '[%1]', '%%', 'x', '%2', '%', '%z', '<%1%2>', ''}
local function gen_pattern()
  local p = {}
  for _ = 1, rnd(5) do p[#p + 1] = atoms[rnd(#atoms)] .. quantifiers[rnd(#quantifiers)] end
  return table.concat(p)
end
local function gen_subject()
  local s = {}
  for _ = 1, rnd(13) - 1 do s[#s + 1] = letters[rnd(#letters)] end
  return table.concat(s)
end
local tab = {a = 'A', ['1'] = 1, b = false, x = {}}
local function fn(c, d) if c == 'b' then return nil end if type(c) == 'number' then return c * 2 end return tostring(c):upper() .. tostring(d) end
for i = 1, CASES do
  local s, p, init = gen_subject(), gen_pattern(), inits[rnd(#inits)]
  local tag = i .. ' ' .. string.format('%q %q', s, p) .. ' ' .. tostring(init)
  check(tag .. ' find', string.find, s, p, init)
  check(tag .. ' plain', string.find, s, p, init, true)
  check(tag .. ' match', string.match, s, p, init)
  check(tag .. ' gmatch', all_matches, s, p, init)
  check(tag .. ' gsub', string.gsub, s, p, repls[rnd(#repls)])
  check(tag .. ' gsub n', string.gsub, s, p, repls[rnd(#repls)], rnd(4) - 2)
  check(tag .. ' gsub t', string.gsub, s, p, tab)
  check(tag .. ' gsub f', string.gsub, s, p, fn)
end
)";

// Hand-picked cases: each feature of the pattern language and each documented error.
const char* const kChosen = R"(
local cases = {
  {'hello world', 'o w'}, {'hello world', 'l+'}, {'hello world', 'l*o'}, {'hello', 'l-o'}, {'hello', 'x?h'},
  {'  key = value  ', '^%s*(%w+)%s*=%s*(%w+)%s*$'}, {'THE (quick) fox', '%f[%a]%a+'}, {'THE (quick) fox', '%b()'},
  {'x = [[a]] y', '%[(=*)%[(.-)%]%1%]'}, {'abcabc', '(abc)%1'}, {'abc', '()b()'}, {'2016/17', '^(%d+)/(%d%d)$'},
  {'£9,568,874.60', '[%d,]+%.%d%d'}, {'a.b.c', '%.'}, {'a.b.c', '.', 1, true}, {'abc', '$'}, {'abc', '^'},
  {'a$b', 'a$b'}, {'a^b', 'a^b'}, {'', ''}, {'', '.*'}, {'abc', ''}, {'aaa', 'a-'}, {'aaa', 'a-$'},
  {'[[x]]', '[[]'}, {'a]b', '[]]'}, {'a-b', '[a-]'}, {'a-b', '[-a]'}, {'A1_', '[%w_]+'}, {'a\0b', '%z'},
  {'a\0b', 'a%zb'}, {'a\0b', '[\0]'}, {'\0\0', '\0+'}, {'café', '[\128-\255]+'}, {'one two  three', '%S+'},
  {'x', '%'}, {'x', '[a'}, {'x', '[a%'}, {'x', '(x'}, {'x', 'x)'}, {'x', '%b'}, {'x', '%bx'}, {'x', '%fx'},
  {'x', '%1'}, {'xx', '(x)%2'}, {'x', '%0'}, {'x', '(()'}, {'x', ('(x?)'):rep(33)}, {'x', ('x?'):rep(300)},
  {'abc', 'b', -1}, {'abc', 'b', -2}, {'abc', 'b', -10}, {'abc', 'b', 4}, {'abc', 'b', 5}, {'abc', '', 4},
  {'abc', '', 5}, {'hello', 'l', 0},
}
for i, c in ipairs(cases) do
  local tag = i .. ' ' .. string.format('%q %q', c[1], c[2])
  check(tag .. ' find', string.find, c[1], c[2], c[3], c[4])
  check(tag .. ' match', string.match, c[1], c[2], c[3])
  check(tag .. ' gmatch', all_matches, c[1], c[2], c[3])
  check(tag .. ' gsub', string.gsub, c[1], c[2], '<%0>')
end
check('gsub anchored', string.gsub, 'hello hello', '^hello', 'bye')
check('gsub empty matches', string.gsub, 'abc', '%w*', '-')
check('gsub lazy empty', string.gsub, 'abc', '.-', '-')
check('gsub count', string.gsub, 'abc abc abc', 'abc', 'x', 2)
check('gsub float count', string.gsub, 'abc', 'b', 'x', 1.5)
check('gsub percent', string.gsub, 'abc', 'b', '%%')
check('gsub capture in repl', string.gsub, 'hello world', '(%w+)', '<%1>')
check('gsub position capture in repl', string.gsub, 'abc', '()b', '%1')
check('gsub bad index', string.gsub, 'abc', '(a)', '%2')
check('gsub bad escape', string.gsub, 'abc', 'a', '%x')
check('gsub trailing percent', string.gsub, 'abc', 'a', 'x%')
check('gsub table value', string.gsub, 'abc', '%w', {a = 1, b = true})
check('gsub function value', string.gsub, 'abc', '%w', function() return {} end)
check('gsub bad repl type', string.gsub, 'abc', 'a', true)
check('gsub number repl', string.gsub, 'abc', 'b', 42)
check('gmatch anchor is literal', all_matches, '^a^b', '^.')
check('gmatch init', all_matches, 'one two three', '%a+', 5)
check('gmatch negative init', all_matches, 'one two three', '%a+', -5)
check('gmatch empty', all_matches, 'abc', '')
check('gmatch positions', all_matches, 'abc', '()')
check('find number subject', string.find, 12345, 34)
check('match number pattern', string.match, 'x123', 123)
check('find missing pattern', string.find, 'abc')
check('find bad init', string.find, 'abc', 'b', 'x')
check('match table subject', string.match, {}, 'a')
)";

std::string run_stock(const std::string& script) {
  lua_State* L = luaL_newstate();
  luaL_openlibs(L);
  std::string result = "stock failed: ";
  if (luaL_loadbufferx(L, script.data(), script.size(), "=cases", "t") == LUA_OK && lua_pcall(L, 0, 1, 0) == LUA_OK)
    result.clear();
  std::size_t len = 0;
  const char* text = lua_tolstring(L, -1, &len);
  result.append(text, len);
  lua_close(L);
  return result;
}

std::string run_sandboxed(const std::string& script) {
  Sandbox sb(ample_time(Limits{}));  // not a limit test: ASan builds are slow, and machines busy
  const RunResult r = sb.run("cases", script);
  if (!r.ok()) return "sandbox failed: " + format_script_error(*r.error);
  return r.values.at(0).string().value_or("(no string)");
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

void require_same_as_stock(const std::string& body) {
  const std::string script = std::string(kPrelude) + body + "\nreturn table.concat(out, '\\n')";
  const std::vector<std::string> stock = lines(run_stock(script));
  const std::vector<std::string> ours = lines(run_sandboxed(script));
  REQUIRE(stock.size() > 1);
  const std::size_t n = std::min(stock.size(), ours.size());
  std::size_t differences = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (stock[i] == ours[i]) continue;
    if (++differences > 10) break;
    INFO("stock:   " << stock[i]);
    INFO("sandbox: " << ours[i]);
    CHECK(stock[i] == ours[i]);
  }
  CHECK(stock.size() == ours.size());
}

// How many results were errors, and how many found something (the cases must exercise matches).
std::pair<std::size_t, std::size_t> errors_and_hits(const std::vector<std::string>& results) {
  std::size_t errors = 0;
  std::size_t hits = 0;
  for (const std::string& line : results) {
    if (line.find("=> E:") != std::string::npos) ++errors;
    if (line.find("=> integer:") != std::string::npos || line.find("=> string:") != std::string::npos) ++hits;
  }
  return {errors, hits};
}

}  // namespace

TEST_CASE("the matcher agrees with stock Lua on chosen cases, errors included") { require_same_as_stock(kChosen); }

TEST_CASE("the matcher agrees with stock Lua on 1500 generated subject/pattern pairs") {
  std::string body = kGenerated;
  body.replace(body.find("CASES"), 5, "1500");
  require_same_as_stock(body);
  const auto results = lines(run_stock(std::string(kPrelude) + body + "\nreturn table.concat(out, '\\n')"));
  const auto [errors, hits] = errors_and_hits(results);
  INFO(results.size() << " results, " << errors << " errors, " << hits << " matches");
  CHECK(results.size() >= 1500 * 8);  // %q writes a newline in a subject as a line break
  CHECK(errors < results.size() / 2);
  CHECK(hits > results.size() / 5);
}
