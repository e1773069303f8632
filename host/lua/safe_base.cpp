#include "lua/safe_base.h"

#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "lua/chunk_reader.h"
#include "lua/environment.h"
#include "lua/guard.h"
#include "lua/host_state.h"

namespace collab::lua {

// ---- pcall and xpcall ------------------------------------------------------------------------

namespace {

// The continuation of pcall and xpcall: `extra` values sit below the leading `true`.
int finish_pcall(lua_State* L, int status, lua_KContext extra) {
  if (status == LUA_OK || status == LUA_YIELD) return lua_gettop(L) - static_cast<int>(extra);
  if (must_reraise(L, status)) lua_error(L);  // the error object is on top
  lua_pushboolean(L, 0);
  lua_pushvalue(L, -2);
  return 2;
}

// Calls the script's message handler (upvalue 1), unless a limit has been hit.
int handler_guard(lua_State* L) {
  HostState& host = host_of(L);
  if (host.aborting() || host.budget.past_deadline()) return 1;
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

}  // namespace

int safe_pcall(lua_State* L) {
  luaL_checkany(L, 1);
  lua_pushboolean(L, 1);
  lua_insert(L, 1);  // true, f, args...
  const int status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_pcall);
  return finish_pcall(L, status, 0);
}

int safe_xpcall(lua_State* L) {
  const int n = lua_gettop(L);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushvalue(L, 2);
  lua_pushcclosure(L, guarded<handler_guard>, 1);
  lua_replace(L, 2);  // f, guard, args...
  lua_pushboolean(L, 1);
  lua_pushvalue(L, 1);
  lua_rotate(L, 3, 2);  // f, guard, true, f, args...
  const int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_pcall);
  return finish_pcall(L, status, 2);
}

// ---- coroutines ------------------------------------------------------------------------------

namespace {

// Resumes co with the top nargs values of L. Returns the number of results moved onto L, or -1
// with the error object on top of L. Re-raises in L once a limit has been hit.
int resume(lua_State* L, lua_State* co, int nargs) {
  if (!lua_checkstack(co, nargs)) {
    lua_pushliteral(L, "too many arguments to resume");
    return -1;
  }
  lua_xmove(L, co, nargs);
  int nresults = 0;
  const int status = lua_resume(co, L, nargs, &nresults);
  if (status == LUA_OK || status == LUA_YIELD) {
    if (!lua_checkstack(L, nresults + 1)) {
      lua_pop(co, nresults);
      lua_pushliteral(L, "too many results to resume");
      return -1;
    }
    lua_xmove(co, L, nresults);
    return nresults;
  }
  lua_xmove(co, L, 1);
  if (must_reraise(L, status)) lua_error(L);
  return -1;
}

// Counts nested closes (each runs __close handlers, which may close another coroutine).
class CloseDepth {
 public:
  explicit CloseDepth(lua_State* L) : host_(host_of(L)) {
    if (host_.close_depth >= host_.limits.max_close_depth)
      luaL_error(L, "coroutine.close: too many nested closes (limit %d)", host_.limits.max_close_depth);
    ++host_.close_depth;
  }
  ~CloseDepth() { --host_.close_depth; }
  CloseDepth(const CloseDepth&) = delete;
  CloseDepth& operator=(const CloseDepth&) = delete;

 private:
  HostState& host_;
};

// Closes co's pending to-be-closed variables; returns the status, the error object (if any) on co.
int close_thread(lua_State* L, lua_State* co) {
  CloseDepth depth(L);
  return lua_resetthread(co);
}

const char* status_of(lua_State* L, lua_State* co) {
  if (L == co) return "running";
  switch (lua_status(co)) {
    case LUA_YIELD: return "suspended";
    case LUA_OK: {
      lua_Debug ar;
      if (lua_getstack(co, 0, &ar) != 0) return "normal";
      return lua_gettop(co) == 0 ? "dead" : "suspended";
    }
    default: return "dead";
  }
}

lua_State* check_coroutine(lua_State* L, int arg) {
  lua_State* co = lua_tothread(L, arg);
  luaL_argexpected(L, co != nullptr, arg, "coroutine");
  return co;
}

// The function coroutine.wrap returns; upvalue 1 is the coroutine.
int wrapped_call(lua_State* L) {
  lua_State* co = lua_tothread(L, lua_upvalueindex(1));
  const int n = resume(L, co, lua_gettop(L));
  if (n >= 0) return n;
  const int status = lua_status(co);
  if (status != LUA_OK && status != LUA_YIELD) {  // dead by error: close what it left open
    const int closed = close_thread(L, co);
    lua_settop(co, 0);
    if (closed != LUA_OK && must_reraise(L, closed)) lua_error(L);
  }
  if (lua_type(L, -1) == LUA_TSTRING) {  // name the caller, as stock wrap does, but only once
    luaL_where(L, 1);
    std::size_t where_len = 0;
    std::size_t len = 0;
    const char* where = lua_tolstring(L, -1, &where_len);
    const char* message = lua_tolstring(L, -2, &len);
    if (where_len > 0 && (len < where_len || std::memcmp(message, where, where_len) != 0)) {
      lua_insert(L, -2);
      lua_concat(L, 2);
    } else {
      lua_pop(L, 1);
    }
  }
  return lua_error(L);
}

}  // namespace

int safe_resume(lua_State* L) {
  lua_State* co = check_coroutine(L, 1);
  const int n = resume(L, co, lua_gettop(L) - 1);
  if (n < 0) {
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
  }
  lua_pushboolean(L, 1);
  lua_insert(L, -(n + 1));
  return n + 1;
}

int safe_wrap(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_State* co = lua_newthread(L);
  lua_pushvalue(L, 1);
  lua_xmove(L, co, 1);
  lua_pushcclosure(L, guarded<wrapped_call>, 1);
  return 1;
}

int safe_close(lua_State* L) {
  lua_State* co = check_coroutine(L, 1);
  const char* status = status_of(L, co);
  if (std::strcmp(status, "dead") != 0 && std::strcmp(status, "suspended") != 0)
    return luaL_error(L, "cannot close a %s coroutine", status);
  const int closed = close_thread(L, co);
  if (closed == LUA_OK) {
    lua_pushboolean(L, 1);
    return 1;
  }
  lua_pushboolean(L, 0);
  lua_xmove(co, L, 1);
  if (must_reraise(L, closed)) lua_error(L);
  return 2;
}

// ---- load ------------------------------------------------------------------------------------

namespace {

int load_failure(lua_State* L, const char* message) {
  lua_pushnil(L);
  lua_pushstring(L, message);
  return 2;
}

}  // namespace

int safe_load(lua_State* L) {
  HostState& host = host_of(L);
  const std::size_t max_bytes = host.limits.max_source_bytes;
  const bool has_env = !lua_isnone(L, 4);
  std::size_t len = 0;
  const char* text = lua_tolstring(L, 1, &len);
  const char* chunk_name = luaL_optstring(L, 2, text != nullptr ? text : "=(load)");
  ChunkReader reader(L, max_bytes);
  if (text != nullptr) {
    if (len > max_bytes) return load_failure(L, lua_pushfstring(L, "source too large (%I bytes, limit %I)",
                                                               static_cast<lua_Integer>(len),
                                                               static_cast<lua_Integer>(max_bytes)));
    reader.from_text({text, len});
  } else {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_settop(L, 4);
    lua_pushnil(L);  // slot 5 keeps the current piece alive
    reader.from_function(1, 5);
  }
  // An error the parser raises as a runtime error ("C stack overflow") goes through the active
  // message handler; if that is the host's traceback handler, give the script the plain message.
  const bool handler_ran = host.handler_ran;
  host.handler_ran = false;
  const int status = lua_load(L, &ChunkReader::read, &reader, chunk_name, "t");
  if (status != LUA_OK && must_reraise(L, status)) lua_error(L);
  if (status != LUA_OK && host.handler_ran) {
    lua_pop(L, 1);
    lua_pushlstring(L, host.handler_message.data(), host.handler_message.size());
  }
  host.handler_ran = handler_ran;
  if (reader.too_large())
    return load_failure(L, lua_pushfstring(L, "source too large (over %I bytes)", static_cast<lua_Integer>(max_bytes)));
  if (status != LUA_OK) {
    lua_pushnil(L);
    lua_insert(L, -2);
    return 2;
  }
  lua_pushvalue(L, has_env ? 4 : lua_upvalueindex(1));
  if (lua_setupvalue(L, -2, 1) == nullptr) lua_pop(L, 1);
  return 1;
}

// ---- metatables and raw access ---------------------------------------------------------------

int safe_setmetatable(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const int type = lua_type(L, 2);
  luaL_argexpected(L, type == LUA_TNIL || type == LUA_TTABLE, 2, "nil or table");
  if (type == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL) return luaL_error(L, "__gc metamethods are not allowed in the sandbox");
    lua_pop(L, 1);
  }
  if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) return luaL_error(L, "cannot change a protected metatable");
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  return 1;
}

int safe_rawset(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  luaL_checkany(L, 3);
  if (const char* name = proxy_name(L, 1)) return luaL_error(L, "attempt to modify read-only table '%s'", name);
  if (const char* owner = frozen_owner(L, 1)) return raise_frozen_assignment(L, owner, 2);
  lua_settop(L, 3);
  lua_rawset(L, 1);
  return 1;
}

int safe_rawget(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  lua_settop(L, 2);
  if (frozen_owner(L, 1) != nullptr) {
    push_globals_table(L, 1);
    lua_replace(L, 1);
  }
  lua_rawget(L, 1);
  return 1;
}

// ---- print, warn, tostring, collectgarbage ---------------------------------------------------

namespace {

lua_Integer object_id(lua_State* L, int idx) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, object_ids_key());
  lua_pushvalue(L, idx);
  if (lua_rawget(L, -2) == LUA_TNUMBER) {
    const lua_Integer id = lua_tointeger(L, -1);
    lua_pop(L, 2);
    return id;
  }
  lua_pop(L, 1);
  const lua_Integer id = host_of(L).next_object_id++;
  lua_pushvalue(L, idx);
  lua_pushinteger(L, id);
  lua_rawset(L, -3);
  lua_pop(L, 1);
  return id;
}

// Pushes "table: #12", or "<__name>: #12" for objects whose metatable names their type.
void push_object_name(lua_State* L, int idx) {
  const int top = lua_gettop(L);
  const char* kind = luaL_typename(L, idx);
  if (luaL_getmetafield(L, idx, "__name") == LUA_TSTRING) kind = lua_tostring(L, -1);
  const lua_Integer id = object_id(L, idx);
  lua_pushfstring(L, "%s: #%I", kind, id);
  lua_copy(L, -1, top + 1);
  lua_settop(L, top + 1);
}

}  // namespace

void push_tostring(lua_State* L, int idx) {
  idx = lua_absindex(L, idx);
  switch (lua_type(L, idx)) {
    case LUA_TTABLE:
    case LUA_TFUNCTION:
    case LUA_TTHREAD:
    case LUA_TUSERDATA:
    case LUA_TLIGHTUSERDATA:
      if (luaL_getmetafield(L, idx, "__tostring") == LUA_TNIL) {
        push_object_name(L, idx);
        return;
      }
      lua_pop(L, 1);
      break;
    default: break;
  }
  luaL_tolstring(L, idx, nullptr);
}

int safe_tostring(lua_State* L) {
  luaL_checkany(L, 1);
  push_tostring(L, 1);
  return 1;
}

namespace {

// The script and line of the nearest Lua function on the call stack: who called print or warn
// (through pcall, say). The full chunk name, not Lua's 60-byte short_src.
std::pair<std::string, int> caller_of(lua_State* L) {
  lua_Debug ar;
  for (int level = 1; level < 16 && lua_getstack(L, level, &ar) != 0; ++level) {
    if (lua_getinfo(L, "Sl", &ar) == 0 || ar.currentline <= 0) continue;
    const bool named = ar.source != nullptr && (ar.source[0] == '@' || ar.source[0] == '=');
    return {named ? std::string(ar.source + 1, ar.srclen - 1) : std::string(ar.short_src), ar.currentline};
  }
  return {std::string(), 0};
}

}  // namespace

int safe_print(lua_State* L) {
  Log& log = host_of(L).log;
  const int n = lua_gettop(L);
  std::string line;
  bool fits = true;
  for (int i = 1; i <= n; ++i) {
    push_tostring(L, i);
    std::size_t len = 0;
    const char* text = lua_tolstring(L, -1, &len);
    if (fits && line.size() + len + 1 > log.room()) fits = false;
    if (fits) {
      if (i > 1) line += '\t';
      line.append(text, len);
    }
    lua_pop(L, 1);
  }
  if (fits) {
    auto [script, at] = caller_of(L);
    log.add(LogLine::Kind::Print, std::move(line), std::move(script), at);
  } else {
    log.drop();
  }
  return 0;
}

int safe_warn(lua_State* L) {
  const int n = lua_gettop(L);
  luaL_checkstring(L, 1);
  for (int i = 2; i <= n; ++i) luaL_checkstring(L, i);
  std::size_t len = 0;
  const char* first = lua_tolstring(L, 1, &len);
  if (n == 1 && len > 0 && first[0] == '@') return 0;  // "@on"/"@off" would switch warnings for the whole state
  lua_concat(L, n);
  const char* text = lua_tolstring(L, -1, &len);
  Log& log = host_of(L).log;
  if (len > log.room()) {
    log.drop();  // without copying it
  } else {
    std::string line(text, len);
    auto [script, at] = caller_of(L);
    log.add(LogLine::Kind::Warning, std::move(line), std::move(script), at);
  }
  return 0;
}

int safe_collectgarbage(lua_State* L) {
  const char* option = luaL_optstring(L, 1, "collect");
  if (std::strcmp(option, "count") != 0)
    return luaL_error(L, "collectgarbage('%s') is not allowed in the sandbox (only 'count' is)", option);
  const int kib = lua_gc(L, LUA_GCCOUNT, 0);
  const int bytes = lua_gc(L, LUA_GCCOUNTB, 0);
  lua_pushnumber(L, static_cast<lua_Number>(kib) + static_cast<lua_Number>(bytes) / 1024.0);
  return 1;
}

void warn_to_log(void* ud, const char* message, int to_continue) {
  auto* host = static_cast<HostState*>(ud);
  try {
    std::string& pending = host->pending_warning;
    pending += message;
    if (to_continue != 0) return;
    if (pending.empty() || pending.front() != '@') host->log.add(LogLine::Kind::Warning, pending);  // '@': control
    pending.clear();
  } catch (const std::exception&) {
    host->log.drop();
  }
}

// ---- os.date ---------------------------------------------------------------------------------

namespace {

constexpr const char* kDefaultDateFormat = "%Y-%m-%d %H:%M:%S";
// Conversions that print numbers (or a time-zone name/offset) the same in every locale.
constexpr std::string_view kPortableConversions = "CdDeFgGHIjmMnRStTuUVwWyYzZ%";

// Reads the whole format, NULs included (stock os.date reads on past them), and checks every
// conversion; only exactly "*t" or "!*t" is the table form, as in stock os.date.
void check_date_format(lua_State* L, std::string_view format) {
  std::string_view rest = format;
  if (!rest.empty() && rest.front() == '!') rest.remove_prefix(1);
  if (rest == "*t") return;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') continue;
    ++i;
    const char c = i < format.size() ? format[i] : '\0';
    if (i >= format.size() || c == '\0' || kPortableConversions.find(c) == std::string_view::npos) {
      if (i >= format.size())
        lua_pushliteral(L, "conversion '%' at the end of the format is not allowed in the sandbox (it is invalid)");
      else if (c == '\0')
        lua_pushliteral(L, "conversion '%\\0' is not allowed in the sandbox (it is invalid)");
      else
        lua_pushfstring(L, "conversion '%%%c' is not allowed in the sandbox (it depends on the process locale, or is invalid)", c);
      raise_arg_error(L, 1, lua_tostring(L, -1));
    }
  }
}

}  // namespace

int safe_os_date(lua_State* L) {
  if (lua_isnoneornil(L, 1)) {
    lua_settop(L, lua_gettop(L) < 1 ? 1 : lua_gettop(L));
    lua_pushstring(L, kDefaultDateFormat);
    lua_replace(L, 1);
  }
  std::size_t len = 0;
  const char* format = luaL_checklstring(L, 1, &len);
  check_date_format(L, std::string_view(format, len));
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

}  // namespace collab::lua
