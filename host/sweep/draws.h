#pragma once
// The values of one scenario of a sweep. Scenario i's values depend on (seed, i) alone, never on
// which thread or in what order it runs: Monte Carlo draws come from a SplitMix64 seeded with
// seed XOR (i + 1) * 0xd1b54a32d192ed03, one uniform draw per dimension in the spec's order
// (lo + below((hi - lo) / resolution + 1) * resolution); a grid's point i is i written in base
// `points`, the last dimension fastest, value k of (points - 1) at lo + round((hi - lo) * k /
// (points - 1) / resolution) * resolution, halves up. tests/bench/numpy_sweep.py does the same.

#include <cstdint>
#include <span>

#include "sweep/spec.h"

namespace collab::sweep {

inline constexpr const char* kGenerator = "SplitMix64";

/// The generator's seed for scenario `index`.
std::uint64_t scenario_seed(std::uint64_t seed, std::uint64_t index);

/// Scenario `index`'s values, one per dimension of `spec`, into `values` (sized to the dimensions).
void draw_values(const Spec& spec, std::uint64_t seed, std::uint64_t index, std::span<std::int64_t> values);

}  // namespace collab::sweep
