// collab verify DIR: re-hashes a run's outputs against its manifest.json. DIR is a run folder
// (DIR/latest, DIR/runs/<stamp>) or an output folder, whose latest run is verified.

#include <fmt/format.h>

#include "cli/command.h"
#include "run/manifest.h"

namespace collab::cli {
namespace {

class VerifyCommand final : public Command {
 public:
  const char* name() const override { return "verify"; }
  const char* summary() const override { return "re-hash a run's outputs against its manifest.json"; }
  void configure(CLI::App& app) override {
    app.add_option("run", folder_, "a run folder (out/latest, out/runs/<stamp>) or an output folder (its latest run)")->required();
    app.footer("Exit codes: 0 every output matches the manifest; 1 some differ, are missing or are not in it (named); "
               "2 no run there (no manifest.json).");
  }
  int run(const GlobalOptions&) override {
    std::filesystem::path folder = folder_;
    std::error_code ec;
    if (!std::filesystem::exists(folder / "manifest.json", ec) && std::filesystem::exists(folder / "latest", ec))
      folder /= "latest";
    const collab::run::Verification v = collab::run::verify_run(folder);
    if (!v.error.empty()) {
      fmt::print(stderr, "collab verify: {}\n", v.error);
      return kBadInput;
    }
    for (const auto& d : v.differing) fmt::print("{}\n", d);
    if (!v.differing.empty()) {
      fmt::print(stderr, "collab verify: {}: {} of {} outputs do not match the manifest\n", folder.string(), v.differing.size(), v.checked);
      return kFailed;
    }
    fmt::print("collab verify: {}: all {} outputs match the manifest\n", folder.string(), v.checked);
    return kOk;
  }

 private:
  std::string folder_;
};

}  // namespace

std::unique_ptr<Command> make_verify_command() { return std::make_unique<VerifyCommand>(); }

}  // namespace collab::cli
