#pragma once
// Pinned figures: data/expectations/*.json hold the figures the region has agreed (a force's
// contribution to a unit, a force's total, a line's budget, in the data or in a scenario), each
// exact or within a stated tolerance in pence. `collab test` and every run check them; a figure
// that moved beyond its tolerance names the expectation's file:line, what it was pinned at and what
// it is now.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "model/model.h"
#include "run/figures.h"

namespace collab::run {

struct Expectation {
  SourceLocation where;      // the expectation's object in its file
  std::string key;           // figure_key(...)
  std::string what;          // "2016/17 emsou-soc: notts cash", for messages before the figure's own label
  std::string scenario = kData;
  FinancialYear year = FinancialYear::starting(2000);
  std::int64_t pence = 0;    // pinned at
  std::int64_t tolerance = 0;  // in pence, either way
  std::string note;          // why it is pinned (a document and table)
};

/// Reads every data/expectations/*.json under `root`, in name order (the folder is optional). Each
/// file is {"expectations": [{"figure": "contribution", "year": "2016/17", "unit": "emsou-soc",
/// "force": "notts", "amount": "£2,641,009"}, ...]}; see docs/nightly.md. Unknown keys, forces,
/// units and scenarios are errors at their line:column with the nearest name suggested.
std::vector<Expectation> load_expectations(const std::filesystem::path& root, const Model& model,
                                           const std::vector<std::string>& scenarios, Diagnostics& out);

/// One expectations file's text, named `name` in messages, read into `into` (load_expectations
/// reads each file with it; the fuzz target feeds it directly).
void parse_expectations(const std::string& name, std::string text, const Model& model,
                        const std::vector<std::string>& scenarios, Diagnostics& out, std::vector<Expectation>& into);

/// The (scenario, year) pairs the expectations need computed.
std::set<std::pair<std::string, FinancialYear>> needed(const std::vector<Expectation>& expectations);

struct ExpectationFailure {
  const Expectation* expectation;
  std::optional<std::int64_t> now;  // nullopt: the figure was not computed (its row failed)
  std::string label;
};

/// Every expectation that `figures` does not meet.
std::vector<ExpectationFailure> check_expectations(const std::vector<Expectation>& expectations, const Figures& figures);

/// "data/expectations/2016-17.json:5:5: 2016/17 EMSOU SOC: Notts cash is £2,641,010, pinned at
/// £2,641,009 (exactly): moved +£1"
std::string failure_text(const ExpectationFailure& failure);

}  // namespace collab::run
