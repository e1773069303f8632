#include "load/field_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>

#include "core/suggest.h"

namespace collab::load {

Node Node::child(std::string_view key) const {
  return Node(*doc_, value_->at(std::string(key)), pointer_ + "/" + pointer_token(key));
}

Node Node::at(size_t index) const { return Node(*doc_, value_->at(index), fmt::format("{}/{}", pointer_, index)); }

std::vector<Node> Node::items() const {
  std::vector<Node> out;
  if (!value_->is_array()) return out;
  for (size_t i = 0; i < value_->size(); ++i) out.push_back(at(i));
  return out;
}

std::vector<std::pair<std::string, Node>> Node::members() const {
  std::vector<std::pair<std::string, Node>> out;
  if (!value_->is_object()) return out;
  for (const auto& [key, value] : value_->items())
    out.emplace_back(key, Node(*doc_, value, pointer_ + "/" + pointer_token(key)));
  return out;
}

namespace {

const char* type_name(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "true/false";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "a number";
    default: return "something else";
  }
}

}  // namespace

void FieldReader::error(const Node& at, std::string message, std::string hint) {
  out_.add(at.doc().diagnostic(Severity::Error, at.pointer(), std::move(message), std::move(hint)));
}

void FieldReader::warning(const Node& at, std::string message, std::string hint) {
  out_.add(at.doc().diagnostic(Severity::Warning, at.pointer(), std::move(message), std::move(hint)));
}

void FieldReader::known_fields(const Node& object, std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : object.members()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string list;
    for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    const std::vector<std::string> names(known.begin(), known.end());
    warning(value, fmt::format("unknown field '{}' (ignored){}", key, did_you_mean(key, names)), "fields here: " + list);
  }
}

std::optional<Node> FieldReader::member(const Node& parent, std::string_view key, Need need,
                                        std::string_view expected) {
  if (!parent.has(key)) {
    if (need == Need::Required)
      error(parent, fmt::format("missing field '{}'", key), fmt::format("add \"{}\": {}", key, expected));
    return std::nullopt;
  }
  return parent.child(key);
}

std::optional<Node> FieldReader::object(const Node& parent, std::string_view key, Need need) {
  auto n = member(parent, key, need, "{...}");
  if (!n) return n;
  if (!n->json().is_object()) {
    error(*n, fmt::format("'{}' must be an object, not {}", key, type_name(n->json())));
    return std::nullopt;
  }
  return n;
}

std::optional<Node> FieldReader::array(const Node& parent, std::string_view key, Need need) {
  auto n = member(parent, key, need, "[...]");
  if (!n) return n;
  if (!n->json().is_array()) {
    error(*n, fmt::format("'{}' must be a list, not {}", key, type_name(n->json())));
    return std::nullopt;
  }
  return n;
}

std::optional<std::string> FieldReader::text(const Node& parent, std::string_view key, Need need) {
  auto n = member(parent, key, need, "\"...\"");
  if (!n) return std::nullopt;
  if (n->json().is_null() && need == Need::Optional) return std::nullopt;
  if (!n->json().is_string()) {
    error(*n, fmt::format("'{}' must be a string, not {}", key, type_name(n->json())));
    return std::nullopt;
  }
  auto value = n->json().get<std::string>();
  if (value.find('\0') != std::string::npos) {
    error(*n, fmt::format("'{}' holds the NUL character \\u0000", key), "remove the \\u0000");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> FieldReader::boolean(const Node& parent, std::string_view key, Need need) {
  auto n = member(parent, key, need, "true or false");
  if (!n) return std::nullopt;
  if (!n->json().is_boolean()) {
    error(*n, fmt::format("'{}' must be true or false, not {}", key, type_name(n->json())));
    return std::nullopt;
  }
  return n->json().get<bool>();
}

std::optional<int> FieldReader::count(const Node& parent, std::string_view key, Need need) {
  auto n = member(parent, key, need, "a whole number");
  if (!n) return std::nullopt;
  const nlohmann::json& j = n->json();
  // A literal of digits too long for 64 bits is read as a float: still a whole number, too large.
  const std::string literal = j.is_number() ? n->doc().number_text(n->pointer()) : std::string{};
  const bool digits_only = !literal.empty() && literal.find_first_not_of("-0123456789") == std::string::npos;
  const bool negative = j.is_number_integer() ? (!j.is_number_unsigned() && j.get<int64_t>() < 0)
                                              : (digits_only && literal.front() == '-');
  if ((!j.is_number_integer() && !digits_only) || negative) {
    error(*n, fmt::format("'{}' must be a whole number, 0 or more", key));
    return std::nullopt;
  }
  constexpr auto kLargest = static_cast<uint64_t>(std::numeric_limits<int>::max());
  if (!j.is_number_integer() || j.get<uint64_t>() > kLargest) {
    error(*n, fmt::format("'{}' is {}, more than the largest count ({})", key, literal.empty() ? j.dump() : literal, kLargest),
          "a count of people or forces; check the figure");
    return std::nullopt;
  }
  return static_cast<int>(j.get<uint64_t>());
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  char previous = ' ';
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

std::optional<std::string> FieldReader::id(const Node& parent, std::string_view key, Need need) {
  auto value = text(parent, key, need);
  if (!value) return value;
  if (!is_valid_id(*value)) {
    error(parent.child(key), fmt::format("'{}' is not a valid id", *value),
          "ids are lower-case words joined by '-', like \"emsou-soc\"");
    return std::nullopt;
  }
  return value;
}

std::vector<std::string> FieldReader::texts(const Node& parent, std::string_view key, Need need) {
  std::vector<std::string> out;
  auto list = array(parent, key, need);
  if (!list) return out;
  for (const Node& item : list->items()) {
    if (!item.json().is_string())
      error(item, fmt::format("the items of '{}' must be strings, not {}", key, type_name(item.json())));
    else if (item.json().get<std::string>().find('\0') != std::string::npos)
      error(item, fmt::format("an item of '{}' holds the NUL character \\u0000", key), "remove the \\u0000");
    else out.push_back(item.json().get<std::string>());
  }
  return out;
}

std::optional<Money> FieldReader::money(const Node& parent, std::string_view key, MoneyUnit unit, Need need) {
  return optional_field(parent, key, need, "an amount such as 1234.56 or \"£1,234.56\"",
                        [&](const Node& n) { return money_value(n, unit); });
}

std::optional<Money> FieldReader::money_value(const Node& value, MoneyUnit unit) {
  Result<Money> parsed = value.json().is_string() ? parse_money(value.json().get<std::string>(), unit)
                         : value.json().is_number() ? parse_json_number(value.doc().number_text(value.pointer()), unit)
                                                    : Result<Money>(fail("an amount must be a number or a string"));
  if (!parsed) {
    error(value, parsed.error(), "write pounds as 1234.56 or as published, \"£1,234.56\" or \"(5.2)\"");
    return std::nullopt;
  }
  return parsed.value();
}

std::optional<Percent> FieldReader::percent(const Node& parent, std::string_view key, Need need) {
  return optional_field(parent, key, need, "a percentage such as \"27.6%\"",
                        [&](const Node& n) { return percent_value(n); });
}

std::optional<Percent> FieldReader::percent_value(const Node& value) {
  Result<Percent> parsed = value.json().is_string() ? parse_percent(value.json().get<std::string>())
                           : value.json().is_number()
                               ? parse_percent_json_number(value.doc().number_text(value.pointer()))
                               : Result<Percent>(fail("a percentage must be a number or a string"));
  if (!parsed) {
    error(value, parsed.error(), "write a percentage as published, \"27.60%\", or as a number of percent, 27.6");
    return std::nullopt;
  }
  return parsed.value();
}

std::optional<FinancialYear> FieldReader::year(const Node& parent, std::string_view key, Need need) {
  return optional_field(parent, key, need, "a financial year such as \"2016/17\"",
                        [&](const Node& n) { return year_value(n); });
}

std::optional<FinancialYear> FieldReader::year_value(const Node& value) {
  if (!value.json().is_string()) {
    error(value, fmt::format("a financial year must be a string such as \"2016/17\", not {}", type_name(value.json())));
    return std::nullopt;
  }
  auto parsed = FinancialYear::parse(value.json().get<std::string>());
  if (!parsed) {
    error(value, parsed.error());
    return std::nullopt;
  }
  return parsed.value();
}

std::optional<PartialDate> FieldReader::date(const Node& parent, std::string_view key, Need need) {
  return optional_field(parent, key, need, "a date such as \"Sept 2011\"",
                        [&](const Node& n) { return date_value(n); });
}

std::optional<PartialDate> FieldReader::date_value(const Node& value) {
  if (!value.json().is_string()) {
    error(value, fmt::format("a date must be a string such as \"Sept 2011\", not {}", type_name(value.json())));
    return std::nullopt;
  }
  auto parsed = PartialDate::parse(value.json().get<std::string>());
  if (!parsed) {
    error(value, parsed.error());
    return std::nullopt;
  }
  return parsed.value();
}

MoneyUnit FieldReader::money_unit(const Node& table) {
  auto unit = text(table, "money_unit", Need::Optional);
  if (!unit || *unit == "£") return MoneyUnit::Pounds;
  if (*unit == "£000" || *unit == "£'000" || *unit == "£'000s") return MoneyUnit::Thousands;
  if (*unit == "£m") return MoneyUnit::Millions;
  error(table.child("money_unit"), fmt::format("unknown money unit '{}'", *unit), "use \"£\", \"£000\" or \"£m\"");
  return MoneyUnit::Pounds;
}

}  // namespace collab::load
