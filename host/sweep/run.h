#pragma once
// Running a sweep: scenarios in parallel on a oneTBB pipeline (the scenarios handed out in order
// in batches, evaluated by as many workers as threads, each with its own engine, and taken in
// order by one output stage that keeps the statistics and writes the stream), so memory does not
// grow with the number of scenarios and the output does not depend on the number of threads.
// When the exact percentiles need it (stats.h), the same seeded scenarios are replayed.

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sweep/engine.h"
#include "sweep/stats.h"

namespace collab::sweep {

/// A scenario that could not be computed: which, its values, why.
struct Failure {
  std::uint64_t index = 0;
  std::vector<std::int64_t> values;
  std::string why;
};

/// Every scenario's values and per-force totals as they complete, in scenario order: CSV
/// (scenario, status, one column per dimension, one per force in pence, reason) or JSON lines.
class Stream {
 public:
  enum class Format { Csv, Jsonl };
  /// Writes to `file` (owned, closed by the destructor); the header goes out at once.
  Stream(std::FILE* file, Format format, const Context& context);
  ~Stream();
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  void write(std::uint64_t index, const std::int64_t* values, const std::int64_t* totals, const std::string* why);
  /// Pushes what is written to the file (at the end of each batch: whole lines only).
  void flush();
  bool failed() const { return failed_; }

 private:
  std::FILE* file_;
  Format format_;
  const Context& context_;
  std::string buffer_;
  bool failed_ = false;
};

struct RunOptions {
  std::uint64_t runs = 0;  // the scenarios: 0 .. runs - 1
  std::uint64_t seed = 1;
  int threads = 1;
  std::size_t max_failures_listed = 1000;
  const std::atomic<bool>* stop = nullptr;  // set (by a signal handler) to stop after the scenarios in flight
  Stream* stream = nullptr;
  /// Called from the output stage now and then: scenarios done in this pass, of runs, and the pass.
  std::function<void(std::uint64_t done, std::uint64_t runs, int pass)> progress;
};

struct RunResult {
  std::uint64_t done = 0;    // scenarios evaluated in the first pass
  std::uint64_t failed = 0;  // of which could not be computed
  std::vector<Failure> failures;  // the first max_failures_listed, in scenario order
  std::vector<Figures> force;     // per force (Model::forces order)
  std::vector<Figures> pair;      // per unit and force (Context::pairs)
  int passes = 0;
  bool interrupted = false;  // the stop flag was seen: figures are not complete
  double seconds = 0;
};

/// Runs the sweep with `engines` (one per thread; options.threads == engines.size()).
RunResult run_sweep(const Context& context, std::vector<std::unique_ptr<Engine>>& engines, const RunOptions& options);

}  // namespace collab::sweep
