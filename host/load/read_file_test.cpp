#include "load/read_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <variant>

#include "load/json_document.h"
#include "load/loader.h"
#include "load/run_config.h"
#include "test_support.h"

using namespace collab;
using collab::test::source_dir;
using collab::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string failure_of(const fs::path& file, std::size_t limit = load::kMaxDataFileBytes) {
  auto got = load::read_bounded(file, limit);
  if (auto* failure = std::get_if<load::ReadFailure>(&got)) return failure->message;
  return "read " + std::to_string(std::get<std::string>(got).size()) + " bytes";
}

std::string all_diagnostics(const Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items()) out += format_diagnostic(item) + "\n";
  return out;
}

// The minimal data set in `dir`, with data/`name` replaced by what `make` puts at its path.
template <class Make>
load::LoadOutcome load_with(const TempDir& dir, const std::string& name, Make make, const load::LoadOptions& options = {}) {
  fs::copy(source_dir() / "tests/data/minimal", dir.path(), fs::copy_options::recursive);
  fs::remove(dir.path() / "data" / name);
  make(dir.path() / "data" / name);
  return load::load_data_set(dir.path(), options);
}

// Exactly one error, and it contains `text`.
void check_one_error(const load::LoadOutcome& outcome, const std::string& text) {
  INFO(all_diagnostics(outcome.diagnostics));
  CHECK_FALSE(outcome.model);
  CHECK(outcome.diagnostics.errors() == 1);
  CHECK_THAT(all_diagnostics(outcome.diagnostics), Catch::Contains(text));
}

}  // namespace

TEST_CASE("read_bounded reads a regular file, and a symlink to one, up to the limit") {
  TempDir dir;
  std::ofstream(dir.path() / "a.json") << "0123456789";
  CHECK(failure_of(dir.path() / "a.json") == "read 10 bytes");
  CHECK(failure_of(dir.path() / "a.json", 10) == "read 10 bytes");
  CHECK(failure_of(dir.path() / "a.json", 9) == "the file is larger than the limit of 9 bytes");
  fs::create_symlink("a.json", dir.path() / "link.json");
  CHECK(failure_of(dir.path() / "link.json") == "read 10 bytes");
  std::ofstream(dir.path() / "empty.json").flush();
  CHECK(failure_of(dir.path() / "empty.json") == "read 0 bytes");
}

TEST_CASE("read_bounded refuses what is not a regular file, without throwing or blocking") {
  TempDir dir;
  const fs::path d = dir.path();
  REQUIRE(::mkfifo((d / "fifo").c_str(), 0600) == 0);  // no writer: reading would block for ever
  CHECK(failure_of(d / "fifo") == "not a regular file: it is a FIFO (named pipe)");
  fs::create_symlink("fifo", d / "to-fifo");
  CHECK(failure_of(d / "to-fifo") == "not a regular file: it is a FIFO (named pipe)");
  fs::create_symlink("loop-b", d / "loop-a");
  fs::create_symlink("loop-a", d / "loop-b");
  CHECK(failure_of(d / "loop-a") == "a symbolic link loop: the link never reaches a file");
  fs::create_symlink("self", d / "self");
  CHECK(failure_of(d / "self") == "a symbolic link loop: the link never reaches a file");
  fs::create_symlink("/dev/zero", d / "zero");  // endless: read whole, it fills memory
  CHECK(failure_of(d / "zero") == "not a regular file: it is a character device");
  CHECK(failure_of("/dev/null") == "not a regular file: it is a character device");
  fs::create_directory(d / "dir");
  CHECK(failure_of(d / "dir") == "not a regular file: it is a directory");
  fs::create_symlink("nothing-here", d / "dangling");
  CHECK(failure_of(d / "dangling") == "a symbolic link to nothing (a dangling link)");
  auto missing = load::read_bounded(d / "absent", 100);
  REQUIRE(std::holds_alternative<load::ReadFailure>(missing));
  CHECK(std::get<load::ReadFailure>(missing).missing);
  CHECK(std::get<load::ReadFailure>(missing).message == "missing file");
}

TEST_CASE("a 200 MB data file is refused by its size, not read (sparse: written instantly)") {
  TempDir dir;
  auto outcome = load_with(dir, "budgets.json", [](const fs::path& p) {
    std::ofstream(p) << "{\"budgets\": []}";
    fs::resize_file(p, std::uintmax_t{200} << 20);  // a hole: no disk, no time
  });
  check_one_error(outcome, "data/budgets.json: error: the file is larger than the limit of 16 MiB");
}

TEST_CASE("the size limit is a load option") {
  TempDir dir;
  load::LoadOptions options;
  options.limits.max_bytes = 1000;  // the other minimal files are smaller
  auto outcome = load_with(
      dir, "budgets.json",
      [](const fs::path& p) {
        fs::copy_file(source_dir() / "tests/data/minimal/data/budgets.json", p);
        std::ofstream(p, std::ios::app) << std::string(1001 - 170, ' ');  // one byte over
      },
      options);
  check_one_error(outcome, "data/budgets.json: error: the file is larger than the limit of 1000 bytes");
}

TEST_CASE("a data file that is a FIFO, a device, a directory or a symlink loop is an error naming the file") {
  TempDir dir;
  SECTION("a FIFO as an optional file") {
    check_one_error(load_with(dir, "budgets.json", [](const fs::path& p) { REQUIRE(::mkfifo(p.c_str(), 0600) == 0); }),
                    "data/budgets.json: error: not a regular file: it is a FIFO (named pipe)");
  }
  SECTION("/dev/zero as data/budgets.json") {
    check_one_error(load_with(dir, "budgets.json", [](const fs::path& p) { fs::create_symlink("/dev/zero", p); }),
                    "data/budgets.json: error: not a regular file: it is a character device");
  }
  SECTION("a directory as a required file") {
    check_one_error(load_with(dir, "forces.json", [](const fs::path& p) { fs::create_directory(p); }),
                    "data/forces.json: error: not a regular file: it is a directory");
  }
  SECTION("a symlink loop as a required file") {
    check_one_error(load_with(dir, "forces.json", [](const fs::path& p) { fs::create_symlink(p.filename(), p); }),
                    "data/forces.json: error: a symbolic link loop");
  }
  SECTION("a two-link loop as an optional file") {
    check_one_error(load_with(dir, "budgets.json",
                              [](const fs::path& p) {
                                fs::create_symlink("other.json", p);
                                fs::create_symlink("budgets.json", p.parent_path() / "other.json");
                              }),
                    "data/budgets.json: error: a symbolic link loop");
  }
  SECTION("a dangling link is not taken for an absent optional file") {
    check_one_error(load_with(dir, "budgets.json", [](const fs::path& p) { fs::create_symlink("gone.json", p); }),
                    "data/budgets.json: error: a symbolic link to nothing");
  }
  SECTION("a symlink to a regular file loads") {
    auto outcome = load_with(dir, "budgets.json", [](const fs::path& p) {
      fs::create_symlink(source_dir() / "tests/data/minimal/data/budgets.json", p);
    });
    INFO(all_diagnostics(outcome.diagnostics));
    CHECK(outcome.model);
  }
}

TEST_CASE("data/run.json that is a FIFO or a symlink loop is an error, not a hang or an exception") {
  TempDir dir;
  fs::create_directories(dir.path() / "data");
  const fs::path run = dir.path() / "data/run.json";
  SECTION("FIFO") { REQUIRE(::mkfifo(run.c_str(), 0600) == 0); }
  SECTION("loop") { fs::create_symlink("run.json", run); }
  Diagnostics out;
  load::read_run_limits(dir.path(), out);
  INFO(all_diagnostics(out));
  CHECK(out.errors() == 1);
  CHECK_THAT(all_diagnostics(out), Catch::StartsWith("data/run.json: error: "));
}

TEST_CASE("100,000 nested arrays are an error at the first bracket too deep, not a stack overflow") {
  Diagnostics out;
  std::string text = "{\"a\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto doc = load::JsonDocument::parse("t.json", text, out);
  CHECK_FALSE(doc);
  REQUIRE(out.errors() == 1);
  CHECK_THAT(format_diagnostic(out.items()[0]), Catch::StartsWith("t.json:1:262: error: arrays and objects nested more than 256 deep"));
  // Brackets inside strings do not count; the limit is settable.
  Diagnostics fine;
  CHECK(load::JsonDocument::parse("t.json", "[[\"[[[[[[\"]]", fine, {load::kMaxDataFileBytes, 2}));
  CHECK(fine.empty());
  Diagnostics deep;
  CHECK_FALSE(load::JsonDocument::parse("t.json", "[[[1]]]", deep, {load::kMaxDataFileBytes, 2}));
  CHECK_THAT(format_diagnostic(deep.items().at(0)), Catch::StartsWith("t.json:1:3: error: arrays and objects nested more than 2 deep"));
}

TEST_CASE("256 levels are accepted") {
  Diagnostics out;
  std::string text = std::string(256, '[') + std::string(256, ']');
  CHECK(load::JsonDocument::parse("t.json", text, out));
  CHECK(out.empty());
}
