#include "ledger/explain.h"

#include <fmt/format.h>

#include <algorithm>

#include "ledger/reconcile.h"

namespace collab::ledger {

namespace {

std::string short_name(const Model& model, const ForceId& id) {
  const Force* f = model.force(id);
  return f && !f->short_name.empty() ? f->short_name : id;
}

std::string source_text(const Source& s) { return s.table.empty() ? s.document : fmt::format("{}, {}", s.document, s.table); }

std::string money_text(Money m, Money unit) { return unit.pence() % 100 == 0 ? format_pounds(m) : format_money(m); }

std::string kind_text(ContributionKind k) { return k == ContributionKind::Cash ? "cash" : "in kind"; }

Decimal as_decimal(ExactWeight w) { return Decimal{w.units, w.scale}; }

// The exact sum of one weight of every contribution of a row (what the formula gave, or what
// was apportioned by).
template <class Pick>
Decimal sum_of(const LedgerRow& row, Pick pick) {
  Decimal sum{0, 0};
  for (const auto& c : row.contributions) sum.scale = std::max(sum.scale, pick(c).scale);
  for (const auto& c : row.contributions) sum.units += static_cast<Int128>(pick(c).units) * pow10(sum.scale - pick(c).scale);
  return sum;
}

}  // namespace

Explanation explain(const Ledger& ledger, const LedgerRow& row, const ForceId& force_id) {
  const Model& model = *ledger.model;
  const Contribution& mine = *row.find(force_id);
  const Force& force = *model.force(force_id);
  const Collaboration& unit = *model.collaboration(row.unit);
  const formula::Weights& weights = *row.weights;
  const formula::FormulaScript& script = *weights.formula;
  const Money unit_of_rounding = ledger.rounding_unit;
  auto money = [&](Money m) { return money_text(m, unit_of_rounding); };

  Explanation out;
  out.headline = fmt::format("{} pays {} {} to {} ({}) in {}", force.name, money(mine.part.amount), kind_text(row.kind),
                             unit.name, unit.id, ledger.year.str());

  out.steps.push_back({"budget", {fmt::format("{} {} ({})", money(row.budget), kind_text(row.kind), row.label),
                                  fmt::format("{} · {}", row.budget_where.str(), source_text(row.budget_source))}});

  std::string who;
  for (const auto& c : row.contributions) who += (who.empty() ? "" : ", ") + short_name(model, c.force);
  out.steps.push_back({"participants", {fmt::format("{} forces from {}: {}", row.contributions.size(),
                                                    row.participants->from.str(), who),
                                        fmt::format("{} · {}", row.participants->where.str(),
                                                    source_text(row.participants->source))}});

  std::string params = row.choice.params.empty() ? "" : " " + row.choice.params.dump();
  out.steps.push_back(
      {"formula",
       {fmt::format("{}{}: {}", script.definition.id, params, script.definition.title),
        fmt::format("{} · {}", script.chunk,
                    row.region_default ? fmt::format("the region's default ({})", row.choice.where.str())
                                       : fmt::format("named by the unit for {} ({})", ledger.year.str(), row.choice.where.str()))}});

  if (!weights.reads.empty()) {
    ExplainStep inputs{"inputs", {}};
    Money total;
    for (const auto& read : weights.reads) {
      const bool pence = read.input != "population";
      const std::string value = pence ? format_pounds(Money::from_pence(read.value)) : fmt::format("{}", read.value);
      inputs.lines.push_back(fmt::format("{} {} {}: {}  ({}, {})", short_name(model, read.force), read.input,
                                         read.year.str(), value, read.source, read.where.str()));
    }
    out.steps.push_back(inputs);
  }

  ExplainStep weight_step{"weights", {}};
  for (const auto& c : row.contributions) {
    auto why = weights.why.find(c.force);
    weight_step.lines.push_back(fmt::format("{}{}: {}{}", c.force == force_id ? "> " : "  ", short_name(model, c.force),
                                            decimal_text(as_decimal(c.share.weight)),
                                            why == weights.why.end() ? "" : "  (" + why->second + ")"));
  }
  for (const auto& [id, w] : weights.weights) {
    if (row.find(id)) continue;
    weight_step.lines.push_back(fmt::format("  {}: {} (takes no part: left out)", short_name(model, id), w));
  }
  out.steps.push_back(weight_step);

  // Renormalisation: the weight over the participants' sum, and the rounding the formula asks for.
  const Decimal sum = sum_of(row, [](const Contribution& c) { return c.share.weight; });
  std::vector<std::string> renormalised{fmt::format("{} / {} = {}% of the participants' weights",
                                                    decimal_text(as_decimal(mine.share.weight)), decimal_text(sum),
                                                    share_percent_text(mine.share, 4))};
  if (mine.share.rounded)
    renormalised.push_back(fmt::format("rounded to {} points, as {} asks (round_shares): {}%",
                                       decimal_text(*script.definition.round_shares), script.definition.id,
                                       decimal_text(*mine.share.rounded)));
  out.steps.push_back({"share", renormalised});

  const Decimal apportioned_sum = sum_of(row, [](const Contribution& c) { return c.share.apportioned_by; });
  const std::string exact = exact_share_text(mine.part, 4);
  const bool whole_pence = exact.ends_with("00");
  out.steps.push_back({"exact share", {fmt::format("{} x {} / {} = {}{}", format_money(row.budget),
                                                   decimal_text(as_decimal(mine.share.apportioned_by)),
                                                   decimal_text(apportioned_sum), format_money(exact_share_pence(mine.part)),
                                                   whole_pence ? "" : fmt::format(" (£{} to four places)", exact))}});

  Money rounded_down_all;
  for (const auto& c : row.contributions) rounded_down_all = rounded_down_all + c.part.rounded_down;
  const Money left = row.budget - rounded_down_all;
  out.steps.push_back(
      {"rounding",
       {fmt::format("rounded down to {}: {}", unit_of_rounding.pence() == 100 ? "whole pounds" : "the penny",
                    money(mine.part.rounded_down)),
        fmt::format("the rounded-down parts leave {} of the budget; it goes {} at a time to the largest remainders "
                    "(ties: the larger weight, then the force listed first)",
                    money(left), money(unit_of_rounding)),
        fmt::format("{}: its remainder ranks {} of {}: {}", short_name(model, force_id), mine.part.remainder_rank,
                    row.contributions.size(),
                    mine.part.adjustment == Money{} ? "nothing added" : "+" + money(mine.part.adjustment) + " added")}});
  out.steps.push_back({"contribution", {fmt::format("{}; the row adds up to {}", money(mine.part.amount), money(row.total()))}});

  if (const PublishedContributions* published = published_for(model, ledger.year)) {
    const Reconciliation r = reconcile(ledger, *published);
    for (const auto& check : r.rows) {
      if (check.total_row || check.unit != row.unit || check.kind != kind_text(row.kind)) continue;
      for (const auto& cell : check.cells) {
        if (cell.force != force_id) continue;
        std::vector<std::string> lines{fmt::format("{} in {} ({}): {}", cell.published ? format_pounds(*cell.published) : "blank",
                                                   source_text(published->source), check.where.str(),
                                                   cell.cause.empty() ? "the same" : "variance " + money(cell.variance()))};
        if (!cell.cause.empty()) lines.push_back(cell.cause);
        out.steps.push_back({"published", lines});
      }
    }
  }
  return out;
}

}  // namespace collab::ledger
