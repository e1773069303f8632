#pragma once
// What the nightly run computes: data/run.json's years, scenarios, reports, formats, how many runs
// to keep and whether a run with failures is promoted; the command line's flags over it. The
// `limits` block is read by load/run_config (every command honours it).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "money/calendar.h"

namespace collab::run {

/// Every format a report is rendered in, in the order the run writes them.
inline const std::vector<std::string> kAllFormats{"md", "csv", "json", "html", "xlsx"};

struct RunConfig {
  std::vector<FinancialYear> years;    // empty: every year with budgets
  std::vector<std::string> scenarios;  // scenario ids; nullopt-like "all" when all_scenarios
  bool all_scenarios = true;
  std::vector<std::string> reports;    // report ids; every report when all_reports
  bool all_reports = true;
  std::vector<std::string> formats = kAllFormats;
  int keep = 10;                       // runs kept under runs/ (the one latest points at always is)
  bool promote_with_failures = false;  // promote a run whose reports failed, marked in its manifest
};

/// Reads `root`/data/run.json (optional: absent gives the defaults). Strict: an unknown key is an
/// error with the nearest known one suggested; a wrong type, an unknown format, a malformed year
/// or a count out of range is an error at its line:column, into `out`. A file that cannot be read
/// or parsed gives the defaults here: load::read_run_limits reports it.
RunConfig read_run_config(const std::filesystem::path& root, Diagnostics& out);
/// read_run_config on the text of a run.json (the fuzz target feeds it directly).
RunConfig parse_run_config(std::string text, Diagnostics& out);

/// The flags of `collab run` over a config; each list, when given, replaces the file's. Items may
/// be given comma-separated ("md,csv"); "all" selects every one. A bad item is an error in `out`
/// naming the flag.
struct RunFlags {
  std::vector<std::string> years, scenarios, reports, formats;
};
void apply_flags(const RunFlags& flags, RunConfig& config, Diagnostics& out);

}  // namespace collab::run
