#pragma once
// ParamValue: a formula's parameters as the data wrote them ("params": {"mix": {"grant": 50}}),
// a small JSON-like tree in which every value keeps its place in the data, so an error in a
// parameter points at the parameter's own line and column. The model carries no JSON library.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.h"

namespace collab {

/// One value of a formula's parameters. Invariant: an object's members are sorted by key and
/// unique (so equal parameters have equal canonical text).
struct ParamValue {
  enum class Type { Null, Boolean, Integer, Number, String, Array, Object };
  struct Member;  // a key and its value; defined below, once ParamValue is complete

  Type type = Type::Object;  // parameters are an object; an empty one by default
  bool boolean = false;
  std::int64_t integer = 0;  // Type::Integer: a JSON number written without a fraction or exponent
  double number = 0;         // Type::Number
  std::string text;          // Type::String
  std::vector<ParamValue> items;                             // Type::Array
  std::vector<Member> members;                               // Type::Object
  SourceLocation where;

  bool is_object() const { return type == Type::Object; }
  bool empty() const { return type == Type::Object && members.empty(); }
  /// The member `key` of an object, or null.
  const ParamValue* member(std::string_view key) const;
  bool contains(std::string_view key) const { return member(key) != nullptr; }
  /// Compact JSON with sorted keys ({"mix":{"equal":50,"grant":50}}): shown in explanations and
  /// used as a cache key, so it depends only on the values, never on where they were written.
  std::string canonical() const;
  /// "number", "string", "boolean", "table" (arrays and objects), "nil": the Lua type it becomes.
  const char* lua_type() const;
};

/// One member of an object. A struct rather than std::pair: a pair of an incomplete type cannot be
/// instantiated inside the class (clang refuses it).
struct ParamValue::Member {
  std::string key;
  ParamValue value;
};

}  // namespace collab
