#pragma once
// Diagnostics are data (as in beancount): loaders and checks collect every
// problem in one pass, and one formatter prints them.

#include <string>
#include <vector>

namespace collab {

/// Where something came from: a file, and a 1-based line and column when known.
struct SourceLocation {
  std::string file;
  int line = 0;    // 0: unknown
  int column = 0;  // 0: unknown

  std::string str() const;  // "file:line:column", shortened when parts are unknown
};

enum class Severity { Error, Warning, Note };

/// One problem found in the inputs: where, what, and what would fix it.
struct Diagnostic {
  Severity severity = Severity::Error;
  SourceLocation where;
  std::string message;
  std::string hint;     // what would fix it; may be empty
  std::string excerpt;  // the offending source line, when known
  std::string detail;   // further lines printed last, indented (a Lua traceback)
};

/// An ordered collection of diagnostics, with counts by severity.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(SourceLocation where, std::string message, std::string hint = {});
  void warning(SourceLocation where, std::string message, std::string hint = {});
  void note(SourceLocation where, std::string message, std::string hint = {});
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  int count(Severity s) const;
  int errors() const { return count(Severity::Error); }
  int warnings() const { return count(Severity::Warning); }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

/// "file:12:5: error: message" then the excerpt with a caret and the hint,
/// the layout compilers and ninja use, so editors can jump to the place.
std::string format_diagnostic(const Diagnostic& d);

/// "file:12: error: message; hint": the first line of format_diagnostic and the hint, without the
/// excerpt or a traceback, for a place that holds one line (a failed sweep scenario's reason).
std::string format_diagnostic_line(const Diagnostic& d);

}  // namespace collab
