#pragma once
// A JSON file as loaded: the parsed value plus, for every value in it, where it
// sits (line:column) and, for numbers, the literal text. nlohmann::json keeps
// neither; money must be read from the literal (never through a double) and
// every error must point at its place.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.h"
#include "load/read_file.h"

namespace collab::load {

/// The place of one JSON value, and its literal text if it is a number.
struct ValueSite {
  int line = 0;
  int column = 0;
  std::string number_text;  // empty unless the value is a number
};

/// A key that appears twice in one object (nlohmann keeps only the last).
struct DuplicateKey {
  std::string pointer;  // JSON pointer of the second occurrence
  int line = 0;
  int column = 0;
};

/// What a JSON file may be: at most `max_bytes` long and `max_depth` arrays and objects deep.
/// Beyond either it is refused with an error, never read into unbounded memory or recursed into.
struct JsonLimits {
  std::size_t max_bytes = kMaxDataFileBytes;
  int max_depth = kMaxJsonDepth;
};

/// A parsed JSON file. Invariant: every value of `root` has a site under its JSON pointer.
class JsonDocument {
 public:
  /// Parses `text`; malformed JSON adds an error at its line:column to `out` and returns nothing.
  /// So are: a UTF-8 byte-order mark (1:1), nesting deeper than limits.max_depth, a number beyond
  /// the range of a double (1e400), a key holding \u0000, and text longer than limits.max_bytes.
  static std::optional<JsonDocument> parse(std::string display_name, std::string text, Diagnostics& out,
                                           const JsonLimits& limits = {});
  /// Reads `file` with read_bounded (regular files only, at most limits.max_bytes) and parses it.
  static std::optional<JsonDocument> read(const std::filesystem::path& file, std::string display_name,
                                          Diagnostics& out, const JsonLimits& limits = {});

  const std::string& name() const { return name_; }
  const nlohmann::json& root() const { return root_; }
  const std::vector<DuplicateKey>& duplicate_keys() const { return duplicates_; }

  /// The place of the value at `pointer` ("" is the root), or the file alone if unknown.
  SourceLocation where(const std::string& pointer) const;
  /// The literal text of the number at `pointer`, or empty.
  std::string number_text(const std::string& pointer) const;
  /// The whole source line `line` (1-based), for excerpts under a diagnostic.
  std::string line_text(int line) const;
  /// A diagnostic at `pointer`, with the source line as its excerpt.
  Diagnostic diagnostic(Severity s, const std::string& pointer, std::string message, std::string hint = {}) const;

 private:
  std::string name_;
  std::string text_;
  nlohmann::json root_;
  std::unordered_map<std::string, ValueSite> sites_;
  std::vector<DuplicateKey> duplicates_;
  friend class SiteScanner;
};

/// Escapes one reference token of a JSON pointer (RFC 6901: ~ -> ~0, / -> ~1).
std::string pointer_token(std::string_view key);

}  // namespace collab::load
