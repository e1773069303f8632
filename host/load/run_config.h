#pragma once
// The limits scripts run under, from outside the program: the optional `limits` block of
// data/run.json, and the command line's flags over it.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "lua/limits.h"

namespace collab::load {

/// Limits given on the command line (--cpu-limit, --wall-limit, --memory-limit); each one set
/// overrides data/run.json's.
struct LimitFlags {
  std::optional<std::int64_t> cpu_ms;
  std::optional<std::int64_t> wall_ms;
  std::optional<std::int64_t> memory_mib;
};

/// The largest values run.json and the flags accept: a day, and 64 GiB.
inline constexpr std::int64_t kMaxLimitMs = 86'400'000;
inline constexpr std::int64_t kMaxMemoryMib = 65'536;

/// `base` with the fields of the `limits` block of `root`/data/run.json applied:
/// {"limits": {"cpu_ms": 2000, "wall_ms": 30000, "memory_mib": 64}}. The file, the block and each
/// field are optional; other top-level keys belong to the nightly job (run/config.h) and are ignored here. Malformed
/// JSON, a wrong type, a value that is not a whole number from 1 to the maximum, or an unknown
/// key inside `limits` is an error at its line:column in `out` ("data/run.json"), and the field
/// keeps base's value.
lua::Limits read_run_limits(const std::filesystem::path& root, Diagnostics& out, lua::Limits base = {});
/// read_run_limits on the text of a run.json that was read (the fuzz target feeds it directly).
lua::Limits parse_run_limits(std::string text, Diagnostics& out, lua::Limits base = {});

/// The limits scripts run under: `flags` over data/run.json over the defaults (docs/lua-sandbox.md).
lua::Limits resolve_limits(const std::filesystem::path& root, const LimitFlags& flags, Diagnostics& out);

}  // namespace collab::load
