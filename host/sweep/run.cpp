#include "sweep/run.h"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <mutex>

#include "core/text.h"
#include "sweep/draws.h"

namespace collab::sweep {

namespace {

// One batch of consecutive scenarios: the pipeline's token.
struct Batch {
  std::uint64_t first = 0;
  std::size_t count = 0;
  std::vector<std::int64_t> values;  // count x dimensions
  std::vector<std::int64_t> force;   // count x forces
  std::vector<std::int64_t> pair;    // count x pairs
  std::vector<std::uint8_t> ok;
  std::vector<std::string> why;
};

// Engines handed to the workers of the parallel stage: never more in use than threads.
class EnginePool {
 public:
  explicit EnginePool(std::vector<std::unique_ptr<Engine>>& engines) {
    for (auto& e : engines) free_.push_back(e.get());
  }
  Engine* take() {
    std::lock_guard lock(mutex_);
    if (free_.empty()) throw std::logic_error("sweep: more workers than engines");
    Engine* e = free_.back();
    free_.pop_back();
    return e;
  }
  void give(Engine* e) {
    std::lock_guard lock(mutex_);
    free_.push_back(e);
  }
  /// An engine for the scope of one batch, given back however the scope ends.
  class Lease {
   public:
    explicit Lease(EnginePool& pool) : pool_(pool), engine_(pool.take()) {}
    ~Lease() { pool_.give(engine_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Engine& engine() { return *engine_; }

   private:
    EnginePool& pool_;
    Engine* engine_;
  };

 private:
  std::mutex mutex_;
  std::vector<Engine*> free_;
};

// Lua wants deep C stacks (SANDBOX.md: up to 417 KiB for C-level recursion, so at least 1 MiB),
// but never more than the calling thread has: oneTBB judges every thread's stack by this size,
// and a caller whose own stack is smaller (8 MiB is the usual ulimit -s) is taken to be near its
// end and steals no work, leaving one worker doing everything while the caller spins.
std::size_t worker_stack_bytes() {
  constexpr rlim_t kWanted = 16u << 20, kLeast = 1u << 20;
  rlimit limit{};
  if (getrlimit(RLIMIT_STACK, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return kWanted;
  return static_cast<std::size_t>(std::clamp(limit.rlim_cur, kLeast, kWanted));
}

void evaluate_batch(const Context& context, std::uint64_t seed, Engine& engine, Batch& b) {
  const std::size_t dims = context.spec.dimensions.size();
  const std::size_t forces = context.data->forces.size();
  const std::size_t pairs = context.pairs.size();
  b.values.resize(b.count * dims);
  b.force.assign(b.count * forces, 0);
  b.pair.assign(b.count * pairs, 0);
  b.ok.assign(b.count, 0);
  b.why.assign(b.count, {});
  Totals totals;
  for (std::size_t i = 0; i < b.count; ++i) {
    std::span<std::int64_t> values(b.values.data() + i * dims, dims);
    draw_values(context.spec, seed, b.first + i, values);
    std::string why;
    if (engine.evaluate(values, totals, why) && totals.force.size() == forces && totals.pair.size() >= pairs) {
      b.ok[i] = 1;
      std::copy(totals.force.begin(), totals.force.end(), b.force.begin() + static_cast<std::ptrdiff_t>(i * forces));
      std::copy(totals.pair.begin(), totals.pair.begin() + static_cast<std::ptrdiff_t>(pairs),
                b.pair.begin() + static_cast<std::ptrdiff_t>(i * pairs));
    } else {
      b.why[i] = why.empty() ? "the engine gave no figures" : why;
    }
  }
}

void append_json_string(std::string& out, const std::string& text) {
  out += '"';
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

Stream::Stream(std::FILE* file, Format format, const Context& context) : file_(file), format_(format), context_(context) {
  if (format_ == Format::Csv) {
    buffer_ = "scenario,status";
    for (const auto& d : context_.spec.dimensions) buffer_ += "," + csv_field(d.name);
    for (const auto& f : context_.data->forces) buffer_ += "," + csv_field(f.id);
    buffer_ += ",reason\n";
    flush();
  }
}

Stream::~Stream() {
  flush();
  if (std::fclose(file_) != 0) failed_ = true;
}

void Stream::write(std::uint64_t index, const std::int64_t* values, const std::int64_t* totals, const std::string* why) {
  const auto& dims = context_.spec.dimensions;
  const auto& forces = context_.data->forces;
  if (format_ == Format::Csv) {
    buffer_ += fmt::format("{},{}", index, why ? "failed" : "ok");
    for (std::size_t d = 0; d < dims.size(); ++d) buffer_ += "," + value_text(dims[d], values[d]);
    for (std::size_t f = 0; f < forces.size(); ++f) {
      buffer_ += ',';
      if (!why) buffer_ += std::to_string(totals[f]);
    }
    buffer_ += "," + (why ? csv_field(*why) : std::string()) + "\n";
    return;
  }
  buffer_ += fmt::format("{{\"scenario\":{},\"status\":\"{}\",\"values\":{{", index, why ? "failed" : "ok");
  for (std::size_t d = 0; d < dims.size(); ++d) {
    if (d) buffer_ += ',';
    append_json_string(buffer_, dims[d].name);
    buffer_ += ':';
    append_json_string(buffer_, value_text(dims[d], values[d]));
  }
  buffer_ += '}';
  if (why) {
    buffer_ += ",\"reason\":";
    append_json_string(buffer_, *why);
  } else {
    buffer_ += ",\"totals\":{";
    for (std::size_t f = 0; f < forces.size(); ++f) {
      if (f) buffer_ += ',';
      append_json_string(buffer_, forces[f].id);
      buffer_ += ':' + std::to_string(totals[f]);
    }
    buffer_ += '}';
  }
  buffer_ += "}\n";
}

void Stream::flush() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
  buffer_.clear();
  if (std::fflush(file_) != 0) failed_ = true;
}

RunResult run_sweep(const Context& context, std::vector<std::unique_ptr<Engine>>& engines, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  RunResult result;
  const std::size_t forces = context.data->forces.size();
  const std::size_t pairs = context.pairs.size();
  const std::size_t dims = context.spec.dimensions.size();
  // Each force's windows let one pass give exact percentiles (stats.h); per unit and force, the
  // pairs are many, so their memory stays at one cap each and big sweeps take a second pass.
  std::vector<Summary> force_stats(forces, Summary(4096, 8192, true));
  std::vector<Summary> pair_stats(pairs, Summary(512, 1024));
  const int threads = std::max(1, static_cast<int>(engines.size()));
  // Batches small enough that every worker has several, large enough to cost nothing to hand out.
  const std::uint64_t per_batch = std::clamp<std::uint64_t>(options.runs / (static_cast<std::uint64_t>(threads) * 16), 1, 64);
  EnginePool pool(engines);
  tbb::global_control stack(tbb::global_control::thread_stack_size, worker_stack_bytes());
  tbb::task_arena arena(threads);
  auto stopped = [&] { return options.stop != nullptr && options.stop->load(); };

  for (int pass = 1;; ++pass) {
    std::uint64_t next = 0, done = 0;
    arena.execute([&] {
      tbb::parallel_pipeline(
          static_cast<std::size_t>(threads) * 4,
          tbb::make_filter<void, std::shared_ptr<Batch>>(
              tbb::filter_mode::serial_in_order,
              [&](tbb::flow_control& fc) -> std::shared_ptr<Batch> {
                if (next >= options.runs || stopped()) {
                  fc.stop();
                  return nullptr;
                }
                auto b = std::make_shared<Batch>();
                b->first = next;
                b->count = static_cast<std::size_t>(std::min(per_batch, options.runs - next));
                next += b->count;
                return b;
              }) &
              tbb::make_filter<std::shared_ptr<Batch>, std::shared_ptr<Batch>>(
                  tbb::filter_mode::parallel,
                  [&](std::shared_ptr<Batch> b) {
                    EnginePool::Lease lease(pool);
                    evaluate_batch(context, options.seed, lease.engine(), *b);
                    return b;
                  }) &
              tbb::make_filter<std::shared_ptr<Batch>, void>(
                  tbb::filter_mode::serial_in_order, [&](std::shared_ptr<Batch> b) {
                    for (std::size_t i = 0; i < b->count; ++i) {
                      const std::uint64_t index = b->first + i;
                      if (!b->ok[i]) {
                        if (pass == 1) {
                          ++result.failed;
                          if (result.failures.size() < options.max_failures_listed)
                            result.failures.push_back({index, std::vector<std::int64_t>(b->values.begin() + static_cast<std::ptrdiff_t>(i * dims),
                                                                                       b->values.begin() + static_cast<std::ptrdiff_t>((i + 1) * dims)),
                                                       b->why[i]});
                          if (options.stream) options.stream->write(index, &b->values[i * dims], nullptr, &b->why[i]);
                        }
                        continue;
                      }
                      for (std::size_t f = 0; f < forces; ++f) force_stats[f].add(b->force[i * forces + f]);
                      for (std::size_t p = 0; p < pairs; ++p) pair_stats[p].add(b->pair[i * pairs + p]);
                      if (pass == 1 && options.stream) options.stream->write(index, &b->values[i * dims], &b->force[i * forces], nullptr);
                    }
                    done += b->count;
                    if (pass == 1 && options.stream) options.stream->flush();
                    if (options.progress) options.progress(done, options.runs, pass);
                  }));
    });
    if (pass == 1) result.done = done;
    result.passes = pass;
    if (stopped() || done < options.runs) {
      result.interrupted = true;
      break;
    }
    bool all = true;
    for (auto& s : force_stats) all = s.end_pass() && all;
    for (auto& s : pair_stats) all = s.end_pass() && all;
    if (all) break;
  }
  if (!result.interrupted) {
    for (const auto& s : force_stats) result.force.push_back(s.figures());
    for (const auto& s : pair_stats) result.pair.push_back(s.figures());
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace collab::sweep
