// collab.layout.*: shallow checks at the script's line, a marked copy back. The deep check of
// a whole document (every row and cell against its column) is the reader's, once build returns.

#include "api/layout_api.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "api/arguments.h"
#include "api/marked_tables.h"
#include "core/text.h"
#include "lua/guard.h"

namespace collab::api {

namespace {

// Registry key of the weak-keyed table: made value -> "kind\nwhere".
const char kMadeKey = 0;

struct Shape {
  const char* kind;
  std::array<const char*, 8> fields;  // nullptr-terminated
};

constexpr Shape kDocument{"document", {"title", "subtitle", "blocks", "footnotes", nullptr}};
constexpr Shape kTable{"table", {"id", "title", "columns", "rows", "caption", "source", nullptr}};
constexpr Shape kChart{"chart", {"kind", "title", "table", "category", "series", nullptr}};
constexpr Shape kCell{"cell", {"value", "explain", "note", nullptr}};

std::string where_of_caller(lua_State* L) {
  lua::push_script_where(L);
  std::string where = string_at(L, -1);
  lua_pop(L, 1);
  if (where.size() >= 2 && where.compare(where.size() - 2, 2, ": ") == 0) where.resize(where.size() - 2);
  return where;
}

// Marks the value on top of the stack (leaving it there) as made by constructor `kind`.
void mark_top(lua_State* L, std::string_view kind) {
  const std::string mark = fmt::format("{}\n{}", kind, where_of_caller(L));
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kMadeKey);
  lua_pushvalue(L, -2);
  lua_pushlstring(L, mark.data(), mark.size());
  lua_rawset(L, -3);
  lua_pop(L, 1);
}

std::string field_list(const Shape& shape) {
  std::string out;
  for (const char* f : shape.fields) {
    if (f == nullptr) break;
    out += (out.empty() ? "" : ", ") + std::string(f);
  }
  return out;
}

// Refuses a string key that is not one of the shape's fields (a typo is an error, not a silently
// missing title). Integer keys are allowed where `positional` says so (cell{123}).
void check_fields(lua_State* L, int index, const Shape& shape, bool positional) {
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TSTRING) {
      const std::string key = string_at(L, -1);
      const bool known = std::any_of(shape.fields.begin(), shape.fields.end(),
                                     [&](const char* f) { return f != nullptr && key == f; });
      if (!known)
        throw std::runtime_error(fmt::format("unknown field '{}' (a {} has {})", visible_text(key), shape.kind,
                                             field_list(shape)));
    } else if (!positional || !lua_isinteger(L, -1)) {
      throw std::runtime_error(fmt::format("a {} takes named fields ({}), not a {} key", shape.kind, field_list(shape),
                                           luaL_typename(L, -1)));
    }
  }
}

void require_string(lua_State* L, int index, const char* field, const char* kind, bool required) {
  lua_pushstring(L, field);
  const int type = lua_rawget(L, index);
  lua_pop(L, 1);
  if (type == LUA_TNIL && !required) return;
  if (type != LUA_TSTRING)
    throw std::runtime_error(fmt::format("a {} needs '{}' as a string, got {}", kind, field, lua_typename(L, type)));
}

int make_shaped(lua_State* L, const Shape& shape, std::initializer_list<const char*> required_strings) {
  if (!lua_istable(L, 1)) lua::raise_type_error(L, 1, fmt::format("table (a {})", shape.kind));
  check_fields(L, 1, shape, std::string_view(shape.kind) == "cell");
  for (const char* field : required_strings) require_string(L, 1, field, shape.kind, true);
  push_shallow_copy(L, 1);  // later changes to the script's table do not change what was checked
  mark_top(L, shape.kind);
  return 1;
}

int document(lua_State* L) {
  const int n = make_shaped(L, kDocument, {"title"});
  require_string(L, 1, "subtitle", "document", false);
  return n;
}

int table(lua_State* L) {
  if (!lua_istable(L, 1)) lua::raise_type_error(L, 1, "table (a table block)");
  check_fields(L, 1, kTable, false);
  require_string(L, 1, "id", "table", true);
  require_string(L, 1, "title", "table", true);
  lua_pushliteral(L, "columns");
  if (lua_rawget(L, 1) != LUA_TTABLE)
    throw std::runtime_error("a table needs 'columns', a list of {key=, title=, type=}");
  lua_pop(L, 1);
  push_shallow_copy(L, 1);  // later changes to the script's table do not change what was checked
  mark_top(L, "table");
  return 1;
}

int chart(lua_State* L) { return make_shaped(L, kChart, {"kind", "table", "category"}); }

int list(lua_State* L) {
  if (!lua_istable(L, 1)) lua::raise_type_error(L, 1, "table (a list of items)");
  push_shallow_copy(L, 1);  // later changes to the script's table do not change what was checked
  mark_top(L, "list");
  return 1;
}

// Rows and cells: a total or subtotal row is any table of cells; a cell is {value, explain=, note=}.
template <const char* Kind>
int row(lua_State* L) {
  if (!lua_istable(L, 1)) lua::raise_type_error(L, 1, fmt::format("table (a {} row: cells by column key)", Kind));
  push_shallow_copy(L, 1);  // later changes to the script's table do not change what was checked
  mark_top(L, Kind);
  return 1;
}
constexpr char kTotal[] = "total";
constexpr char kSubtotal[] = "subtotal";

int cell(lua_State* L) {
  if (!lua_istable(L, 1)) lua::raise_type_error(L, 1, "table (a cell: {value, explain = ..., note = ...})");
  check_fields(L, 1, kCell, true);
  push_shallow_copy(L, 1);  // later changes to the script's table do not change what was checked
  mark_top(L, "cell");
  return 1;
}

// Headings, paragraphs and notes: text in, a marked table out ({text=, level=} or {spans}).
int heading(lua_State* L) {
  luaL_checktype(L, 1, LUA_TSTRING);
  const lua_Integer level = luaL_optinteger(L, 2, 1);
  if (level < 1 || level > 3) lua::raise_arg_error(L, 2, "a heading level is 1, 2 or 3");
  lua_createtable(L, 0, 2);
  lua_pushvalue(L, 1);
  lua_setfield(L, -2, "text");
  lua_pushinteger(L, level);
  lua_setfield(L, -2, "level");
  mark_top(L, "heading");
  return 1;
}

// paragraph("text", collab.layout.em("x"), ...) or paragraph{ ... }: the spans as a list.
template <const char* Kind>
int spans_block(lua_State* L) {
  const int n = lua_gettop(L);
  if (n == 0) lua::raise_arg_error(L, 1, fmt::format("a {} needs text", Kind));
  lua_createtable(L, 0, 1);
  if (n == 1 && lua_istable(L, 1) && !layout_mark(L, 1)) {
    push_shallow_copy(L, 1);  // later changes to the script's table do not change what was checked
  } else {
    lua_createtable(L, n, 0);
    for (int i = 1; i <= n; ++i) {
      lua_pushvalue(L, i);
      lua_rawseti(L, -2, i);
    }
  }
  lua_setfield(L, -2, "spans");
  mark_top(L, Kind);
  return 1;
}
constexpr char kParagraph[] = "paragraph";
constexpr char kNote[] = "note";

template <const char* Style>
int styled(lua_State* L) {
  luaL_checktype(L, 1, LUA_TSTRING);
  lua_createtable(L, 0, 2);
  lua_pushvalue(L, 1);
  lua_setfield(L, -2, "text");
  lua_pushstring(L, Style);
  lua_setfield(L, -2, "style");
  mark_top(L, "span");
  return 1;
}
constexpr char kEm[] = "em";
constexpr char kStrong[] = "strong";

int footnote_ref(lua_State* L) {
  luaL_checktype(L, 1, LUA_TSTRING);
  lua_createtable(L, 0, 1);
  lua_pushvalue(L, 1);
  lua_setfield(L, -2, "footnote");
  mark_top(L, "span");
  return 1;
}

}  // namespace

std::optional<Made> layout_mark(lua_State* L, int index) {
  if (!lua_istable(L, index)) return std::nullopt;
  index = lua_absindex(L, index);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kMadeKey);
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    return std::nullopt;
  }
  lua_pushvalue(L, index);
  const bool made = lua_rawget(L, -2) == LUA_TSTRING;
  std::string mark = made ? string_at(L, -1) : "";
  lua_pop(L, 2);
  if (!made) return std::nullopt;
  const auto newline = mark.find('\n');
  return Made{mark.substr(0, newline), mark.substr(newline + 1)};
}

void install_layout_api(lua::Sandbox& sandbox, ApiContext& context) {
  sandbox.inspect("collab.layout", [](lua_State* L) {
    create_marked_set(L, &kMadeKey);
  });
  static const luaL_Reg kFunctions[] = {
      {"document", document},
      {"heading", heading},
      {"paragraph", spans_block<kParagraph>},
      {"note", spans_block<kNote>},
      {"list", list},
      {"table", table},
      {"chart", chart},
      {"total", row<kTotal>},
      {"subtotal", row<kSubtotal>},
      {"cell", cell},
      {"em", styled<kEm>},
      {"strong", styled<kStrong>},
      {"footnote_ref", footnote_ref},
  };
  sandbox.expose("collab.layout", kFunctions, &context);
}

}  // namespace collab::api
