#pragma once
// Shared helpers of the Lua host's tests.

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>

#include "lua/sandbox.h"

namespace collab::lua::testing {

using namespace std::chrono_literals;

// No test may depend on how fast or how busy the machine is. A CPU-limit test runs something
// endless (or astronomically long) under quick_limits(), which trips on any machine; a test of
// anything else runs under ample_time(), which only a bug could exhaust. Both keep the wall-clock
// limit far beyond the CPU limit, so a test starved of CPU by other processes still ends on the
// limit it is about.

/// For CPU-limit tests: 150 ms of CPU, 300 s of wall-clock time, 8 MiB of memory.
inline Limits quick_limits() {
  Limits limits;
  limits.cpu_time = 150ms;
  limits.wall_time = 300s;
  limits.memory_bytes = std::size_t{8} << 20;
  return limits;
}

/// `limits` with time that only a bug could exhaust: 120 s of CPU, 300 s of wall-clock time.
inline Limits ample_time(Limits limits = quick_limits()) {
  limits.cpu_time = 120s;
  limits.wall_time = 300s;
  return limits;
}

/// The run failed with this kind and exactly this message.
inline void require_error(const RunResult& r, ErrorKind kind, const std::string& message) {
  INFO((r.error ? format_script_error(*r.error) : std::string("(no error)")));
  REQUIRE(r.error.has_value());
  CHECK(kind_name(r.error->kind) == kind_name(kind));
  CHECK(r.error->message == message);
}

/// The same Sandbox still runs `return 1+1` and gets 2.
inline void require_still_usable(Sandbox& sb) {
  const RunResult r = sb.run("after.lua", "return 1+1");
  INFO((r.error ? format_script_error(*r.error) : std::string("ok")));
  REQUIRE(r.ok());
  REQUIRE(r.values.size() == 1);
  CHECK(r.values[0].number() == 2);
}

/// Runs `source` in a fresh Sandbox; expects the error, then `return 1+1`. Unless given, the limits
/// are quick_limits() for a CPU-limit error and ample_time() for any other.
inline void require_contained(const std::string& chunk, const std::string& source, ErrorKind kind,
                              const std::string& message, std::optional<Limits> limits = std::nullopt) {
  Sandbox sb(limits.value_or(kind == ErrorKind::CpuTime ? quick_limits() : ample_time()));
  require_error(sb.run(chunk, source), kind, message);
  require_still_usable(sb);
}

}  // namespace collab::lua::testing
