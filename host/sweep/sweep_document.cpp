#include "sweep/sweep_document.h"

#include <fmt/format.h>

#include "report/document_build.h"
#include "sweep/draws.h"

namespace collab::sweep {

namespace {

using report::Cell;
using report::Column;
using report::ColumnType;
using report::Row;
using report::Table;

using report::build::cell;

// Figures of scenarios drawn: never summed down the table.
Column column(std::string key, std::string title, ColumnType type) {
  return report::build::unsummed(report::build::column(std::move(key), std::move(title), type));
}

report::Paragraph paragraph(std::string text) { return report::Paragraph{report::build::text(std::move(text))}; }

void spread_columns(Table& t) {
  t.columns.push_back(column("baseline", "Baseline", ColumnType::Money));
  t.columns.push_back(column("min", "Min", ColumnType::Money));
  t.columns.push_back(column("p5", "5th pct", ColumnType::Money));
  t.columns.push_back(column("median", "Median", ColumnType::Money));
  t.columns.push_back(column("p95", "95th pct", ColumnType::Money));
  t.columns.push_back(column("max", "Max", ColumnType::Money));
  t.columns.push_back(column("mean", "Mean", ColumnType::Money));
}

void spread_cells(Row& row, std::int64_t baseline, const Figures& f) {
  for (std::int64_t v : {baseline, f.min, f.p5, f.p50, f.p95, f.max, f.mean}) row.cells.push_back(cell(Money::from_pence(v)));
}

std::string method_text(const Spec& spec) {
  if (spec.method == Method::Grid) return fmt::format("grid, {} points per range", spec.grid_points);
  Dimension percent;
  return fmt::format("Monte Carlo, uniform draws at a resolution of {}", value_text(percent, spec.resolution));
}

}  // namespace

report::Document sweep_document(const Context& context, const RunResult& result, const SweepMeta& meta) {
  const Spec& spec = context.spec;
  report::Document doc;
  doc.id = "sweep";
  doc.title = spec.title.empty() ? fmt::format("Sweep {}", meta.spec_file) : spec.title;
  doc.subtitle = fmt::format("{}: each force's bill over {} scenarios", spec.year.str(), meta.runs);
  doc.params = {{"spec", meta.spec_file},
                {"year", spec.year.str()},
                {"baseline", spec.baseline},
                {"method", spec.method == Method::Grid ? "grid" : "monte-carlo"},
                {"runs", std::to_string(meta.runs)},
                {"seed", std::to_string(meta.seed)},
                {"generator", kGenerator}};
  const std::uint64_t ok = result.done - result.failed;
  doc.blocks.push_back(paragraph(fmt::format(
      "{} scenarios ({}; seed {}, generator {}): {} computed, {} failed. Each force's total is what it pays in {} "
      "over every budget line, cash and in kind, in pence; the baseline is {} with none of the sweep's steps or changes.",
      meta.runs, method_text(spec), meta.seed, kGenerator, ok, result.failed, spec.year.str(),
      spec.baseline == scenario::kDataBaseline ? std::string("the data") : "scenario " + spec.baseline)));
  doc.blocks.push_back(paragraph(
      "Percentiles are nearest rank over the computed scenarios: the p-th of n is the value of rank ceil(p x n / 100) "
      "in ascending order (numpy's method=\"inverted_cdf\"), exact to the penny. The mean is the exact sum over n, "
      "rounded to the penny, halves away from zero."));

  Table dims;
  dims.id = "varies";
  dims.title = "What varies";
  dims.columns = {column("name", "Dimension", ColumnType::Text), column("lowest", "Lowest", ColumnType::Text),
                  column("highest", "Highest", ColumnType::Text)};
  for (const auto& d : spec.dimensions) {
    Row row;
    row.cells = {cell(d.name), cell(value_text(d, d.lo)), cell(value_text(d, d.hi))};
    dims.rows.push_back(std::move(row));
  }
  doc.blocks.push_back(std::move(dims));

  Table forces;
  forces.id = "forces";
  forces.title = fmt::format("Each force's total, {}", spec.year.str());
  forces.columns.push_back(column("force", "Force", ColumnType::Text));
  spread_columns(forces);
  for (std::size_t f = 0; f < context.data->forces.size(); ++f) {
    Row row;
    row.cells.push_back(cell(context.data->forces[f].id));
    spread_cells(row, context.baseline.force[f], result.force.at(f));
    forces.rows.push_back(std::move(row));
  }
  doc.blocks.push_back(std::move(forces));

  if (context.per_unit) {
    Table units;
    units.id = "units";
    units.title = fmt::format("Each unit's part by force, {}", spec.year.str());
    units.columns.push_back(column("unit", "Unit", ColumnType::Text));
    units.columns.push_back(column("force", "Force", ColumnType::Text));
    spread_columns(units);
    for (std::size_t p = 0; p < context.pairs.size(); ++p) {
      Row row;
      row.cells.push_back(cell(context.units[context.pairs[p].unit]));
      row.cells.push_back(cell(context.data->forces[context.pairs[p].force].id));
      spread_cells(row, context.baseline.pair[p], result.pair.at(p));
      units.rows.push_back(std::move(row));
    }
    doc.blocks.push_back(std::move(units));
  }

  if (result.failed > 0) {
    Table failures;
    failures.id = "failures";
    failures.title = "Scenarios that failed";
    failures.columns = {column("scenario", "Scenario", ColumnType::Integer), column("values", "Values", ColumnType::Text),
                        column("reason", "Why", ColumnType::Text)};
    for (const auto& fail : result.failures) {
      std::string values;
      for (std::size_t d = 0; d < spec.dimensions.size(); ++d)
        values += (d ? ", " : "") + spec.dimensions[d].name + " " + value_text(spec.dimensions[d], fail.values[d]);
      Row row;
      row.cells = {cell(static_cast<std::int64_t>(fail.index)), cell(values), cell(fail.why)};
      failures.rows.push_back(std::move(row));
    }
    doc.blocks.push_back(std::move(failures));
    if (result.failed > result.failures.size())
      doc.blocks.push_back(report::Note{report::build::text(fmt::format(
          "{} scenarios failed; the first {} are listed (the stream lists every one).", result.failed,
          result.failures.size()))});
  }
  return doc;
}

}  // namespace collab::sweep
