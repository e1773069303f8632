// collab sweep --spec FILE: many scenarios of one spec (grants, budgets or a step's parameters
// drawn or on a grid), on every core, and each force's spread of totals as a report document.

#include <fmt/format.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <thread>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "cli/document_output.h"
#include "cli/sweep_setup.h"
#include "report/complete.h"
#include "sweep/run.h"
#include "sweep/sweep_document.h"

namespace collab::cli {
namespace {

constexpr const char* kName = "sweep";

class SweepCommand final : public Command {
 public:
  const char* name() const override { return kName; }
  const char* summary() const override { return "each force's bill over many scenarios (a spec of what varies), on every core"; }
  void configure(CLI::App& app) override {
    app.add_option("--spec", spec_, "the sweep's spec (JSON, e.g. data/sweeps/grants-10.json; docs/sweep.md)")->required();
    app.add_option("-n,--runs", runs_, "Monte Carlo: the number of scenarios (default: the spec's runs)");
    app.add_option("--seed", seed_, "the seed of the draws (default: the spec's seed, or 1)");
    app.add_option("-j,--threads", threads_, "worker threads, each with its own Lua states (default: every core)")
        ->check(CLI::Range(1, 256));
    app.add_option("-f,--format", output_.format, "md (default), csv, json, html or xlsx")
        ->check(CLI::IsMember({"md", "csv", "json", "html", "xlsx"}));
    app.add_option("-o,--out", output_.out, "the file to write (whole or not at all); for CSV of several tables, a folder");
    app.add_option("--table", output_.table, "CSV: only the table with this id (forces, units, varies, failures)");
    app.add_option("--stream", stream_, "also write every scenario's values and per-force totals, as they complete");
    app.add_option("--stream-format", stream_format_, "csv (default) or jsonl")->check(CLI::IsMember({"csv", "jsonl"}));
    app.add_flag("--per-unit", per_unit_, "also each unit's part by force (table units)");
    app.add_option("--engine", engine_, "auto (default: the compiled plan when only grants and budgets move, else the "
                                        "general engine), plan or general; the figures are the same")
        ->check(CLI::IsMember({"auto", "plan", "general"}));
    app.footer(
        "Percentiles are nearest rank (numpy's method=\"inverted_cdf\"), exact to the penny; the mean is rounded to the\n"
        "penny, halves away from zero. Scenario i's values come from (seed, i) alone (SplitMix64), so any --threads\n"
        "gives the same bytes. Ctrl-C stops after the scenarios in flight, writes nothing to --out, and says how far it got.\n"
        "Exit codes: 0 written; 1 written but some scenarios failed (listed in table failures), or interrupted (nothing\n"
        "written); 2 bad input (the spec, an option), nothing written; 3 internal fault.\n"
        "Examples: collab sweep --spec data/sweeps/grants-10.json\n"
        "          collab sweep --spec data/sweeps/grants-10.json --runs 100000 --format csv --table forces --out f.csv\n"
        "          collab sweep --spec data/sweeps/cap-seek.json --per-unit --stream runs.jsonl --stream-format jsonl");
  }
  int run(const GlobalOptions& global) override;

 private:
  std::string spec_, stream_, stream_format_ = "csv", engine_ = "auto";
  std::optional<std::uint64_t> runs_, seed_;
  std::optional<int> threads_;
  bool per_unit_ = false;
  OutputRequest output_{"md", "", "", true, "collab sweep"};
};

std::atomic<bool> g_stop{false};
extern "C" void on_sweep_stop_signal(int) { g_stop.store(true); }

// SIGINT and SIGTERM set the stop flag; a second one ends the process as usual.
void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_sweep_stop_signal;
  action.sa_flags = SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int SweepCommand::run(const GlobalOptions& global) {
  if (output_refused(output_)) return kBadInput;
  SweepInputs inputs;
  if (const int exit = open_sweep(global, spec_, per_unit_, kName, inputs); exit != kOk) return exit;
  sweep::Context& context = *inputs.context;
  const sweep::Spec& spec = context.spec;
  std::uint64_t runs = spec.runs;
  if (spec.method == sweep::Method::Grid) {
    if (runs_) {
      fmt::print(stderr, "collab sweep: --runs is for Monte Carlo; the grid of {} has {} points\n", spec_, *spec.grid_size());
      return kBadInput;
    }
    runs = *spec.grid_size();
  } else if (runs_) {
    if (*runs_ < 1) {
      fmt::print(stderr, "collab sweep: --runs must be at least 1\n");
      return kBadInput;
    }
    runs = *runs_;
  }
  const std::uint64_t seed = seed_.value_or(spec.seed);
  const int threads = threads_.value_or(std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
  std::vector<std::unique_ptr<sweep::Engine>> engines;
  if (const int exit = make_engines(inputs, engine_, threads, kName, engines); exit != kOk) return exit;

  std::unique_ptr<sweep::Stream> stream;
  if (!stream_.empty()) {
    std::FILE* file = std::fopen(stream_.c_str(), "w");
    if (file == nullptr) {
      fmt::print(stderr, "collab sweep: cannot write the stream {}: {}\n", stream_, std::strerror(errno));
      return kBadInput;
    }
    stream = std::make_unique<sweep::Stream>(file, stream_format_ == "jsonl" ? sweep::Stream::Format::Jsonl
                                                                             : sweep::Stream::Format::Csv, context);
  }
  install_stop_handlers();
  Progress progress(isatty(STDERR_FILENO) == 1);
  sweep::RunOptions options;
  options.runs = runs;
  options.seed = seed;
  options.threads = threads;
  options.stop = &g_stop;
  options.stream = stream.get();
  options.progress = [&](std::uint64_t done, std::uint64_t total, int pass) { progress.show(done, total, pass); };
  const sweep::RunResult result = sweep::run_sweep(context, engines, options);
  progress.end();
  if (stream) {
    stream->flush();
    const bool failed = stream->failed();
    stream.reset();
    if (failed) {
      fmt::print(stderr, "collab sweep: writing the stream {} failed (a full disc?)\n", stream_);
      return kFailed;
    }
  }
  if (result.interrupted) {
    fmt::print(stderr, "collab sweep: interrupted: {} of {} scenarios done{} ({} failed); nothing written{}{}\n",
               result.passes == 1 ? result.done : runs, runs,
               result.passes == 1 ? "" : fmt::format(", stopped in pass {} of the exact percentiles", result.passes),
               result.failed, output_.out.empty() ? "" : " to " + output_.out,
               stream_.empty() ? "" : fmt::format("; {} holds the scenarios done", stream_));
    return kFailed;
  }
  report::Document doc = sweep::sweep_document(context, result, {spec_, runs, seed});
  if (auto problems = report::complete_document(doc); !problems.empty()) {
    for (const auto& p : problems) fmt::print(stderr, "collab sweep: internal: {}\n", p);
    return kInternal;
  }
  const int written = write_document(doc, output_);
  fmt::print(stderr, "collab sweep: {} scenarios in {:.1f} s ({:.0f} a second, {} thread{}, {} engine, {} pass{}); {} failed\n",
             runs, result.seconds, static_cast<double>(runs * static_cast<std::uint64_t>(result.passes)) / std::max(result.seconds, 1e-9),
             threads, threads == 1 ? "" : "s", inputs.engine_name, result.passes, result.passes == 1 ? "" : "es", result.failed);
  if (written != kOk) return written;
  return result.failed > 0 ? kFailed : kOk;
}

}  // namespace

std::unique_ptr<Command> make_sweep_command() { return std::make_unique<SweepCommand>(); }

}  // namespace collab::cli
