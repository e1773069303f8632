// collab seek --spec FILE --max-rise PCT | --force F --at-most/--at-least AMOUNT: the value of the
// spec's one varying parameter that meets a target, by bisection, with the figures at it.

#include <fmt/format.h>

#include "calc/checked.h"
#include "cli/command.h"
#include "cli/document_output.h"
#include "cli/sweep_setup.h"
#include "report/complete.h"
#include "report/document_build.h"
#include "sweep/draws.h"

namespace collab::cli {
namespace {

constexpr const char* kName = "seek";

using report::Cell;
using report::Column;
using report::ColumnType;

using report::build::cell;

// Figures at two values of the parameter: never summed down the table.
Column column(std::string key, std::string title, ColumnType type, int decimals = -1) {
  return report::build::unsummed(report::build::column(std::move(key), std::move(title), type, "", decimals));
}

class SeekCommand final : public Command {
 public:
  const char* name() const override { return kName; }
  const char* summary() const override { return "the value of one parameter that meets a target, by bisection"; }
  void configure(CLI::App& app) override {
    app.add_option("--spec", spec_, "a sweep spec with exactly one varying value: its range is searched (docs/sweep.md)")
        ->required();
    app.add_option("--max-rise", max_rise_, "target: no force's total rises more than this against the baseline, e.g. 3%");
    app.add_option("--force", force_, "target: this force's total (with --at-most or --at-least)");
    app.add_option("--at-most", at_most_, "target: the force pays at most this, e.g. £1,200,000");
    app.add_option("--at-least", at_least_, "target: the force pays at least this");
    app.add_option("-f,--format", output_.format, "md (default), csv, json, html or xlsx")
        ->check(CLI::IsMember({"md", "csv", "json", "html", "xlsx"}));
    app.add_option("-o,--out", output_.out, "the file to write (whole or not at all)");
    app.add_option("--table", output_.table, "CSV: only the table with this id (forces)");
    app.add_option("--engine", engine_, "auto (default: the compiled plan when only a grant or budget moves), plan or general")
        ->check(CLI::IsMember({"auto", "plan", "general"}));
    app.footer(
        "The target must hold at one end of the range and not at the other (it says so when it does not); bisection\n"
        "then finds the two neighbouring values (at the spec's resolution) where it stops holding, and reports the one\n"
        "that meets it, every force's figures there against the baseline, and the evaluations it took.\n"
        "Exit codes: 0 found; 1 the range does not bracket the target, or a scenario failed; 2 bad input.\n"
        "Examples: collab seek --spec data/sweeps/cap-seek.json --max-rise 3%\n"
        "          collab seek --spec data/sweeps/derbys-grant.json --force derbyshire --at-most 6500000");
  }
  int run(const GlobalOptions& global) override;

 private:
  std::string spec_, max_rise_, force_, at_most_, at_least_, engine_ = "auto";
  OutputRequest output_{"md", "", "", true, "collab seek"};
};

// What the target asks of one scenario's totals.
struct Target {
  std::optional<Percent> max_rise;
  std::size_t force = 0;
  std::optional<Money> at_most, at_least;
  std::string text;

  bool met(const std::vector<std::int64_t>& totals, const std::vector<std::int64_t>& baseline) const {
    if (max_rise) {
      const Int128 whole = 100 * Percent::kUnitsPerPercent;
      for (std::size_t f = 0; f < totals.size(); ++f)
        if (static_cast<Int128>(totals[f]) * whole > static_cast<Int128>(baseline[f]) * (whole + max_rise->units())) return false;
      return true;
    }
    if (at_most && totals[force] > at_most->pence()) return false;
    if (at_least && totals[force] < at_least->pence()) return false;
    return true;
  }
};

int SeekCommand::run(const GlobalOptions& global) {
  if (output_refused(output_)) return kBadInput;
  const int targets = int(!max_rise_.empty()) + int(!force_.empty());
  if (targets != 1 || (!force_.empty() && at_most_.empty() == at_least_.empty()) ||
      (force_.empty() && (!at_most_.empty() || !at_least_.empty()))) {
    fmt::print(stderr, "collab seek: give one target: --max-rise PCT, or --force F with --at-most or --at-least AMOUNT\n");
    return kBadInput;
  }
  SweepInputs inputs;
  if (const int exit = open_sweep(global, spec_, false, kName, inputs); exit != kOk) return exit;
  const sweep::Context& context = *inputs.context;
  const sweep::Spec& spec = context.spec;
  if (spec.dimensions.size() != 1) {
    fmt::print(stderr, "collab seek: the spec {} varies {} values; seek needs exactly one (\"each\": false moves a list together)\n",
               spec_, spec.dimensions.size());
    return kBadInput;
  }
  const sweep::Dimension& dim = spec.dimensions.front();
  const auto& forces = context.data->forces;
  Target target;
  if (!max_rise_.empty()) {
    auto p = parse_percent(max_rise_);
    if (!p) {
      fmt::print(stderr, "collab seek: --max-rise: {}\n", p.error());
      return kBadInput;
    }
    target.max_rise = p.value();
    target.text = fmt::format("no force's total rises more than {} against the baseline", sweep::value_text(sweep::Dimension{}, p.value().units()));
  } else {
    target.force = forces.size();
    for (std::size_t f = 0; f < forces.size(); ++f)
      if (forces[f].id == force_) target.force = f;
    if (target.force == forces.size()) {
      fmt::print(stderr, "collab seek: --force: unknown force '{}'\n", force_);
      return kBadInput;
    }
    auto m = parse_money(at_most_.empty() ? at_least_ : at_most_);
    if (!m) {
      fmt::print(stderr, "collab seek: {}: {}\n", at_most_.empty() ? "--at-least" : "--at-most", m.error());
      return kBadInput;
    }
    (at_most_.empty() ? target.at_least : target.at_most) = m.value();
    target.text = fmt::format("{} pays {} {}", force_, at_most_.empty() ? "at least" : "at most", format_money(m.value()));
  }
  std::vector<std::unique_ptr<sweep::Engine>> engines;
  if (const int exit = make_engines(inputs, engine_, 1, kName, engines); exit != kOk) return exit;
  sweep::Engine& engine = *engines.front();

  int evaluations = 0;
  std::map<std::int64_t, std::vector<std::int64_t>> seen;
  auto totals_at = [&](std::int64_t k) -> const std::vector<std::int64_t>* {
    auto found = seen.find(k);
    if (found != seen.end()) return &found->second;
    const std::int64_t value = dim.lo + k * spec.resolution;
    sweep::Totals totals;
    std::string why;
    ++evaluations;
    if (!engine.evaluate(std::span<const std::int64_t>(&value, 1), totals, why)) {
      fmt::print(stderr, "collab seek: at {} = {} the scenario failed: {}\n", dim.name, sweep::value_text(dim, value), why);
      return nullptr;
    }
    return &seen.emplace(k, std::move(totals.force)).first->second;
  };
  auto value_of = [&](std::int64_t k) { return sweep::value_text(dim, dim.lo + k * spec.resolution); };
  const std::int64_t last = (dim.hi - dim.lo) / spec.resolution;
  const auto* at_lo = totals_at(0);
  const auto* at_hi = at_lo ? totals_at(last) : nullptr;
  if (!at_lo || !at_hi) return kFailed;
  const bool lo_met = target.met(*at_lo, context.baseline.force);
  const bool hi_met = target.met(*at_hi, context.baseline.force);
  if (lo_met == hi_met) {
    fmt::print(stderr, "collab seek: the range does not bracket the target ({}): it is {} at both ends, {} = {} and {}; "
               "nothing written\n", target.text, lo_met ? "met" : "not met", dim.name, value_of(0), value_of(last));
    return kFailed;
  }
  // Invariant: the target is met at `good` and not at `bad`.
  std::int64_t good = lo_met ? 0 : last, bad = lo_met ? last : 0;
  while (good - bad > 1 || bad - good > 1) {
    const std::int64_t mid = good + (bad - good) / 2;
    const auto* t = totals_at(mid);
    if (!t) return kFailed;
    (target.met(*t, context.baseline.force) ? good : bad) = mid;
  }
  const auto& at_good = seen.at(good);
  const auto& at_bad = seen.at(bad);

  report::Document doc;
  doc.id = "seek";
  doc.title = spec.title.empty() ? fmt::format("Seek {}", spec_) : spec.title;
  doc.subtitle = fmt::format("{}: {}", spec.year.str(), target.text);
  doc.params = {{"spec", spec_}, {"year", spec.year.str()}, {"baseline", spec.baseline}, {"target", target.text},
                {"parameter", dim.name}, {"value", value_of(good)}};
  report::Span s;
  s.text = fmt::format("{} = {} meets the target ({}); one step further, {}, does not. Bisection over {} values from {} "
                       "to {} at a resolution of {}: {} evaluations.",
                       dim.name, value_of(good), target.text, value_of(bad), last + 1, value_of(0), value_of(last),
                       sweep::value_text(sweep::Dimension{}, spec.resolution), evaluations);
  doc.blocks.push_back(report::Paragraph{{s}});
  report::Table t;
  t.id = "forces";
  t.title = fmt::format("Each force's total, {}, at {} = {}", spec.year.str(), dim.name, value_of(good));
  t.columns = {column("force", "Force", ColumnType::Text), column("baseline", "Baseline", ColumnType::Money),
               column("at_value", fmt::format("At {}", value_of(good)), ColumnType::Money),
               column("change", "Change", ColumnType::Percent, 2),
               column("next", fmt::format("At {}", value_of(bad)), ColumnType::Money),
               column("next_change", "Change", ColumnType::Percent, 2)};
  auto change = [](std::int64_t now, std::int64_t base) {
    return base == 0 ? Cell{} : cell(percent_of(Money::from_pence(now - base), Money::from_pence(base)));
  };
  for (std::size_t f = 0; f < forces.size(); ++f) {
    const std::int64_t base = context.baseline.force[f];
    report::Row row;
    row.cells = {cell(forces[f].id), cell(Money::from_pence(base)), cell(Money::from_pence(at_good[f])), change(at_good[f], base),
                 cell(Money::from_pence(at_bad[f])), change(at_bad[f], base)};
    t.rows.push_back(std::move(row));
  }
  doc.blocks.push_back(std::move(t));
  if (auto problems = report::complete_document(doc); !problems.empty()) {
    for (const auto& p : problems) fmt::print(stderr, "collab seek: internal: {}\n", p);
    return kInternal;
  }
  fmt::print(stderr, "collab seek: {} = {} ({} evaluations, {} engine)\n", dim.name, value_of(good), evaluations, inputs.engine_name);
  return write_document(doc, output_);
}

}  // namespace

std::unique_ptr<Command> make_seek_command() { return std::make_unique<SeekCommand>(); }

}  // namespace collab::cli
