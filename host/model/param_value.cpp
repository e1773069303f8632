#include "model/param_value.h"

#include <fmt/format.h>

namespace collab {

namespace {

void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else
          out += c;
    }
  }
  out += '"';
}

void append(std::string& out, const ParamValue& v) {
  switch (v.type) {
    case ParamValue::Type::Null: out += "null"; return;
    case ParamValue::Type::Boolean: out += v.boolean ? "true" : "false"; return;
    case ParamValue::Type::Integer: out += fmt::format("{}", v.integer); return;
    case ParamValue::Type::Number: out += fmt::format("{}", v.number); return;  // shortest form that reads back
    case ParamValue::Type::String: append_string(out, v.text); return;
    case ParamValue::Type::Array:
      out += '[';
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out += ',';
        append(out, v.items[i]);
      }
      out += ']';
      return;
    case ParamValue::Type::Object:
      out += '{';
      for (size_t i = 0; i < v.members.size(); ++i) {
        if (i > 0) out += ',';
        append_string(out, v.members[i].key);
        out += ':';
        append(out, v.members[i].value);
      }
      out += '}';
      return;
  }
}

}  // namespace

const ParamValue* ParamValue::member(std::string_view key) const {
  if (type != Type::Object) return nullptr;
  for (const auto& [name, value] : members)
    if (name == key) return &value;
  return nullptr;
}

std::string ParamValue::canonical() const {
  std::string out;
  append(out, *this);
  return out;
}

const char* ParamValue::lua_type() const {
  switch (type) {
    case Type::Null: return "nil";
    case Type::Boolean: return "boolean";
    case Type::Integer:
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::Array:
    case Type::Object: return "table";
  }
  return "nil";
}

}  // namespace collab
