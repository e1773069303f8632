// collab generate national: a synthetic national data set (host/generate) written to a new
// folder, with a copy of this tree's scripts so that every command runs on it as it stands:
// collab --root DIR check, contributions, report..., for scale tests and benchmarks.

#include <fmt/format.h>

#include <filesystem>
#include <limits>

#include "cli/atomic_file.h"
#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "core/text.h"
#include "generate/national.h"
#include "load/loader.h"

namespace collab::cli {
namespace {

namespace fs = std::filesystem;

class GenerateCommand final : public Command {
 public:
  const char* name() const override { return "generate"; }
  const char* summary() const override { return "write a synthetic data set (national: 43 forces, hundreds of units)"; }
  void configure(CLI::App& app) override {
    app.add_option("kind", kind_, "what to generate: national")->required()->check(CLI::IsMember({"national"}));
    app.add_option("--seed", options_.seed, "the generator's seed: the same seed, the same files (default 1)");
    app.add_option("--units", options_.units, "how many collaborations (default 300)")->check(CLI::Range(1, 10000));
    app.add_option("-o,--out", out_, "a new or empty folder for data/ and a copy of scripts/")->required();
    app.footer("Exit codes: 0 written; 2 the folder is not empty or cannot be written, nothing written there.\n"
               "Example: collab generate national --seed 7 --out /tmp/national && collab --root /tmp/national contributions");
  }
  int run(const GlobalOptions& global) override {
    std::error_code ec;
    if (fs::exists(out_, ec) && (!fs::is_directory(out_, ec) || !fs::is_empty(out_, ec))) {
      fmt::print(stderr, "collab generate: {} exists and is not an empty folder: nothing written\n", visible_text(out_.string()));
      return kBadInput;
    }
    fs::create_directories(out_ / "data", ec);
    if (ec) {
      fmt::print(stderr, "collab generate: cannot create {}: {}\n", visible_text((out_ / "data").string()), ec.message());
      return kBadInput;
    }
    for (const generate::GeneratedFile& file : generate::generate_national(options_))
      if (auto error = write_file_atomically(out_ / file.path, file.text)) {
        fmt::print(stderr, "collab generate: {}\n", *error);
        return kBadInput;
      }
    fs::copy(global.root / "scripts", out_ / "scripts", fs::copy_options::recursive, ec);
    if (ec) {
      fmt::print(stderr, "collab generate: cannot copy {}/scripts: {}\n", visible_text(global.root.string()), ec.message());
      return kBadInput;
    }
    // What was written must load: a generator that writes what the loader refuses is a bug.
    auto outcome = load::load_data_set(out_);
    if (!outcome.model || outcome.diagnostics.errors() > 0) {
      print_diagnostics(outcome.diagnostics, Severity::Error, stderr);
      fmt::print(stderr, "collab generate: internal error: the generated data set does not load\n");
      return kInternal;
    }
    fmt::print("wrote {}: {} forces, {} units with budgets for {} (seed {}, {})\n", out_.string(),
               outcome.model->forces.size(), outcome.model->collaborations.size(), options_.year.str(), options_.seed,
               generate::kGeneratorName);
    fmt::print("try: collab --root {} contributions\n", out_.string());
    return kOk;
  }

 private:
  std::string kind_;
  generate::NationalOptions options_;
  fs::path out_;
};

}  // namespace

std::unique_ptr<Command> make_generate_command() { return std::make_unique<GenerateCommand>(); }

}  // namespace collab::cli
