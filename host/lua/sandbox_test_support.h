#pragma once
// Shared helpers of the Lua host's tests.

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "lua/sandbox.h"

namespace collab::lua::testing {

using namespace std::chrono_literals;

/// Limits that make the limit tests quick: 150 ms of CPU, 8 MiB of memory.
inline Limits quick_limits() {
  Limits limits;
  limits.cpu_time = 150ms;
  limits.memory_bytes = std::size_t{8} << 20;
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

/// Runs `source` in a fresh Sandbox with quick limits; expects the error, then `return 1+1`.
inline void require_contained(const std::string& chunk, const std::string& source, ErrorKind kind,
                              const std::string& message, Limits limits = quick_limits()) {
  Sandbox sb(limits);
  require_error(sb.run(chunk, source), kind, message);
  require_still_usable(sb);
}

}  // namespace collab::lua::testing
