#include "sweep/draws.h"

#include "calc/checked.h"
#include "core/splitmix.h"

namespace collab::sweep {

std::uint64_t scenario_seed(std::uint64_t seed, std::uint64_t index) { return seed ^ ((index + 1) * 0xd1b54a32d192ed03ULL); }

void draw_values(const Spec& spec, std::uint64_t seed, std::uint64_t index, std::span<std::int64_t> values) {
  const auto res = static_cast<Int128>(spec.resolution);
  if (spec.method == Method::MonteCarlo) {
    SplitMix64 random(scenario_seed(seed, index));
    for (std::size_t d = 0; d < spec.dimensions.size(); ++d) {
      const Dimension& dim = spec.dimensions[d];
      const auto steps = static_cast<std::uint64_t>((dim.hi - dim.lo) / spec.resolution);
      values[d] = dim.lo + static_cast<std::int64_t>(random.below(steps + 1)) * spec.resolution;
    }
    return;
  }
  const auto points = static_cast<std::uint64_t>(spec.grid_points);
  std::uint64_t rest = index;
  for (std::size_t d = spec.dimensions.size(); d-- > 0;) {
    const Dimension& dim = spec.dimensions[d];
    const auto k = static_cast<Int128>(rest % points);
    rest /= points;
    const Int128 steps = (static_cast<Int128>(dim.hi) - dim.lo) / res;
    const Int128 den = 2 * static_cast<Int128>(points - 1);
    const Int128 step = (2 * steps * k + static_cast<Int128>(points - 1)) / den;  // halves up (all >= 0)
    values[d] = dim.lo + static_cast<std::int64_t>(step * res);
  }
}

}  // namespace collab::sweep
