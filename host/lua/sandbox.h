#pragma once
// Sandbox: one Lua state in which untrusted scripts run, each in its own environment, under a CPU
// budget and a memory ceiling they can neither catch nor switch off; and the one funnel every
// script goes through (load -> call with a traceback handler -> report), as lua.c does.

#include <lua.hpp>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lua/function_ref.h"
#include "lua/limits.h"
#include "lua/log.h"
#include "lua/script_error.h"

namespace collab::lua {

struct HostState;

/// A Lua value the host holds on to (a registry reference), e.g. what a script returned. Move-only.
/// An empty Ref stands for nil; so does a Ref whose Sandbox has been destroyed (it is then inert).
class Ref {
 public:
  Ref() = default;
  Ref(Ref&& other) noexcept;
  Ref& operator=(Ref&& other) noexcept;
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  ~Ref();

  bool valid() const { return ref_ != LUA_NOREF && !state_.expired(); }
  /// LUA_TFUNCTION, LUA_TTABLE... (LUA_TNIL when empty).
  int type() const { return type_; }
  /// Pushes the value (nil when empty) onto L, a thread of the same state.
  void push(lua_State* L) const;
  /// The value if it is a number (integers included), or a string, read without conversion.
  std::optional<lua_Number> number() const;
  std::optional<std::string> string() const;
  /// Pops the value on top of L into a Ref. Allocates: call it inside a callback of run() or call().
  static Ref pop(lua_State* L);

 private:
  void reset() noexcept;

  lua_State* L_ = nullptr;  // the main thread
  std::weak_ptr<int> state_;  // expires when the Sandbox closes its state
  int ref_ = LUA_NOREF;
  int type_ = LUA_TNIL;
};

/// A script's global table. Scripts run in the same Environment share globals; the base
/// libraries and host modules behind it are shared by every environment and read-only.
class Environment {
 public:
  bool valid() const { return table_.valid(); }

 private:
  friend class Sandbox;
  Ref table_;
};

/// What one run or call produced: no error (ok) or one, the values returned (for run, and for
/// call without a reader), what the script printed, and how much of each limit it used.
struct RunResult {
  std::optional<ScriptError> error;
  std::vector<Ref> values;
  std::vector<LogLine> log;
  LimitReport report;

  bool ok() const { return !error.has_value(); }
};

/// Pushes the arguments of a call and returns how many; runs under protection and the budget.
using ArgPusher = FunctionRef<int(lua_State*)>;
/// Reads the n results of a call, at stack indices 1..n, with raw access (lua_rawgeti,
/// lua_tonumberx): no copying through strings. Runs under protection and the budget; may throw
/// std::exception or raise a Lua error to fail the call as a Runtime error.
using ResultReader = FunctionRef<void(lua_State*, int)>;

/// One sandboxed lua_State, reused across many runs; a failed run never poisons the next. Only
/// base, string, table, math, utf8 and coroutine are open, with the sandbox's own versions of the
/// functions that could escape a limit (docs/lua-sandbox.md lists them). Not thread-safe: use one
/// Sandbox per thread, on a thread with at least 1 MiB of stack (C-level recursion in Lua uses up
/// to ~420 KiB before Lua stops it).
class Sandbox {
 public:
  /// Throws std::runtime_error if the state cannot be built (a memory limit too small for the
  /// libraries, which take about 22 KiB).
  explicit Sandbox(Limits limits = {});
  ~Sandbox();
  Sandbox(Sandbox&& other) noexcept;
  Sandbox& operator=(Sandbox&& other) noexcept;
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  const Limits& limits() const;
  /// math.random starts from this seed at every run and call (default 0), so results repeat.
  void set_random_seed(lua_Integer seed) { random_seed_ = seed; }

  /// Publishes C++ functions to every script as the read-only module `module` ("collab",
  /// "collab.money"), creating it and its parents on first use; `context` is available to them
  /// through exposed_context(L). Each is wrapped by exposed_trampoline (guard.h): a
  /// std::exception becomes "script.lua:3: error in 'collab.money.add': what". Throws
  /// std::invalid_argument for a malformed name, std::runtime_error for a taken one (or if Lua fails).
  void expose(std::string_view module, std::span<const luaL_Reg> functions, void* context = nullptr);
  /// Publishes the value `push` pushes as `dotted_name` ("collab.version"); a table is published
  /// as a read-only proxy. Throws as expose() does.
  void expose_value(std::string_view dotted_name, FunctionRef<void(lua_State*)> push);

  /// A fresh global table over the shared base. Throws std::runtime_error if Lua fails.
  Environment new_environment();
  /// Freezes `env` once its script has loaded: reads still work, and assigning any global later
  /// fails the call with "script.lua:12: error in <owner>: assigns global 'x' (...)", so no call
  /// depends on the ones before it through globals (upvalues are not covered). `owner` is
  /// "formula 'x'", "rule 'y'". Throws std::runtime_error if Lua fails (memory).
  void freeze_globals(const Environment& env, std::string_view owner);

  /// Compiles `source` (text only) as chunk `chunk_name` ("script.lua", used in every message)
  /// and runs it, in a fresh environment or in `env`. The values it returns are in `values`.
  /// run() and call() throw std::logic_error when started from inside a run (an exposed function).
  RunResult run(std::string_view chunk_name, std::string_view source);
  RunResult run(const Environment& env, std::string_view chunk_name, std::string_view source);

  /// Calls `function` (e.g. a `weights` function a script returned) with the arguments `push_args`
  /// pushes; `read_results` reads what it returns. `chunk_name` names the call in messages that
  /// have no script line of their own (timeouts, memory). Same limits and report as run().
  RunResult call(std::string_view chunk_name, const Ref& function, ArgPusher push_args, ResultReader read_results);
  /// The same, keeping the results as Refs in `values`.
  RunResult call(std::string_view chunk_name, const Ref& function, ArgPusher push_args);

  /// A value the host builds once and reuses across calls (a table of forces, say): `push` pushes
  /// it, under protection. Throws std::runtime_error if Lua fails (memory).
  Ref make_value(FunctionRef<void(lua_State*)> push);

  /// Runs host code against the state under protection, between runs: reading a table a script
  /// returned (raw), checking a mark. `what` names it in the std::runtime_error thrown when Lua
  /// raises an error (memory). Leaves the stack as it found it.
  void inspect(std::string_view what, FunctionRef<void(lua_State*)> body) { protected_host_call(what, body); }

  /// The global `name` of `env`, read raw (no metamethod runs; a frozen env's backing table); empty if nil.
  Ref global(const Environment& env, std::string_view name);
  /// Field `key` of the table `table`, read raw; empty if nil or if `table` is not a table.
  Ref field(const Ref& table, std::string_view key);

  /// Bytes the state holds now.
  std::size_t memory_in_use() const;
  /// The main thread, for tests and the API layer. Never run script code on it directly.
  lua_State* state() const { return L_; }

 private:
  RunResult run_chunk(const Environment* env, std::string_view chunk_name, std::string_view source);
  int protected_call(FunctionRef<void(lua_State*)> body);
  void protected_host_call(std::string_view what, FunctionRef<void(lua_State*)> body);
  std::string error_message();
  void begin_run();
  RunResult end_run(std::string_view chunk_name, int status, const std::string* syntax_error, RunResult result);
  std::optional<ScriptError> describe_error(std::string_view chunk_name, int status, const std::string* syntax_error);
  void reseed(lua_State* L) const;

  std::unique_ptr<HostState> host_;
  lua_State* L_ = nullptr;
  lua_Integer random_seed_ = 0;
  bool running_ = false;
};

}  // namespace collab::lua
