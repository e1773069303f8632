#include "core/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace collab {

std::string SourceLocation::str() const {
  if (line <= 0) return file;
  if (column <= 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

void Diagnostics::error(SourceLocation where, std::string message, std::string hint) {
  add({Severity::Error, std::move(where), std::move(message), std::move(hint), {}, {}});
}
void Diagnostics::warning(SourceLocation where, std::string message, std::string hint) {
  add({Severity::Warning, std::move(where), std::move(message), std::move(hint), {}, {}});
}
void Diagnostics::note(SourceLocation where, std::string message, std::string hint) {
  add({Severity::Note, std::move(where), std::move(message), std::move(hint), {}, {}});
}
void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

int Diagnostics::count(Severity s) const {
  return static_cast<int>(std::count_if(items_.begin(), items_.end(),
                                        [s](const Diagnostic& d) { return d.severity == s; }));
}

static const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

namespace {

std::string first_line(const Diagnostic& d) {
  return d.where.file.empty() ? fmt::format("{}: {}", severity_name(d.severity), d.message)
                              : fmt::format("{}: {}: {}", d.where.str(), severity_name(d.severity), d.message);
}

}  // namespace

std::string format_diagnostic_line(const Diagnostic& d) {
  return d.hint.empty() ? first_line(d) : fmt::format("{}; {}", first_line(d), d.hint);
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = first_line(d);
  if (!d.excerpt.empty()) {
    out += fmt::format("\n    {}", d.excerpt);
    if (d.where.column > 0)
      out += fmt::format("\n    {}^", std::string(static_cast<size_t>(d.where.column - 1), ' '));
  }
  if (!d.hint.empty()) out += fmt::format("\n    hint: {}", d.hint);
  for (size_t start = 0; start < d.detail.size();) {
    size_t end = d.detail.find('\n', start);
    if (end == std::string::npos) end = d.detail.size();
    std::string_view line = std::string_view(d.detail).substr(start, end - start);
    const bool indented = !line.empty() && line[0] == '\t';  // Lua indents traceback entries with a tab
    out += fmt::format("\n    {}{}", indented ? "  " : "", indented ? line.substr(1) : line);
    start = end + 1;
  }
  return out;
}

}  // namespace collab
