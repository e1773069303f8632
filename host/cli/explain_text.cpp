#include "cli/explain_text.h"

#include <fmt/format.h>

#include "money/money_text.h"
#include "cli/reconcile_text.h"
#include "scenario/step_params.h"

namespace collab::cli {

namespace {

std::string short_name(const Model& model, const ForceId& id) {
  const Force* f = model.force(id);
  return f && !f->short_name.empty() ? f->short_name : id;
}

std::string force_name(const Model& model, const ForceId& id) {
  const Force* f = model.force(id);
  return f ? f->name : id;
}

std::string source_text(const Source& s) { return s.table.empty() ? s.document : fmt::format("{}, {}", s.document, s.table); }

// A labelled step: the label in a column, each line after it.
class Steps {
 public:
  void add(const char* label, std::vector<std::string> lines) {
    for (size_t i = 0; i < lines.size(); ++i) text_ += fmt::format("  {:<13} {}\n", i == 0 ? label : "", lines[i]);
  }
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

std::string input_value(const api::InputRead& read) {
  return read.input == "population" ? fmt::format("{}", read.value) : format_pounds(Money::from_pence(read.value));
}

void published_step(Steps& steps, const ledger::PublishedFigure& p) {
  const ledger::CellCheck& cell = p.cell;
  std::vector<std::string> lines{fmt::format("{} in {} ({}): {}", cell.published ? amount_text(*cell.published) : "blank",
                                             source_text(p.source), p.where.str(),
                                             cell.matches() ? "the same" : "variance " + amount_text(cell.variance()))};
  if (cell.cause) lines.push_back(cause_text(cell));  // also on a match that plain rounding would not give
  steps.add("published", lines);
}

}  // namespace

std::string explanation_text(const Model& model, const ledger::Explanation& e) {
  const char* kind = ledger::kind_text(e.kind);
  std::string out;
  if (e.takes_part)
    out = fmt::format("{} pays {} {} to {} ({}) in {}\n\n", force_name(model, e.force), amount_text(e.amount), kind,
                      e.unit_name, e.unit, e.year.str());
  else if (e.charge != Money{})
    out = fmt::format("{} pays {} {} to {} ({}) in {}: it does not take part that year, and pays only its charge\n\n",
                      force_name(model, e.force), amount_text(e.amount), kind, e.unit_name, e.unit, e.year.str());
  else
    out = fmt::format("{} pays nothing to {} ({}) in {}: it does not take part that year\n\n",
                      force_name(model, e.force), e.unit_name, e.unit, e.year.str());
  Steps steps;
  steps.add("budget", {fmt::format("{} {} ({})", amount_text(e.budget), kind, e.row_label),
                       fmt::format("{} · {}", e.budget_where.str(), source_text(e.budget_source))});
  if (e.charged != Money{}) {
    std::vector<std::string> lines{fmt::format("{} of the budget is charged to named forces (a scenario's exit liability "
                                               "or flat fees); the participants share the {} left",
                                               amount_text(e.charged), amount_text(e.budget - e.charged))};
    if (e.charge != Money{})
      lines.push_back(fmt::format("{} pays {} of it: {}", short_name(model, e.force), amount_text(e.charge), e.charge_label));
    steps.add("charges", lines);
  }
  std::string who;
  for (const auto& id : e.contributors) who += (who.empty() ? "" : ", ") + short_name(model, id);
  steps.add("participants", {fmt::format("{} forces from {}: {}", e.contributors.size(), e.participants_from.str(), who),
                             fmt::format("{} · {}", e.participants_where.str(), source_text(e.participants_source))});
  const std::string params = e.params == "{}" ? "" : " " + e.params;
  steps.add("formula", {fmt::format("{}{}: {}", e.formula.id, params, e.formula.title),
                        fmt::format("{} · {}", e.formula.chunk,
                                    e.region_default ? fmt::format("the region's default ({})", e.choice_where.str())
                                                     : fmt::format("named by the unit for {} ({})", e.year.str(),
                                                                   e.choice_where.str()))});
  if (!e.takes_part) return out + steps.str();

  if (!e.inputs.empty()) {
    std::vector<std::string> lines;
    for (const auto& read : e.inputs)
      lines.push_back(fmt::format("{} {} {}: {}  ({}, {})", short_name(model, read.force), read.input, read.year.str(),
                                  input_value(read), read.source, read.where.str()));
    steps.add("inputs", lines);
  }
  std::vector<std::string> weights;
  for (const auto& [id, w] : e.weights) {
    auto why = e.why.find(id);
    weights.push_back(fmt::format("{}{}: {}{}", id == e.force ? "> " : "  ", short_name(model, id), decimal_text(w),
                                  why == e.why.end() ? "" : "  (" + why->second + ")"));
  }
  steps.add("weights", weights);

  std::vector<std::string> share{fmt::format("{} / {} = {}% of the participants' weights",
                                             decimal_text(Decimal{e.share.weight.units, e.share.weight.scale}),
                                             decimal_text(e.weight_sum), share_percent_text(e.share, 4))};
  if (e.share.rounded && e.formula.round_shares)
    share.push_back(fmt::format("rounded to {} points, as {} asks (round_shares): {}%",
                                decimal_text(*e.formula.round_shares), e.formula.id, decimal_text(*e.share.rounded)));
  steps.add("share", share);

  const std::string exact = exact_share_text(e.part, 4);
  steps.add("exact share", {fmt::format("{} x {} / {} = {}{}", format_money(e.budget - e.charged),
                                        decimal_text(Decimal{e.share.apportioned_by.units, e.share.apportioned_by.scale}),
                                        decimal_text(e.apportioned_sum), format_money(exact_share_pence(e.part)),
                                        exact.ends_with("00") ? "" : fmt::format(" (£{} to four places)", exact))});
  const bool pounds = e.rounding_unit.pence() == 100;
  steps.add("rounding",
            {fmt::format("rounded down to {}: {}", pounds ? "whole pounds" : "the penny", amount_text(e.part.rounded_down)),
             fmt::format("the rounded-down parts leave {} of the budget; it goes {} at a time to the largest remainders "
                         "(ties: the larger weight, then the force listed first){}",
                         amount_text(e.left_over), amount_text(e.rounding_unit),
                         e.left_over.pence() % e.rounding_unit.pence() == 0 ? "" : "; the odd pence go last, by the same order"),
             fmt::format("{}: its remainder ranks {} of {}: {}", short_name(model, e.force), e.part.remainder_rank,
                         e.contributors.size(),
                         e.part.adjustment == Money{} ? "nothing added" : "+" + amount_text(e.part.adjustment) + " added")});
  if (e.limit) {
    const std::string bounds = fmt::format("{}{}", e.limit->rise ? "at most +" + scenario::percent_text(*e.limit->rise) : "",
                                           e.limit->fall ? std::string(e.limit->rise ? ", " : "") + "at most -" +
                                                               scenario::percent_text(*e.limit->fall)
                                                         : "");
    steps.add("limit", {fmt::format("each force's change from {} is limited ({}; {})", e.year.prev().str(), bounds,
                                    e.limit->where.str()),
                        e.limited == Money{}
                            ? std::string("this force's share is within it: nothing moved")
                            : fmt::format("{}{} {}", e.limited.pence() > 0 ? "+" : "-",
                                          amount_text(e.limited.pence() > 0 ? e.limited : -e.limited),
                                          e.limit_round > 0 ? fmt::format("(held at its bound in round {})", e.limit_round)
                                                            : "(its part of what the held forces gave up)")});
  }
  std::string plus;
  if (e.charge != Money{}) plus += " + " + amount_text(e.charge) + " charge";
  steps.add("contribution", {fmt::format("{}{}; the row adds up to {}", amount_text(e.amount),
                                         plus.empty() ? "" : fmt::format(" ({} share{})", amount_text(e.part.amount), plus),
                                         amount_text(e.row_total))});
  if (e.published) published_step(steps, *e.published);
  return out + steps.str();
}

std::string total_explanation_text(const Model& model, const ledger::TotalExplanation& e) {
  const char* what = e.of == ledger::RowKind::Cash ? "in cash" : e.of == ledger::RowKind::InKind ? "in kind" : "in all";
  std::string out = fmt::format("{} pays {} {} in {}: the sum of its {} row{}\n\n", force_name(model, e.force),
                                amount_text(e.total), what, e.year.str(), e.lines.size(), e.lines.size() == 1 ? "" : "s");
  Steps steps;
  std::vector<std::string> rows;
  for (const auto& line : e.lines)
    rows.push_back(fmt::format("{:>14}  {} ({}, {})", amount_text(line.amount), line.label, line.unit, ledger::kind_text(line.kind)));
  if (rows.empty()) rows.push_back("none: the force pays into no unit of this kind that year");
  steps.add("rows", rows);
  if (!e.failed.empty()) {
    std::string units;
    for (const auto& u : e.failed) units += (units.empty() ? "" : ", ") + u;
    steps.add("not computed", {fmt::format("{} (their errors say why; the total leaves them out)", units)});
  }
  steps.add("total", {amount_text(e.total)});
  if (e.published) published_step(steps, *e.published);
  return out + steps.str();
}

}  // namespace collab::cli
