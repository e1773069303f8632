#pragma once
// Shared test fixtures: the source tree, and temporary folders that clean up.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <random>
#include <string>

#include "model/param_value.h"

namespace collab::test {

inline std::filesystem::path source_dir() { return COLLAB_SOURCE_DIR; }

/// A fresh folder under the system temp dir, removed when the object goes.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("collab-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// A formula's parameters written inline in a test, as the loader would read them from the data
/// (every value at `where`).
inline ParamValue params(const nlohmann::json& j, SourceLocation where = {"data/test.json", 3, 7}) {
  ParamValue v;
  v.where = where;
  if (j.is_object()) {
    v.type = ParamValue::Type::Object;
    for (const auto& [key, item] : j.items()) v.members.push_back({key, params(item, where)});
  } else if (j.is_array()) {
    v.type = ParamValue::Type::Array;
    for (const auto& item : j) v.items.push_back(params(item, where));
  } else if (j.is_string()) {
    v.type = ParamValue::Type::String;
    v.text = j.get<std::string>();
  } else if (j.is_boolean()) {
    v.type = ParamValue::Type::Boolean;
    v.boolean = j.get<bool>();
  } else if (j.is_number_integer()) {
    v.type = ParamValue::Type::Integer;
    v.integer = j.get<std::int64_t>();
  } else if (j.is_number()) {
    v.type = ParamValue::Type::Number;
    v.number = j.get<double>();
  } else {
    v.type = ParamValue::Type::Null;
  }
  return v;
}

}  // namespace collab::test
