#include "lua/environment.h"

#include <fmt/format.h>

#include <stdexcept>
#include <string>

#include "lua/guard.h"
#include "lua/pattern.h"
#include "lua/safe_base.h"
#include "lua/safe_string.h"
#include "lua/safe_table.h"

namespace collab::lua {

namespace {

// Registry keys (their addresses).
const char kBaseKey = 0;
const char kEnvMetatableKey = 0;
const char kModulesKey = 0;
const char kRandomSeedKey = 0;
const char kObjectIdsKey = 0;
const char kProxyKey = 0;  // key, inside a proxy's metatable, of the proxy's name
const char kFrozenKey = 0;  // key, inside a frozen environment's metatable, of its owner's name

// ---- the allow-list --------------------------------------------------------------------------

enum class Kind {
  Stock,    // the stock value, as it is
  Checked,  // a stock C function that can run long without allocating: the clock is read after it
  Own,      // the sandbox's own function
  OwnOver,  // the sandbox's own function, given the stock one as upvalue 1
};

struct Allowed {
  const char* name;
  Kind kind = Kind::Stock;
  lua_CFunction own = nullptr;
};

// Libraries never opened: io (files), os (os.exit ended the host process, os.execute ran
// processes, os.setlocale is process-wide), package (require, package.loadlib loaded liblua
// again and got a fresh os), debug (hooks, registry, upvalues, metatables of every type).

// Left out of the base library:
//   dofile, loadfile: read files from the host's disk (loadfile leaked lines of /etc/passwd in its error)
//   require: needs package
//   load: each environment gets its own `load` (text only, that environment by default), not this one
constexpr Allowed kBase[] = {
    {"assert"},
    {"collectgarbage", Kind::Own, guarded<safe_collectgarbage>},  // "count" only: the rest changes the whole state
    {"error"},
    {"getmetatable"},
    {"ipairs"},
    {"next"},
    {"pairs"},
    {"pcall", Kind::Own, guarded<safe_pcall>},
    {"print", Kind::Own, guarded<safe_print>},  // to the run's log, not stdout
    {"rawequal"},
    {"rawget", Kind::Own, guarded<safe_rawget>},  // a frozen environment's globals are in its backing table
    {"rawlen"},
    {"rawset", Kind::Own, guarded<safe_rawset>},  // refuses read-only proxies and frozen environments
    {"select"},
    {"setmetatable", Kind::Own, guarded<safe_setmetatable>},  // refuses __gc (finalizers run with hooks off)
    {"tonumber", Kind::Checked},
    {"tostring", Kind::Own, guarded<safe_tostring>},  // no addresses
    {"type"},
    {"warn", Kind::Own, guarded<safe_warn>},  // to the run's log; "@on"/"@off" are state-wide: ignored
    {"xpcall", Kind::Own, guarded<safe_xpcall>},
    {"_VERSION"},
};

// Left out of string: dump (bytecode leaks constants; binary chunks with a few flipped bytes
// crashed the interpreter, so nothing loads them anyway).
constexpr Allowed kString[] = {
    {"byte", Kind::Checked},
    {"char"},
    {"find", Kind::Own, guarded<pattern_find>},  // the step-counting matcher and a linear plain find
    {"format", Kind::OwnOver, guarded<safe_format>},  // no %p, %s without addresses
    {"gmatch", Kind::Own, guarded<pattern_gmatch>},
    {"gsub", Kind::Own, guarded<pattern_gsub>},
    {"len"},
    {"lower"},
    {"match", Kind::Own, guarded<pattern_match>},
    {"pack"},
    {"packsize", Kind::Checked},
    {"rep", Kind::Own, guarded<safe_rep>},  // capped count and size, the empty forms included
    {"reverse"},
    {"sub"},
    {"unpack", Kind::Checked},
    {"upper"},
};

constexpr Allowed kTable[] = {
    {"concat", Kind::Own, guarded<safe_table_concat>},  // capped size
    {"insert", Kind::Own, guarded<safe_table_insert>},  // capped shifts, counted steps (#t may be 2^40)
    {"move", Kind::Own, guarded<safe_table_move>},  // capped count (moving nils allocates nothing)
    {"pack"},
    {"remove", Kind::Own, guarded<safe_table_remove>},  // capped shifts, counted steps
    {"sort", Kind::Own, guarded<safe_table_sort>},      // capped length, counted comparisons
    {"unpack", Kind::Own, guarded<safe_table_unpack>},  // counted reads (each may walk an __index chain)
};

// Left out of math: randomseed (it reseeds every script in the state; the host seeds each run).
constexpr Allowed kMath[] = {
    {"abs"},  {"acos"}, {"asin"}, {"atan"},       {"ceil"}, {"cos"},        {"deg"},
    {"exp"},  {"floor"}, {"fmod"}, {"huge"},      {"log"},  {"max"},        {"maxinteger"},
    {"min"},  {"mininteger"}, {"modf"}, {"pi"},   {"rad"},  {"random"},     {"sin"},
    {"sqrt"}, {"tan"},  {"tointeger"}, {"type"},  {"ult"},
};

constexpr Allowed kUtf8[] = {
    {"char"}, {"charpattern"}, {"codes"}, {"codepoint", Kind::Checked}, {"len", Kind::Checked}, {"offset", Kind::Checked},
};

constexpr Allowed kCoroutine[] = {
    {"close", Kind::Own, guarded<safe_close>},  // nesting capped: a deep close chain crashes Lua 5.4.4
    {"create"},
    {"isyieldable"},
    {"resume", Kind::Own, guarded<safe_resume>},
    {"running"},
    {"status"},
    {"wrap", Kind::Own, guarded<safe_wrap>},
    {"yield"},
};

// os, as a fresh table of three. Left out: execute, exit, getenv, remove, rename, setlocale,
// tmpname (processes, the file system, the environment, process-wide state), difftime (a - b).
constexpr Allowed kOs[] = {
    {"clock"},
    {"date", Kind::OwnOver, guarded<safe_os_date>},  // no locale-dependent conversions
    {"time"},
};

struct Library {
  const char* name;  // "_G" for the base functions, which go straight into the base
  std::span<const Allowed> members;
};

constexpr Library kLibraries[] = {
    {"_G", kBase},        {LUA_STRLIBNAME, kString}, {LUA_TABLIBNAME, kTable}, {LUA_MATHLIBNAME, kMath},
    {LUA_UTF8LIBNAME, kUtf8}, {LUA_COLIBNAME, kCoroutine}, {LUA_OSLIBNAME, kOs},
};

// ---- building --------------------------------------------------------------------------------

// Pushes the stock table of library `name`: from package.loaded, or, for os, a fresh one that
// is never registered anywhere.
void push_stock_library(lua_State* L, std::string_view name) {
  if (name == LUA_OSLIBNAME) {
    lua_pushcfunction(L, luaopen_os);
    lua_call(L, 0, 1);
    return;
  }
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_getfield(L, -1, std::string(name).c_str());
  lua_remove(L, -2);
  if (!lua_istable(L, -1)) throw std::logic_error(fmt::format("library '{}' is not open", name));
}

void push_member(lua_State* L, int stock, std::string_view library, const Allowed& member) {
  if (member.kind == Kind::Own) {
    lua_pushcfunction(L, member.own);
    return;
  }
  if (lua_getfield(L, stock, member.name) == LUA_TNIL)
    throw std::logic_error(fmt::format("allow-list names a missing '{}.{}'", library, member.name));
  if (member.kind == Kind::OwnOver) {
    lua_pushcclosure(L, member.own, 1);
  } else if (member.kind == Kind::Checked) {
    // call_then_check calls it directly, in its own frame: it must be a C function without upvalues.
    if (lua_tocfunction(L, -1) == nullptr || lua_getupvalue(L, -1, 1) != nullptr)
      throw std::logic_error(fmt::format("'{}.{}' cannot be checked", library, member.name));
    lua_pushcclosure(L, guarded<call_then_check>, 1);
  }
}

// The string metatable is shared by every string in the state: methods come from the fresh
// string table, and getmetatable('') returns false.
void seal_string_metatable(lua_State* L, int fresh) {
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_pushvalue(L, fresh);
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);
}

void add_library(lua_State* L, int base, const Library& library) {
  const std::string_view name = library.name;
  push_stock_library(L, name);
  const int stock = lua_gettop(L);
  int target = base;
  if (name != "_G") {
    lua_createtable(L, 0, static_cast<int>(library.members.size()));
    target = lua_gettop(L);
  }
  for (const Allowed& member : library.members) {
    push_member(L, stock, name, member);
    lua_setfield(L, target, member.name);
  }
  if (name != "_G") {
    if (name == LUA_STRLIBNAME) seal_string_metatable(L, target);
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);  // so tracebacks say 'string.rep'
    lua_pushvalue(L, target);
    lua_setfield(L, -2, library.name);
    lua_pop(L, 1);
    push_proxy(L, target, name);
    lua_setfield(L, base, library.name);
  }
  lua_settop(L, stock - 1);
}

int undefined_global(lua_State* L) {
  push_script_where(L);
  if (lua_type(L, 2) == LUA_TSTRING)
    lua_pushfstring(L, "script accessed undefined global '%s'", lua_tostring(L, 2));
  else
    lua_pushfstring(L, "script accessed undefined global (a %s key)", luaL_typename(L, 2));
  lua_concat(L, 2);
  return lua_error(L);
}

int read_only_newindex(lua_State* L) {
  push_script_where(L);
  lua_pushfstring(L, "attempt to modify read-only table '%s'", lua_tostring(L, lua_upvalueindex(1)));
  lua_concat(L, 2);
  return lua_error(L);
}

int frozen_newindex(lua_State* L) { return raise_frozen_assignment(L, lua_tostring(L, lua_upvalueindex(1)), 2); }

int proxy_next(lua_State* L) {
  lua_settop(L, 2);
  if (lua_next(L, lua_upvalueindex(1)) != 0) return 2;
  lua_pushnil(L);
  return 1;
}

int proxy_pairs(lua_State* L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushcclosure(L, guarded<proxy_next>, 1);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

int proxy_len(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, lua_upvalueindex(1))));
  return 1;
}

void set_metatable_fields(lua_State* L, int base) {
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, guarded<undefined_global>);
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, base);
  // Every environment's metatable: reads fall through to the base; protected.
  lua_createtable(L, 0, 2);
  lua_pushvalue(L, base);
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kEnvMetatableKey);
}

void make_registry_tables(lua_State* L) {
  lua_newtable(L);  // object -> number, for tostring
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kObjectIdsKey);
  lua_newtable(L);  // dotted module name -> real module table
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kModulesKey);
  push_stock_library(L, LUA_MATHLIBNAME);
  lua_getfield(L, -1, "randomseed");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kRandomSeedKey);
  lua_pop(L, 1);
}

}  // namespace

const void* object_ids_key() { return &kObjectIdsKey; }

void push_random_seeder(lua_State* L) { lua_rawgetp(L, LUA_REGISTRYINDEX, &kRandomSeedKey); }

void build_base(lua_State* L) {
  make_registry_tables(L);
  lua_newtable(L);
  const int base = lua_gettop(L);
  for (const Library& library : kLibraries) add_library(L, base, library);
  set_metatable_fields(L, base);
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_pushvalue(L, base);
  lua_setfield(L, -2, "_G");
  lua_pop(L, 1);
  // Nothing runs in the registry's globals: make them an empty read-only table.
  lua_newtable(L);
  push_proxy(L, -1, "_G");
  lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_pop(L, 1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kBaseKey);
}

void push_new_environment(lua_State* L) {
  lua_createtable(L, 0, 4);
  lua_pushvalue(L, -1);
  lua_setfield(L, -2, "_G");
  lua_pushvalue(L, -1);
  lua_pushcclosure(L, guarded<safe_load>, 1);
  lua_setfield(L, -2, "load");
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kEnvMetatableKey);
  lua_setmetatable(L, -2);
}

int raise_frozen_assignment(lua_State* L, const char* owner, int key_index) {
  push_script_where(L);
  if (lua_type(L, key_index) == LUA_TSTRING)
    lua_pushfstring(L, "error in %s: assigns global '%s'", owner, lua_tostring(L, key_index));
  else
    lua_pushfstring(L, "error in %s: assigns a global (a %s key)", owner, luaL_typename(L, key_index));
  lua_pushliteral(L, " (state kept between calls would make a sweep's scenarios depend on each other; use a local)");
  lua_concat(L, 3);
  return lua_error(L);
}

void freeze_environment(lua_State* L, int index, std::string_view owner) {
  index = lua_absindex(L, index);
  if (frozen_owner(L, index) != nullptr) return;
  lua_newtable(L);
  const int backing = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, backing);
  }
  lua_pushnil(L);
  while (lua_next(L, backing) != 0) {  // empty the environment, so every assignment reaches __newindex
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_pushnil(L);
    lua_rawset(L, index);
  }
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kEnvMetatableKey);  // the backing reads fall through to the base
  lua_setmetatable(L, backing);
  lua_createtable(L, 0, 5);
  lua_pushvalue(L, backing);
  lua_setfield(L, -2, "__index");
  lua_pushlstring(L, owner.data(), owner.size());
  lua_pushcclosure(L, guarded<frozen_newindex>, 1);
  lua_setfield(L, -2, "__newindex");
  lua_pushvalue(L, backing);
  lua_pushcclosure(L, guarded<proxy_pairs>, 1);
  lua_setfield(L, -2, "__pairs");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pushlstring(L, owner.data(), owner.size());
  lua_rawsetp(L, -2, &kFrozenKey);
  lua_setmetatable(L, index);
  lua_settop(L, backing - 1);
}

const char* frozen_owner(lua_State* L, int index) {
  if (lua_getmetatable(L, index) == 0) return nullptr;
  const char* owner = lua_rawgetp(L, -1, &kFrozenKey) == LUA_TSTRING ? lua_tostring(L, -1) : nullptr;
  lua_pop(L, 2);  // the owner stays alive in the metatable
  return owner;
}

void push_globals_table(lua_State* L, int index) {
  index = lua_absindex(L, index);
  if (frozen_owner(L, index) == nullptr) return lua_pushvalue(L, index);
  lua_getmetatable(L, index);
  lua_pushliteral(L, "__index");
  lua_rawget(L, -2);
  lua_remove(L, -2);
}

void push_proxy(lua_State* L, int real_index, std::string_view name) {
  real_index = lua_absindex(L, real_index);
  lua_newtable(L);
  lua_createtable(L, 0, 6);
  lua_pushvalue(L, real_index);
  lua_setfield(L, -2, "__index");
  lua_pushlstring(L, name.data(), name.size());
  lua_pushcclosure(L, guarded<read_only_newindex>, 1);
  lua_setfield(L, -2, "__newindex");
  lua_pushvalue(L, real_index);
  lua_pushcclosure(L, guarded<proxy_pairs>, 1);
  lua_setfield(L, -2, "__pairs");
  lua_pushvalue(L, real_index);
  lua_pushcclosure(L, guarded<proxy_len>, 1);
  lua_setfield(L, -2, "__len");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pushlstring(L, name.data(), name.size());
  lua_rawsetp(L, -2, &kProxyKey);
  lua_setmetatable(L, -2);
}

const char* proxy_name(lua_State* L, int index) {
  if (lua_getmetatable(L, index) == 0) return nullptr;
  const char* name = lua_rawgetp(L, -1, &kProxyKey) == LUA_TSTRING ? lua_tostring(L, -1) : nullptr;
  lua_pop(L, 2);  // the name stays alive in the metatable
  return name;
}

// ---- host modules ----------------------------------------------------------------------------

bool is_dotted_name(std::string_view name) {
  bool start = true;
  for (const char c : name) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (c == '.' && !start) {
      start = true;
    } else if (letter || (digit && !start)) {
      start = false;
    } else {
      return false;
    }
  }
  return !start;
}

namespace {

// Pushes the parent table of `dotted` (the base, or a module's real table) and returns the last part.
std::string_view push_parent(lua_State* L, std::string_view dotted);

// Pushes the real table of module `dotted`, creating it (and its parents) on first use.
void push_module(lua_State* L, std::string_view dotted) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kModulesKey);
  lua_pushlstring(L, dotted.data(), dotted.size());
  if (lua_rawget(L, -2) == LUA_TTABLE) {
    lua_remove(L, -2);
    return;
  }
  lua_pop(L, 1);
  const std::string_view key = push_parent(L, dotted);  // modules, parent
  lua_pushlstring(L, key.data(), key.size());
  if (lua_rawget(L, -2) != LUA_TNIL) throw std::invalid_argument(fmt::format("the name '{}' is taken", dotted));
  lua_pop(L, 1);
  lua_newtable(L);                    // modules, parent, real
  lua_pushlstring(L, key.data(), key.size());
  push_proxy(L, -2, dotted);
  lua_rawset(L, -4);                  // parent[key] = proxy
  lua_pushlstring(L, dotted.data(), dotted.size());
  lua_pushvalue(L, -2);
  lua_rawset(L, -5);                  // modules[dotted] = real
  lua_copy(L, -1, -3);
  lua_pop(L, 2);
}

std::string_view push_parent(lua_State* L, std::string_view dotted) {
  const std::size_t dot = dotted.rfind('.');
  if (dot == std::string_view::npos) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kBaseKey);
    return dotted;
  }
  push_module(L, dotted.substr(0, dot));
  return dotted.substr(dot + 1);
}

}  // namespace

void expose_functions(lua_State* L, std::string_view module, std::span<const luaL_Reg> functions, void* context) {
  push_module(L, module);
  for (const luaL_Reg& reg : functions) {
    if (reg.name == nullptr) break;
    if (reg.func == nullptr) continue;
    const std::string name = fmt::format("{}.{}", module, reg.name);
    if (lua_getfield(L, -1, reg.name) != LUA_TNIL)
      throw std::invalid_argument(fmt::format("'{}' is already exposed", name));
    lua_pop(L, 1);
    lua_pushcfunction(L, reg.func);
    lua_pushlstring(L, name.data(), name.size());
    lua_pushlightuserdata(L, context);
    lua_pushcclosure(L, exposed_trampoline, 3);
    lua_setfield(L, -2, reg.name);
  }
  lua_pop(L, 1);
}

void publish_value(lua_State* L, std::string_view dotted_name) {
  const int value = lua_gettop(L);
  const std::string_view key = push_parent(L, dotted_name);
  const int parent = lua_gettop(L);
  lua_pushlstring(L, key.data(), key.size());
  if (lua_rawget(L, parent) != LUA_TNIL) throw std::invalid_argument(fmt::format("the name '{}' is taken", dotted_name));
  lua_pop(L, 1);
  lua_pushlstring(L, key.data(), key.size());
  if (lua_istable(L, value) && proxy_name(L, value) == nullptr)  // a proxy already is read-only
    push_proxy(L, value, dotted_name);
  else
    lua_pushvalue(L, value);
  lua_rawset(L, parent);
  lua_settop(L, value - 1);
}

}  // namespace collab::lua
