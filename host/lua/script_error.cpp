#include "lua/script_error.h"

#include <fmt/format.h>

#include <charconv>
#include <sstream>

#include "core/text.h"

namespace collab::lua {

std::string_view kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Syntax: return "syntax error";
    case ErrorKind::Runtime: return "runtime error";
    case ErrorKind::Memory: return "memory limit";
    case ErrorKind::CpuTime: return "CPU time limit";
    case ErrorKind::WallTime: return "wall-clock time limit";
    case ErrorKind::Internal: return "internal error";
  }
  return "error";
}

std::string format_script_error(const ScriptError& error) {
  std::string out = fmt::format("{}: {}", kind_name(error.kind), error.message);
  if (!error.traceback.empty()) out += "\n" + error.traceback;
  return out;
}

namespace {

// Does the first line start with "source:123: "?
bool starts_with_location(std::string_view message) {
  const std::string_view line = message.substr(0, message.find('\n'));
  for (std::size_t colon = line.find(':'); colon != std::string_view::npos; colon = line.find(':', colon + 1)) {
    std::size_t end = colon + 1;
    while (end < line.size() && line[end] >= '0' && line[end] <= '9') ++end;
    if (end > colon + 1 && end + 1 < line.size() && line[end] == ':' && line[end + 1] == ' ') return true;
  }
  return false;
}

}  // namespace

std::string name_the_chunk(std::string_view chunk, std::string_view message) {
  if (starts_with_location(message)) return std::string(message);
  return fmt::format("{}: {}", chunk, message);
}

namespace {

std::string_view hint_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Syntax: return "fix the script so that it compiles";
    case ErrorKind::Runtime: return "";
    case ErrorKind::Memory: return "the script holds too much data; keep less, or raise the memory limit";
    case ErrorKind::CpuTime:
      return "the script computed too long; look for a loop that never ends, or raise the CPU time limit";
    case ErrorKind::WallTime:
      return "the run took too long by the clock: if the CPU it used is well below that, the machine was busy or a "
             "host function waited; try again, or raise the wall-clock time limit";
    case ErrorKind::Internal: return "this is a bug in collab; please report it with the script";
  }
  return "";
}

// "chunk:12: rest" -> line 12 and "rest"; otherwise line 0 and the message without "chunk: ".
std::pair<int, std::string_view> split_location(std::string_view chunk, std::string_view message) {
  if (message.substr(0, chunk.size()) != chunk || message.size() <= chunk.size() + 1 || message[chunk.size()] != ':')
    return {0, message};
  std::string_view rest = message.substr(chunk.size() + 1);
  int line = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), line);
  if (ec == std::errc() && end != rest.data() && end < rest.data() + rest.size() && *end == ':')
    rest = rest.substr(static_cast<std::size_t>(end - rest.data()) + 1);
  else
    line = 0;
  if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return {line, rest};
}

}  // namespace

Diagnostic to_diagnostic(const ScriptError& error) {
  const auto [line, text] = split_location(error.chunk, error.message);
  Diagnostic d;
  d.severity = Severity::Error;
  d.where = {error.chunk, line, 0};
  d.message = fmt::format("{}: {}", kind_name(error.kind), text);
  d.hint = std::string(hint_for(error.kind));
  d.detail = error.traceback;
  return d;
}

Diagnostic to_diagnostic(const ScriptError& error, const std::map<std::string, std::string>& sources) {
  constexpr std::size_t kMaxMessageBytes = 4096;
  Diagnostic d = to_diagnostic(error);
  d.message = capped_text(d.message, kMaxMessageBytes);
  d.detail = capped_text(d.detail, kMaxMessageBytes);
  auto source = sources.find(d.where.file);
  if (source == sources.end() || d.where.line <= 0) return d;
  std::istringstream lines(source->second);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n)
    if (n == d.where.line) {
      const auto first = line.find_first_not_of(" \t");
      d.excerpt = first == std::string::npos ? "" : line.substr(first);
      break;
    }
  return d;
}

}  // namespace collab::lua
