#pragma once
// A sweep's results as a report document (every format): what was swept, each force's (and with
// --per-unit each unit's and force's) spread against the baseline, and the scenarios that failed.
// Nothing in it depends on the threads, the engine or the time taken, so the same seed gives the
// same bytes.

#include "report/document.h"
#include "sweep/engine.h"
#include "sweep/run.h"

namespace collab::sweep {

struct SweepMeta {
  std::string spec_file;  // as given
  std::uint64_t runs = 0;
  std::uint64_t seed = 1;
};

report::Document sweep_document(const Context& context, const RunResult& result, const SweepMeta& meta);

}  // namespace collab::sweep
