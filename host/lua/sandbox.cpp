#include "lua/sandbox.h"

#include <fmt/format.h>

#include <cstdio>
#include <stdexcept>
#include <utility>

#include "core/text.h"
#include "lua/chunk_reader.h"
#include "lua/environment.h"
#include "lua/guard.h"
#include "lua/host_state.h"
#include "lua/safe_base.h"

namespace collab::lua {

// ---- Ref -------------------------------------------------------------------------------------

Ref::Ref(Ref&& other) noexcept
    : L_(std::exchange(other.L_, nullptr)),
      state_(std::move(other.state_)),
      ref_(std::exchange(other.ref_, LUA_NOREF)),
      type_(std::exchange(other.type_, LUA_TNIL)) {}

Ref& Ref::operator=(Ref&& other) noexcept {
  if (this != &other) {
    reset();
    L_ = std::exchange(other.L_, nullptr);
    state_ = std::move(other.state_);
    ref_ = std::exchange(other.ref_, LUA_NOREF);
    type_ = std::exchange(other.type_, LUA_TNIL);
  }
  return *this;
}

Ref::~Ref() { reset(); }

void Ref::reset() noexcept {
  if (valid()) luaL_unref(L_, LUA_REGISTRYINDEX, ref_);  // allocates nothing
  L_ = nullptr;
  state_.reset();
  ref_ = LUA_NOREF;
  type_ = LUA_TNIL;
}

void Ref::push(lua_State* L) const {
  if (valid())
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref_);
  else
    lua_pushnil(L);
}

std::optional<lua_Number> Ref::number() const {
  if (type_ != LUA_TNUMBER || !valid()) return std::nullopt;
  push(L_);
  const lua_Number value = lua_tonumber(L_, -1);
  lua_pop(L_, 1);
  return value;
}

std::optional<std::string> Ref::string() const {
  if (type_ != LUA_TSTRING || !valid()) return std::nullopt;
  push(L_);
  std::size_t len = 0;
  const char* text = lua_tolstring(L_, -1, &len);  // a string already: no conversion, no allocation
  lua_pop(L_, 1);  // the registry keeps the string alive
  return std::string(text, len);
}

Ref Ref::pop(lua_State* L) {
  Ref ref;
  const int type = lua_type(L, -1);
  if (type == LUA_TNIL) {
    lua_pop(L, 1);
    return ref;
  }
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD);
  lua_State* main = lua_tothread(L, -1);
  lua_pop(L, 1);
  ref.ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
  ref.L_ = main;
  ref.state_ = host_of(L).lifetime;
  ref.type_ = type;
  return ref;
}

// ---- the funnel's pieces ---------------------------------------------------------------------

namespace {

// What the host copies of a script's error message: a script chooses it, and may make it 16 MiB.
constexpr std::size_t kMaxErrorBytes = 16 * 1024;

// The message handler of every run: keeps the message and returns Lua's traceback.
int traceback_handler(lua_State* L) {
  HostState& host = host_of(L);
  const Budget::HandlerScope exempt(host.budget);  // the traceback may allocate after the deadline
  std::size_t len = 0;
  if (const char* message = lua_tolstring(L, 1, &len))
    host.handler_message = capped_text(std::string_view(message, len), kMaxErrorBytes);
  else
    host.handler_message = fmt::format("(error object is a {} value)", luaL_typename(L, 1));
  host.handler_ran = true;
  luaL_traceback(L, L, nullptr, 1);
  return 1;
}

constexpr lua_CFunction kTracebackHandler = guarded<traceback_handler>;

// Runs the FunctionRef given as a light userdata, inside lua_pcall.
int run_body(lua_State* L) {
  auto* body = static_cast<FunctionRef<void(lua_State*)>*>(lua_touserdata(L, 1));
  lua_settop(L, 0);
  (*body)(L);
  return 0;
}

int panic(lua_State* L) {
  const char* message = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(no message)";
  std::fprintf(stderr, "collab: unprotected Lua error (a bug in the host): %s\n", message);
  return 0;  // Lua aborts
}

void open_libraries(lua_State* L) {
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
  luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
  luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 1);
  lua_settop(L, 0);
  Budget::prepare(L);
  build_base(L);
}

// Compiles source (text only, through the ChunkReader) and leaves the function on the stack.
bool load_source(lua_State* L, HostState& host, std::string_view chunk, std::string_view source, std::string& error) {
  const std::size_t max_bytes = host.limits.max_source_bytes;
  if (source.size() > max_bytes) {
    error = fmt::format("source too large ({} bytes, limit {})", source.size(), max_bytes);
    return false;
  }
  ChunkReader reader(L, max_bytes);
  reader.from_text(source);
  const std::string name = fmt::format("@{}", chunk);
  host.handler_ran = false;
  const int status = lua_load(L, &ChunkReader::read, &reader, name.c_str(), "t");
  if (status == LUA_OK) return true;
  if (status == LUA_ERRMEM) host.memory_failed = true;
  if (host.handler_ran) {  // a runtime error inside the parser ("C stack overflow") went through the handler
    error = host.handler_message;
    host.handler_ran = false;
    lua_pop(L, 1);
    return false;
  }
  std::size_t len = 0;
  const char* message = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : nullptr;
  error = message != nullptr ? capped_text(std::string_view(message, len), kMaxErrorBytes) : "(no message)";
  lua_pop(L, 1);
  return false;
}

void keep_results(lua_State* L, int first, std::vector<Ref>& values) {
  const int last = lua_gettop(L);
  for (int i = first; i <= last; ++i) {
    lua_pushvalue(L, i);
    values.push_back(Ref::pop(L));
  }
}

bool documented(int status) {
  return status == LUA_OK || status == LUA_ERRRUN || status == LUA_ERRSYNTAX || status == LUA_ERRMEM ||
         status == LUA_ERRERR;
}

std::string format_bytes(std::size_t bytes) {
  constexpr std::size_t kMiB = std::size_t{1} << 20;
  if (bytes >= kMiB && bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
  if (bytes >= kMiB) return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / static_cast<double>(kMiB));
  if (bytes % 1024 == 0) return fmt::format("{} KiB", bytes / 1024);
  return fmt::format("{} bytes", bytes);
}

// "CPU time limit exceeded (2000 ms)" (users grep for that start), or the wall-clock limit with
// the CPU the run did use, which tells a starved or blocked run from a busy one.
std::string limit_message(std::string_view chunk, const Budget& budget) {
  const std::string what =
      budget.expiry() == Budget::Expiry::Wall
          ? fmt::format("wall-clock time limit exceeded ({} ms; the script used {:.1f} ms of CPU)",
                        budget.wall_limit().count(),
                        std::chrono::duration<double, std::milli>(budget.cpu_used()).count())
          : fmt::format("CPU time limit exceeded ({} ms)", budget.cpu_limit().count());
  const std::string& at = budget.stopped_at();
  if (at.empty()) return fmt::format("{}: {}", chunk, what);
  if (at.size() > chunk.size() && at.compare(0, chunk.size(), chunk) == 0 && at[chunk.size()] == ':')
    return fmt::format("{}: {}", at, what);
  return fmt::format("{}: {} (stopped in {})", chunk, what, at);
}

}  // namespace

// ---- Sandbox ---------------------------------------------------------------------------------

Sandbox::Sandbox(Limits limits) : host_(std::make_unique<HostState>(limits)) {
  L_ = lua_newstate(&CountingAllocator::allocate, &host_->allocator);
  if (L_ == nullptr) throw std::runtime_error("cannot create a Lua state within the memory limit");
  *static_cast<HostState**>(lua_getextraspace(L_)) = host_.get();  // copied into every coroutine
  lua_atpanic(L_, &panic);
  lua_setwarnf(L_, &warn_to_log, host_.get());
  host_->budget.configure(limits.count_hook_interval);
  host_->budget.exempt(kTracebackHandler);
  host_->budget.install(L_);  // before any script code: every coroutine inherits it
  if (protected_call([](lua_State* L) { open_libraries(L); }) != LUA_OK) {
    const std::string message = error_message();
    lua_close(L_);
    L_ = nullptr;
    throw std::runtime_error("cannot set up the Lua sandbox: " + message);
  }
  lua_settop(L_, 0);
}

Sandbox::~Sandbox() {
  if (L_ == nullptr) return;
  host_->lifetime.reset();  // every Ref into this state goes inert
  lua_sethook(L_, nullptr, 0, 0);
  lua_close(L_);
}

Sandbox::Sandbox(Sandbox&& other) noexcept
    : host_(std::move(other.host_)),
      L_(std::exchange(other.L_, nullptr)),
      random_seed_(other.random_seed_),
      running_(other.running_) {}

Sandbox& Sandbox::operator=(Sandbox&& other) noexcept {
  std::swap(host_, other.host_);
  std::swap(L_, other.L_);
  std::swap(random_seed_, other.random_seed_);
  std::swap(running_, other.running_);
  return *this;
}

const Limits& Sandbox::limits() const { return host_->limits; }

std::size_t Sandbox::memory_in_use() const { return host_->allocator.current(); }

int Sandbox::protected_call(FunctionRef<void(lua_State*)> body) {
  lua_settop(L_, 0);
  lua_pushcfunction(L_, kTracebackHandler);
  lua_pushcfunction(L_, guarded<run_body>);
  lua_pushlightuserdata(L_, &body);
  return lua_pcall(L_, 1, 0, 1);
}

std::string Sandbox::error_message() {
  if (host_->handler_ran) return host_->handler_message;
  std::size_t len = 0;
  // Only a string is read: converting a number would allocate outside protection.
  if (lua_type(L_, -1) == LUA_TSTRING) {
    const char* message = lua_tolstring(L_, -1, &len);
    return capped_text(std::string_view(message, len), kMaxErrorBytes);
  }
  return fmt::format("(error object is a {} value)", luaL_typename(L_, -1));
}

void Sandbox::protected_host_call(std::string_view what, FunctionRef<void(lua_State*)> body) {
  if (running_) throw std::logic_error(fmt::format("{}: not allowed while a script runs", what));
  host_->handler_ran = false;
  const int status = protected_call(body);
  const std::string message = status == LUA_OK ? std::string() : error_message();
  lua_settop(L_, 0);
  if (status != LUA_OK) throw std::runtime_error(fmt::format("{}: {}", what, message));
}

void Sandbox::expose(std::string_view module, std::span<const luaL_Reg> functions, void* context) {
  if (!is_dotted_name(module)) throw std::invalid_argument(fmt::format("expose: '{}' is not a module name", module));
  for (const luaL_Reg& reg : functions)
    if (reg.name != nullptr && (!is_dotted_name(reg.name) || std::string_view(reg.name).find('.') != std::string_view::npos))
      throw std::invalid_argument(fmt::format("expose: '{}' is not a function name", reg.name));
  protected_host_call(fmt::format("expose('{}')", module),
                      [&](lua_State* L) { expose_functions(L, module, functions, context); });
}

void Sandbox::expose_value(std::string_view dotted_name, FunctionRef<void(lua_State*)> push) {
  if (!is_dotted_name(dotted_name))
    throw std::invalid_argument(fmt::format("expose_value: '{}' is not a dotted name", dotted_name));
  protected_host_call(fmt::format("expose_value('{}')", dotted_name), [&](lua_State* L) {
    const int top = lua_gettop(L);
    push(L);
    lua_settop(L, top + 1);
    publish_value(L, dotted_name);
  });
}

Environment Sandbox::new_environment() {
  Environment env;
  protected_host_call("new_environment", [&](lua_State* L) {
    push_new_environment(L);
    env.table_ = Ref::pop(L);
  });
  return env;
}

void Sandbox::freeze_globals(const Environment& env, std::string_view owner) {
  protected_host_call("freeze_globals", [&](lua_State* L) {
    env.table_.push(L);
    if (lua_istable(L, -1)) freeze_environment(L, -1, owner);
  });
}

Ref Sandbox::make_value(FunctionRef<void(lua_State*)> push) {
  Ref value;
  protected_host_call("make_value", [&](lua_State* L) {
    const int top = lua_gettop(L);
    push(L);
    lua_settop(L, top + 1);
    value = Ref::pop(L);
  });
  return value;
}

Ref Sandbox::global(const Environment& env, std::string_view name) {
  Ref value;
  protected_host_call("global", [&](lua_State* L) {
    env.table_.push(L);
    if (!lua_istable(L, -1)) return;
    push_globals_table(L, -1);
    lua_pushlstring(L, name.data(), name.size());
    lua_rawget(L, -2);
    value = Ref::pop(L);
  });
  return value;
}

Ref Sandbox::field(const Ref& table, std::string_view key) {
  Ref value;
  protected_host_call("field", [&](lua_State* L) {
    table.push(L);
    if (!lua_istable(L, -1)) return;
    lua_pushlstring(L, key.data(), key.size());
    lua_rawget(L, -2);
    value = Ref::pop(L);
  });
  return value;
}

// ---- the run funnel: begin, load, call, report -----------------------------------------------

void Sandbox::begin_run() {
  if (running_) throw std::logic_error("a script run was started from inside another run");
  HostState& host = *host_;
  host.memory_failed = false;
  host.internal_failed = false;
  host.handler_ran = false;
  host.handler_message.clear();
  host.close_depth = 0;
  host.log.begin(host.limits.max_log_lines, host.limits.max_log_bytes);
  host.allocator.reset_peak();
  host.budget.arm(host.limits.cpu_time, host.limits.wall_time, host.limits.count_hook_interval);
  host.budget.install(L_);  // the main thread may still be tripped from the last run
  running_ = true;
}

void Sandbox::reseed(lua_State* L) const {
  push_random_seeder(L);
  lua_pushinteger(L, random_seed_);
  lua_call(L, 1, 0);
}

RunResult Sandbox::run(std::string_view chunk_name, std::string_view source) {
  return run_chunk(nullptr, chunk_name, source);
}

RunResult Sandbox::run(const Environment& env, std::string_view chunk_name, std::string_view source) {
  return run_chunk(&env, chunk_name, source);
}

RunResult Sandbox::run_chunk(const Environment* env, std::string_view chunk_name, std::string_view source) {
  begin_run();
  RunResult result;
  std::string syntax_error;
  bool syntax_failed = false;
  const int status = protected_call([&](lua_State* L) {
    reseed(L);
    if (!load_source(L, *host_, chunk_name, source, syntax_error)) {
      syntax_failed = true;
      return;
    }
    if (env != nullptr)
      env->table_.push(L);
    else
      push_new_environment(L);
    if (lua_setupvalue(L, -2, 1) == nullptr) lua_pop(L, 1);  // _ENV
    lua_call(L, 0, LUA_MULTRET);
    keep_results(L, 1, result.values);
  });
  return end_run(chunk_name, status, syntax_failed ? &syntax_error : nullptr, std::move(result));
}

RunResult Sandbox::call(std::string_view chunk_name, const Ref& function, ArgPusher push_args,
                        ResultReader read_results) {
  begin_run();
  const int status = protected_call([&](lua_State* L) {
    reseed(L);
    function.push(L);
    const int nargs = push_args(L);
    lua_call(L, nargs, LUA_MULTRET);
    read_results(L, lua_gettop(L));
  });
  return end_run(chunk_name, status, nullptr, RunResult{});
}

RunResult Sandbox::call(std::string_view chunk_name, const Ref& function, ArgPusher push_args) {
  std::vector<Ref> values;
  RunResult result = call(chunk_name, function, push_args, [&](lua_State* L, int) { keep_results(L, 1, values); });
  if (result.ok()) result.values = std::move(values);
  return result;
}

std::optional<ScriptError> Sandbox::describe_error(std::string_view chunk, int status, const std::string* syntax_error) {
  const HostState& host = *host_;
  const std::string message = status == LUA_OK || !documented(status) ? std::string() : error_message();
  ScriptError error{ErrorKind::Runtime, std::string(chunk), {}, {}};
  if (host.handler_ran && status != LUA_OK && lua_type(L_, -1) == LUA_TSTRING) {
    std::size_t len = 0;
    const char* traceback = lua_tolstring(L_, -1, &len);
    error.traceback = capped_text(std::string_view(traceback, len), kMaxErrorBytes);
  }
  if (host.budget.expired()) {
    error.kind = host.budget.expiry() == Budget::Expiry::Wall ? ErrorKind::WallTime : ErrorKind::CpuTime;
    error.message = limit_message(chunk, host.budget);
  } else if (host.internal_failed || !documented(status)) {
    error.kind = ErrorKind::Internal;
    // The error object is garbage then: do not show it.
    error.message = fmt::format("{}: internal error: Lua returned an undocumented status (a C++ exception "
                                "escaped into Lua?)", chunk);
    error.traceback.clear();
  } else if (host.memory_failed || status == LUA_ERRMEM ||
             (status != LUA_OK && message == "not enough memory" && host.allocator.refusals() > 0)) {
    error.kind = ErrorKind::Memory;
    error.message = name_the_chunk(chunk, fmt::format("memory limit exceeded ({})", format_bytes(host.limits.memory_bytes)));
  } else if (syntax_error != nullptr) {
    error.kind = ErrorKind::Syntax;
    error.message = name_the_chunk(chunk, *syntax_error);
  } else if (status != LUA_OK) {
    error.message = name_the_chunk(chunk, message);
  } else {
    return std::nullopt;
  }
  return error;
}

RunResult Sandbox::end_run(std::string_view chunk_name, int status, const std::string* syntax_error, RunResult result) {
  HostState& host = *host_;
  host.budget.disarm();  // marks the budget expired if a clock passed its deadline unseen
  running_ = false;
  result.error = describe_error(chunk_name, status, syntax_error);
  if (result.error) result.values.clear();
  result.report.cpu_used = std::chrono::duration_cast<std::chrono::microseconds>(host.budget.cpu_used());
  result.report.cpu_limit = host.limits.cpu_time;
  result.report.wall_used = std::chrono::duration_cast<std::chrono::microseconds>(host.budget.wall_used());
  result.report.wall_limit = host.limits.wall_time;
  result.report.instructions = host.budget.instructions();
  result.report.peak_memory_bytes = host.allocator.peak();
  result.report.memory_limit_bytes = host.limits.memory_bytes;
  result.report.log_lines_dropped = host.log.dropped();
  result.log = host.log.take();
  result.report.log_lines_kept = result.log.size();
  lua_settop(L_, 0);
  if (result.error && result.error->kind == ErrorKind::Memory) lua_gc(L_, LUA_GCCOLLECT, 0);
  return result;
}

}  // namespace collab::lua
