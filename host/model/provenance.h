#pragma once
// Where a figure came from. Every figure loaded from the documents keeps it.

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace collab {

using ForceId = std::string;
using UnitId = std::string;

/// A source document (data/sources.json).
struct Document {
  std::string id;
  std::string file;
  std::string title;
  std::string date;
};

/// A figure's provenance: the document and the table, figure or paragraph.
struct Source {
  std::string document;  // a Document id
  std::string table;
  std::string note;
};

/// A slip in a document: what it prints, what the record shows instead, and where that shows
/// (data/sources.json "slips"). Both places are kept; the data keeps the printed figures.
struct Slip {
  std::string id;
  Source printed_in;    // where the slip is printed
  std::string printed;  // as printed: "2015/16 Grant (£m)"
  std::string reading;  // what the record shows instead
  Source evidence;      // where it shows it
  SourceLocation where;
};

/// Two documents that state one fact differently (data/sources.json "disagreements"): what each
/// says, where, and which the model uses and why.
struct StatedDisagreement {
  std::string id;
  std::string fact;
  Source first;
  std::string first_says;
  Source second;
  std::string second_says;
  std::string model_uses;
  SourceLocation where;
};

/// One document's statement of a fact, as written there.
template <class T>
struct Claim {
  T value;
  std::string as_written;
  Source source;
  std::string note;
};

/// A fact that one or more documents state; `value` is the one the model uses.
/// Invariant: value equals some claim's value.
template <class T>
struct Claimed {
  T value;
  std::string why;  // why `value` was chosen where claims disagree
  std::vector<Claim<T>> claims;
  SourceLocation where;

  bool disagree() const {
    for (const auto& c : claims)
      if (!(c.value == value)) return true;
    return false;
  }
};

}  // namespace collab
