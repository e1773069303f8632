#pragma once
// What went wrong in a script, in one shape for every run, and the one place it is formatted.

#include <map>
#include <string>
#include <string_view>

#include "core/diagnostic.h"

namespace collab::lua {

/// The kinds of failure a run can end in. Limits have their own kinds so a report can say which
/// limit a script hit (as LuaSandbox does).
enum class ErrorKind {
  Syntax,    // the chunk did not compile (or was too large)
  Runtime,   // an error raised while running, a size cap of a library function included
  Memory,    // the memory limit
  CpuTime,   // the CPU time limit (Limits::cpu_time)
  WallTime,  // the wall-clock time limit (Limits::wall_time): starved of CPU, or blocked
  Internal,  // the host misbehaved (an undocumented status from Lua): a bug of ours
};

/// "syntax error", "runtime error", "memory limit", "CPU time limit", "wall-clock time limit",
/// "internal error"
std::string_view kind_name(ErrorKind kind);

/// A failed run: its kind, the message "script.lua:12: attempt to ..." (always naming the chunk,
/// and the line when known) and Lua's traceback ("stack traceback:\n\t..."; may be empty).
struct ScriptError {
  ErrorKind kind = ErrorKind::Runtime;
  std::string chunk;  // the chunk name given to run() or call()
  std::string message;
  std::string traceback;
};

/// "runtime error: script.lua:12: attempt to ...", then the traceback on the following lines.
std::string format_script_error(const ScriptError& error);

/// The error as a collab::Diagnostic: file and line taken from the message, a hint per kind.
Diagnostic to_diagnostic(const ScriptError& error);

/// The same for a script the host ran from `sources` (chunk name -> source text): its message and
/// traceback bounded to 4 KiB each (a script chooses its error message), and the script's line as
/// the excerpt. The one funnel every library of scripts reports through.
Diagnostic to_diagnostic(const ScriptError& error, const std::map<std::string, std::string>& sources);

/// Prefixes "chunk: " unless the message already starts with a location ("other.lua:12: ...");
/// error(msg, 0), the parser's "C stack overflow" and the limits name no chunk of their own.
std::string name_the_chunk(std::string_view chunk, std::string_view message);

}  // namespace collab::lua
