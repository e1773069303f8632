#include "load/run_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "load/field_reader.h"
#include "load/json_document.h"
#include "load/read_file.h"

namespace collab::load {
namespace {

constexpr const char* kDisplayName = "data/run.json";

/// One field of the `limits` block: its key, its unit, its largest value, and where it goes.
struct LimitField {
  std::string_view key;
  std::string_view unit;
  std::int64_t max;
  std::int64_t example;
  void (*apply)(lua::Limits&, std::int64_t);
};

void apply_cpu(lua::Limits& limits, std::int64_t ms) { limits.cpu_time = std::chrono::milliseconds(ms); }
void apply_wall(lua::Limits& limits, std::int64_t ms) { limits.wall_time = std::chrono::milliseconds(ms); }
void apply_memory(lua::Limits& limits, std::int64_t mib) { limits.memory_bytes = static_cast<std::size_t>(mib) << 20; }

constexpr LimitField kFields[] = {
    {"cpu_ms", "milliseconds", kMaxLimitMs, 2000, apply_cpu},
    {"wall_ms", "milliseconds", kMaxLimitMs, 30000, apply_wall},
    {"memory_mib", "MiB", kMaxMemoryMib, 64, apply_memory},
};

const LimitField* field_named(std::string_view key) {
  for (const LimitField& field : kFields)
    if (field.key == key) return &field;
  return nullptr;
}

std::string field_list() {
  std::string list;
  for (const LimitField& field : kFields) list += (list.empty() ? "" : ", ") + std::string(field.key);
  return list;
}

// What the value is, for a message: its literal text if it is a number, else its kind.
std::string shown(const Node& value) {
  const nlohmann::json& j = value.json();
  if (j.is_number()) return value.doc().number_text(value.pointer());
  if (j.is_string()) return "a string";
  if (j.is_boolean()) return "true/false";
  if (j.is_null()) return "null";
  if (j.is_array()) return "a list";
  return "an object";
}

// The value if it is a whole number from 1 to max (JSON 2000, not 2000.0 or "2000").
std::optional<std::int64_t> whole_number(const nlohmann::json& j, std::int64_t max) {
  if (!j.is_number_integer()) return std::nullopt;  // true for unsigned too
  if (j.is_number_unsigned()) {
    const auto u = j.get<std::uint64_t>();
    if (u < 1 || u > static_cast<std::uint64_t>(max)) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  const auto v = j.get<std::int64_t>();
  if (v < 1 || v > max) return std::nullopt;
  return v;
}

void read_field(const LimitField& field, const Node& value, FieldReader& read, lua::Limits& limits) {
  const auto number = whole_number(value.json(), field.max);
  if (!number) {
    read.error(value,
               fmt::format("'{}' must be a whole number of {} from 1 to {}, not {}", field.key, field.unit, field.max,
                           shown(value)),
               fmt::format("for example \"{}\": {}", field.key, field.example));
    return;
  }
  field.apply(limits, *number);
}

}  // namespace

lua::Limits read_run_limits(const std::filesystem::path& root, Diagnostics& out, lua::Limits base) {
  const std::filesystem::path file = root / "data" / "run.json";
  auto text = read_bounded(file, kMaxDataFileBytes);
  if (auto* failure = std::get_if<ReadFailure>(&text)) {
    if (!failure->missing) out.error({kDisplayName, 0, 0}, failure->message, failure->hint);
    return base;  // the file is optional
  }
  return parse_run_limits(std::move(std::get<std::string>(text)), out, base);
}

lua::Limits parse_run_limits(std::string text, Diagnostics& out, lua::Limits base) {
  auto doc = JsonDocument::parse(kDisplayName, std::move(text), out);
  if (!doc) return base;
  for (const DuplicateKey& dup : doc->duplicate_keys())
    out.add({Severity::Error, {doc->name(), dup.line, dup.column},
             fmt::format("duplicate key '{}': only the last would be kept", dup.pointer.substr(dup.pointer.rfind('/') + 1)),
             "remove or rename one of them", doc->line_text(dup.line), {}});
  FieldReader read(out);
  const Node top(*doc, doc->root(), "");
  if (!top.json().is_object()) {
    read.error(top, "the file must hold a JSON object", "for example {\"limits\": {\"cpu_ms\": 2000}}");
    return base;
  }
  // Other top-level keys are the nightly job's: run/config reads them (collab check and collab run).
  const auto block = read.object(top, "limits", Need::Optional);
  if (!block) return base;
  auto members = block->members();  // in key order: report them in the file's order
  std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
    const SourceLocation x = a.second.where(), y = b.second.where();
    return std::pair(x.line, x.column) < std::pair(y.line, y.column);
  });
  for (const auto& [key, value] : members) {
    if (const LimitField* field = field_named(key))
      read_field(*field, value, read, base);
    else
      read.error(value, fmt::format("unknown limit '{}'", key), "limits here: " + field_list());
  }
  return base;
}

lua::Limits resolve_limits(const std::filesystem::path& root, const LimitFlags& flags, Diagnostics& out) {
  lua::Limits limits = read_run_limits(root, out);
  if (flags.cpu_ms) apply_cpu(limits, *flags.cpu_ms);
  if (flags.wall_ms) apply_wall(limits, *flags.wall_ms);
  if (flags.memory_mib) apply_memory(limits, *flags.memory_mib);
  return limits;
}

}  // namespace collab::load
