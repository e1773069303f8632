#pragma once
// A sweep specification (data/sweeps/*.json, docs/sweep.md): the year whose bills are swept, a
// baseline scenario, steps of rules applied on top, and what varies: grants, budgets or a step's
// parameters, each over an exact range. Read strictly: every fault an error at its line:column.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "model/model.h"
#include "scenario/scenario.h"

namespace collab::sweep {

enum class Method { MonteCarlo, Grid };

/// What a dimension moves: central grants (of the year the formulae weigh: the one before the
/// sweep's year), a unit's budget lines of the sweep's year, or a parameter of one of the spec's
/// steps.
enum class Target { Grant, Budget, StepParam };

/// One drawn number. Values are exact: whole counts of 0.0001 (a Percent's units, so 1% is
/// 10000 and the number 2.5 is 25000), every one a multiple of the spec's resolution.
struct Dimension {
  Target target = Target::Grant;
  std::string name;                 // "grant:derbyshire", "grants:all", "budget:emsou-soc", "step1:cap"
  std::vector<std::size_t> forces;  // Grant: indices into Model::forces moved by this one value
  std::vector<UnitId> units;        // Budget: the units moved by this one value
  std::size_t step = 0;             // StepParam: index into Spec::steps
  std::vector<std::string> path;    // StepParam: "cap", or {"formula_params", "mix", "grant"}
  bool percent = true;              // the value is a percentage ("2.5%"), else a plain number (2.5)
  std::int64_t lo = 0;              // in 0.0001 units, lo <= hi
  std::int64_t hi = 0;
  SourceLocation where;
};

struct Spec {
  std::string file;  // as diagnostics name it
  std::string title;
  FinancialYear year = FinancialYear::starting(2000);
  std::string baseline = scenario::kDataBaseline;  // "data" or a scenario's id
  SourceLocation baseline_where;
  std::vector<scenario::Step> steps;  // applied after the baseline's, with drawn parameters
  Method method = Method::MonteCarlo;
  std::int64_t resolution = 100;  // 0.0001 units per step of a drawn value (100: 0.01 percentage point)
  int grid_points = 0;            // Grid: values per dimension, both ends included
  std::uint64_t runs = 1000;      // Monte Carlo: scenarios, unless --runs says otherwise
  std::uint64_t seed = 1;         // unless --seed says otherwise
  std::vector<Dimension> dimensions;
  SourceLocation where;

  /// A grid's scenario count (the product of its points), or nullopt beyond 10^9.
  std::optional<std::uint64_t> grid_size() const;
};

/// Reads a spec from `text` (`display` names it in diagnostics) against `model` (forces, units,
/// years). Nothing, with errors added, when anything is wrong. Steps' rules and parameters are
/// checked later by the rule library (check_steps in engine.h).
std::optional<Spec> parse_spec(const std::string& display, std::string text, const Model& model, Diagnostics& diagnostics);
/// Reads the file `path` (shown as `display`) and parses it.
std::optional<Spec> read_spec(const std::filesystem::path& path, const std::string& display, const Model& model,
                              Diagnostics& diagnostics);

/// A value as text: "-2.35%" or "2.5" (exact, trailing zeros dropped).
std::string value_text(const Dimension& dimension, std::int64_t value);

}  // namespace collab::sweep
