#pragma once
// A synthetic national data set for scale tests and benchmarks: the 43 territorial forces of
// England and Wales with plausible populations, central grants and net revenue expenditure, and
// several hundred collaborations of 2 to 43 forces with budgets and formula choices. The same
// seed gives the same files, byte for byte, on any machine: the generator is SplitMix64 with
// its own integer draws (the standard library's distributions differ between implementations).

#include <cstdint>
#include <string>
#include <vector>

#include "money/calendar.h"

namespace collab::generate {

struct NationalOptions {
  std::uint64_t seed = 1;
  int units = 300;                                   // collaborations, each with a budget
  FinancialYear year = FinancialYear::starting(2016);  // the budget year; grants and the rest are the year before
};

/// One file of the data set: its path under the root ("data/forces.json") and its text.
struct GeneratedFile {
  std::string path;
  std::string text;
};

/// The data files (sources, forces, collaborations, budgets) of the synthetic set.
std::vector<GeneratedFile> generate_national(const NationalOptions& options);

/// The generator's name, as the data set's source document and the command's output say it.
inline constexpr const char* kGeneratorName = "SplitMix64";

}  // namespace collab::generate
