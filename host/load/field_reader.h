#pragma once
// Typed reads from JSON with every failure recorded as a diagnostic at the
// value's line:column, so one pass reports every problem in a file.

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "load/json_document.h"
#include "money/calendar.h"
#include "money/money.h"
#include "money/percent.h"

namespace collab::load {

/// A JSON value with its document and pointer, so any read can say where it failed.
class Node {
 public:
  Node(const JsonDocument& doc, const nlohmann::json& value, std::string pointer)
      : doc_(&doc), value_(&value), pointer_(std::move(pointer)) {}

  const nlohmann::json& json() const { return *value_; }
  const std::string& pointer() const { return pointer_; }
  const JsonDocument& doc() const { return *doc_; }
  SourceLocation where() const { return doc_->where(pointer_); }

  bool has(std::string_view key) const { return value_->is_object() && value_->contains(key); }
  Node child(std::string_view key) const;  // precondition: has(key)
  Node at(size_t index) const;             // precondition: an array with index in range
  std::vector<Node> items() const;         // elements of an array (empty otherwise)
  std::vector<std::pair<std::string, Node>> members() const;  // key/value pairs of an object

 private:
  const JsonDocument* doc_;
  const nlohmann::json* value_;
  std::string pointer_;
};

enum class Need { Required, Optional };

/// Reads fields of JSON objects into typed values; each problem becomes a diagnostic.
class FieldReader {
 public:
  explicit FieldReader(Diagnostics& out) : out_(out) {}

  void error(const Node& at, std::string message, std::string hint = {});
  void warning(const Node& at, std::string message, std::string hint = {});
  int errors() const { return out_.errors(); }

  /// Warns about any member of `object` not in `known` (a typo should not go unnoticed).
  void known_fields(const Node& object, std::initializer_list<std::string_view> known);

  std::optional<Node> object(const Node& parent, std::string_view key, Need need = Need::Required);
  std::optional<Node> array(const Node& parent, std::string_view key, Need need = Need::Required);
  std::optional<std::string> text(const Node& parent, std::string_view key, Need need = Need::Required);
  std::optional<bool> boolean(const Node& parent, std::string_view key, Need need = Need::Required);
  /// A whole number from 0 to INT_MAX (people, forces); a negative, fractional or larger number
  /// is an error at its place, never a wrapped value.
  std::optional<int> count(const Node& parent, std::string_view key, Need need = Need::Required);
  std::optional<std::string> id(const Node& parent, std::string_view key, Need need = Need::Required);
  std::vector<std::string> texts(const Node& parent, std::string_view key, Need need = Need::Optional);

  std::optional<Money> money(const Node& parent, std::string_view key, MoneyUnit unit, Need need = Need::Required);
  std::optional<Money> money_value(const Node& value, MoneyUnit unit);
  std::optional<Percent> percent(const Node& parent, std::string_view key, Need need = Need::Required);
  std::optional<Percent> percent_value(const Node& value);
  std::optional<FinancialYear> year(const Node& parent, std::string_view key, Need need = Need::Required);
  std::optional<FinancialYear> year_value(const Node& value);
  std::optional<PartialDate> date(const Node& parent, std::string_view key, Need need = Need::Required);
  std::optional<PartialDate> date_value(const Node& value);
  /// `"money_unit"`: absent means pounds; "£", "£000", "£m".
  MoneyUnit money_unit(const Node& table);

 private:
  std::optional<Node> member(const Node& parent, std::string_view key, Need need, std::string_view expected);
  // A member read by `read_value`; absent (or null when optional) gives nothing.
  template <class ReadValue>
  auto optional_field(const Node& parent, std::string_view key, Need need, std::string_view expected,
                      ReadValue read_value) -> decltype(read_value(parent)) {
    auto n = member(parent, key, need, expected);
    if (!n || (n->json().is_null() && need == Need::Optional)) return std::nullopt;
    return read_value(*n);
  }
  Diagnostics& out_;
};

/// True for ids made of lower-case letters, digits and single '-' between words.
bool is_valid_id(std::string_view id);

}  // namespace collab::load
