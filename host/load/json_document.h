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

/// A parsed JSON file. Invariant: every value of `root` has a site under its JSON pointer.
class JsonDocument {
 public:
  /// Parses `text`; malformed JSON adds an error at its line:column to `out` and returns nothing.
  static std::optional<JsonDocument> parse(std::string display_name, std::string text, Diagnostics& out);
  static std::optional<JsonDocument> read(const std::filesystem::path& file, std::string display_name,
                                          Diagnostics& out);

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
