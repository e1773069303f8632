#include "api/report_constructor.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "api/marked_tables.h"
#include "api/arguments.h"
#include "core/text.h"
#include "lua/guard.h"

namespace collab::api {

namespace {

// Registry key of the weak-keyed set of tables collab.report made.
const char kMadeByReportKey = 0;

constexpr const char* kFields[] = {"id", "title", "description", "params", "build"};
constexpr std::size_t kMaxTextBytes = 1024;

bool is_report_id(std::string_view s) {
  if (s.empty() || s.size() > 64 || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-';
  });
}

int raw_field(lua_State* L, int t, const char* key) {
  lua_pushstring(L, key);
  return lua_rawget(L, t);
}

void check_report(lua_State* L, int t, ReportDefinition& out) {
  t = lua_absindex(L, t);
  lua_pushnil(L);
  while (lua_next(L, t) != 0) {
    lua_pop(L, 1);
    const bool known = lua_type(L, -1) == LUA_TSTRING &&
                       std::any_of(std::begin(kFields), std::end(kFields), [&](const char* f) { return view_at(L, -1) == f; });
    if (!known) {
      const std::string key = lua_type(L, -1) == LUA_TSTRING ? "'" + visible_text(string_at(L, -1)) + "'" : luaL_typename(L, -1);
      throw std::runtime_error(fmt::format("unknown field {} (a report has id, title, description, params, build)", key));
    }
  }
  auto text = [&](const char* key, bool required) {
    const int type = raw_field(L, t, key);
    std::string value = type == LUA_TSTRING ? capped_text(view_at(L, -1), kMaxTextBytes) : "";
    lua_pop(L, 1);
    if ((type != LUA_TNIL || required) && (type != LUA_TSTRING || value.empty()))
      throw std::runtime_error(fmt::format("field '{}' must be a non-empty string, got {}", key, lua_typename(L, type)));
    return value;
  };
  out.id = text("id", true);
  if (!is_report_id(out.id))
    throw std::runtime_error(fmt::format("id '{}' must be lower case letters, digits and '-', starting with a letter, "
                                         "at most 64 characters",
                                         visible_text(out.id)));
  out.title = text("title", true);
  out.description = text("description", false);
  if (raw_field(L, t, "params") != LUA_TNIL) out.params = read_param_specs(L, lua_gettop(L));
  lua_pop(L, 1);
  if (const int type = raw_field(L, t, "build"); type != LUA_TFUNCTION)
    throw std::runtime_error(fmt::format("field 'build' must be a function(ctx, params) returning "
                                         "collab.layout.document{{...}}, got {}",
                                         lua_typename(L, type)));
  lua_pop(L, 1);
}

int report(lua_State* L) {
  if (!lua_istable(L, 1)) lua::raise_type_error(L, 1, "table");
  ReportDefinition definition;
  std::string fault;
  try {
    check_report(L, 1, definition);
  } catch (const std::runtime_error& e) {
    fault = e.what();
  }
  if (!fault.empty()) lua::raise_error(L, "collab.report: " + fault);
  push_marked_copy(L, 1, &kMadeByReportKey);  // a shallow copy: later changes to the script's table do not reach the host
  return 1;
}

}  // namespace

void install_report_constructor(lua::Sandbox& sandbox, ApiContext& context) {
  sandbox.inspect("collab.report", [](lua_State* L) { create_marked_set(L, &kMadeByReportKey); });
  static const luaL_Reg kConstructors[] = {{"report", report}};
  sandbox.expose("collab", kConstructors, &context);
}

Result<ReportDefinition> read_report(lua_State* L, int index) {
  index = lua_absindex(L, index);
  if (!lua_istable(L, index)) return fail(fmt::format("returned a {}, not collab.report{{...}}", luaL_typename(L, index)));
  const bool made_here = is_marked(L, index, &kMadeByReportKey);
  if (!made_here) return fail("returned a plain table: build it with collab.report{...}");
  ReportDefinition definition;
  try {
    check_report(L, index, definition);
  } catch (const std::runtime_error& e) {
    return fail(fmt::format("its report was changed after collab.report checked it: {}", e.what()));
  }
  return definition;
}

}  // namespace collab::api
