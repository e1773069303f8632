#pragma once
// What scripts say, shown as it comes: each print and warn line on stderr, prefixed with the
// script and line that said it, and (with --limits) the limit report of every script run. Every
// run is also tallied, so the nightly job can say how close each of its steps came to each limit.

#include <nlohmann/json.hpp>

#include "formula/formula_library.h"

namespace collab::cli {

formula::RunObserver script_output_observer(bool show_limits);

/// The peak of each limit used by the script runs observed since the last call, as
/// {"script_runs", "cpu_ms_peak", "cpu_limit_ms", "wall_ms_peak", "wall_limit_ms", "memory_peak_bytes",
/// "memory_limit_bytes"}, or null when none ran; the tally starts again.
nlohmann::json take_limit_tally();

}  // namespace collab::cli
