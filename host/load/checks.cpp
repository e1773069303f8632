#include "load/checks.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <stdexcept>

#include "calc/checked.h"

namespace collab::load {
namespace {

std::string table_name(const Source& s) { return fmt::format("'{}' ({})", s.table, s.document); }

std::string signed_money(Money m) { return (m > Money{} ? "+" : "") + format_money(m); }

// A published total that disagrees with its rows: a warning; the data stays as published.
void total_mismatch(Diagnostics& out, const SourceLocation& where, const Source& source, const std::string& what,
                    Money computed, Money published) {
  if (computed == published) return;
  out.warning(where,
              fmt::format("{} {}: the figures add up to {} but the table prints {} (difference {})", table_name(source),
                          what, format_money(computed), format_money(published), signed_money(computed - published)),
              "kept as published; the source rounded each figure on its own (collab reconcile says how)");
}

void count_mismatch(Diagnostics& out, const SourceLocation& where, const Source& source, const std::string& what,
                    int64_t computed, int64_t published) {
  if (computed == published) return;
  out.warning(where, fmt::format("{} {}: the figures add up to {} but the table prints {} (difference {:+})",
                                 table_name(source), what, computed, published, computed - published),
              "kept as published");
}

template <class Map>
Money sum_values(const Map& amounts) {
  Money total;
  for (const auto& [key, value] : amounts) total += value;
  return total;
}

Money sum_values_vec(const std::vector<Money>& values) {
  Money total;
  for (Money v : values) total += v;
  return total;
}

void check_grants(const Model& m, Diagnostics& out) {
  for (const auto& t : m.central_grants)
    if (t.published_total)
      total_mismatch(out, t.where, t.source, fmt::format("{} total", t.year.str()), sum_values(t.amounts), *t.published_total);
}

bool covers(TotalOf of, ContributionKind kind) {
  return of == TotalOf::All || (of == TotalOf::Cash && kind == ContributionKind::Cash) ||
         (of == TotalOf::InKind && kind == ContributionKind::InKind);
}

void check_contributions(const Model& m, Diagnostics& out) {
  for (const auto& t : m.published_contributions) {
    for (const auto& row : t.rows)
      if (row.published_total)
        total_mismatch(out, row.where, t.source, fmt::format("row '{}'", row.label), sum_values(row.amounts),
                       *row.published_total);
    for (const auto& total : t.totals) {
      Money grand;
      for (const auto& [force, printed] : total.amounts) {
        Money column;
        for (const auto& row : t.rows)
          if (covers(total.of, row.kind) && row.amounts.count(force)) column += row.amounts.at(force);
        const Force* f = m.force(force);
        total_mismatch(out, total.where, t.source, fmt::format("'{}', {} column", total.label, f ? f->short_name : force),
                       column, printed);
      }
      for (const auto& row : t.rows)
        if (covers(total.of, row.kind) && row.published_total) grand += *row.published_total;
      if (total.published_total)
        total_mismatch(out, total.where, t.source, fmt::format("'{}', total column", total.label), grand,
                       *total.published_total);
    }
  }
}

// A force's printed figure in a total row, or (no such total row) its printed cells of that kind added up.
struct PrintedPart {
  Money amount;
  std::string what;  // "'Total Cash Contributions' £3,370,550.00 (data/contributions.json:156:9)"
};

PrintedPart printed_part(const PublishedContributions& t, TotalOf of, const ForceId& force) {
  for (const auto& total : t.totals)
    if (total.of == of && total.amounts.count(force))
      return {total.amounts.at(force), fmt::format("'{}' {} ({})", total.label, format_money(total.amounts.at(force)), total.where.str())};
  PrintedPart part;
  for (const auto& row : t.rows)
    if (covers(of, row.kind) && row.amounts.count(force)) {
      part.amount += row.amounts.at(force);
      part.what += fmt::format("{}'{}' {} ({})", part.what.empty() ? "" : " + ", row.label, format_money(row.amounts.at(force)),
                               row.where.str());
    }
  return part;
}

// A total of everything printed beside a cash total: it should be that total plus the in-kind figures.
void check_total_of_totals(const Model& m, Diagnostics& out) {
  for (const auto& t : m.published_contributions)
    for (const auto& all : t.totals) {
      if (all.of != TotalOf::All) continue;
      bool has_cash_total = false;
      for (const auto& total : t.totals) has_cash_total = has_cash_total || total.of == TotalOf::Cash;
      if (!has_cash_total) continue;
      for (const auto& [force, printed] : all.amounts) {
        const PrintedPart cash = printed_part(t, TotalOf::Cash, force), in_kind = printed_part(t, TotalOf::InKind, force);
        if (cash.amount + in_kind.amount == printed) continue;
        const Force* f = m.force(force);
        out.warning(all.where,
                    fmt::format("{} '{}', {} column: {} is not {} + {} = {} (difference {})", table_name(t.source), all.label,
                                f ? f->short_name : force, format_money(printed), cash.what, in_kind.what,
                                format_money(cash.amount + in_kind.amount), signed_money(printed - cash.amount - in_kind.amount)),
                    "kept as published: each total was rounded on its own from unrounded figures (collab reconcile)");
      }
    }
}

// Baseline = saving / percentage; the total percentage is the savings over the summed baselines.
void check_savings(const Model& m, Diagnostics& out) {
  if (const auto& s = m.savings_against_baseline) {
    Money saved, baseline;
    for (const auto& row : s->rows) {
      saved += row.annual_saving;
      baseline += mul_div(row.annual_saving, 100 * Percent::kUnitsPerPercent, row.percent_of_baseline.units());
    }
    if (s->published_total) total_mismatch(out, s->where, s->source, "total saving", saved, *s->published_total);
    if (s->published_percent && baseline > Money{}) {
      Percent computed = round_percent(percent_of(saved, baseline), 2);
      if (computed != *s->published_percent)
        out.warning(s->where, fmt::format("{} total percentage: the rows give {} of their summed baselines but the table "
                                          "prints {}", table_name(s->source), format_percent(computed, 2),
                                          format_percent(*s->published_percent, 2)), "kept as published");
    }
  }
  if (const auto& y = m.savings_by_year) {
    Money target, actual;
    for (const auto& row : y->rows) {
      target += row.target;
      actual += row.actual;
    }
    if (y->published_target) total_mismatch(out, y->where, y->source, "total target", target, *y->published_target);
    if (y->published_actual) total_mismatch(out, y->where, y->source, "total actual", actual, *y->published_actual);
  }
}

// a + b for counts of people, checked: on overflow an error at the row that overflowed, and nullopt.
std::optional<int64_t> add_counts(int64_t a, int64_t b, const SourceLocation& where, const std::string& what,
                                  Diagnostics& out) {
  try {
    return checked::add(a, b);
  } catch (const ArithmeticOverflow&) {
    out.error(where, fmt::format("{} add up to more than {}, too many to count exactly", what,
                                 std::numeric_limits<int64_t>::max()),
              "check the officers and staff of this row");
    return std::nullopt;
  }
}

void check_workforce(const Model& m, Diagnostics& out) {
  if (!m.workforce) return;
  const Workforce& w = *m.workforce;
  Headcount sum;
  for (const auto& row : w.rows) {
    const std::string table = table_name(w.source);
    auto officers = add_counts(sum.officers, row.officers, row.where,
                               fmt::format("the officers of {} up to row '{}'", table, row.function), out);
    auto staff = add_counts(sum.staff, row.staff, row.where,
                            fmt::format("the staff of {} up to row '{}'", table, row.function), out);
    auto in_row = add_counts(row.officers, row.staff, row.where,
                             fmt::format("the officers and staff of row '{}' of {}", row.function, table), out);
    if (!officers || !staff || !in_row) return;
    sum.officers = *officers;
    sum.staff = *staff;
    if (row.published_total)
      count_mismatch(out, row.where, w.source, fmt::format("row '{}'", row.function), *in_row, *row.published_total);
  }
  auto total = add_counts(sum.officers, sum.staff, w.where, fmt::format("the officers and staff of {}", table_name(w.source)), out);
  if (!total) return;
  sum.total = *total;
  if (w.published_total) {
    count_mismatch(out, w.where, w.source, "total officers", sum.officers, w.published_total->officers);
    count_mismatch(out, w.where, w.source, "total staff", sum.staff, w.published_total->staff);
    count_mismatch(out, w.where, w.source, "total", sum.total, w.published_total->total);
  }
  if (!w.region_total) return;
  auto share = [&](const char* what, int64_t part, int64_t whole, const std::optional<Percent>& printed) {
    if (!printed || whole == 0) return;
    std::optional<Percent> computed;
    try {
      computed = round_percent(percent_of(part, whole), 1);
    } catch (const std::overflow_error&) {
      out.error(w.where, fmt::format("{} share of {}: {} of {} is too large a percentage to compute", table_name(w.source),
                                     what, part, whole), "check the region's total");
      return;
    }
    if (*computed != *printed)
      out.warning(w.where, fmt::format("{} share of {}: {} of {} is {}, the table prints {}", table_name(w.source), what,
                                       part, whole, format_percent(*computed, 1), format_percent(*printed, 1)));
  };
  share("officers", sum.officers, w.region_total->officers, w.published_officer_share);
  share("staff", sum.staff, w.region_total->staff, w.published_staff_share);
  share("the workforce", sum.total, w.region_total->total, w.published_total_share);
}

void check_retained_and_cases(const Model& m, Diagnostics& out) {
  if (const auto& r = m.retained_resources; r && r->published_total) {
    Money sum;
    for (const auto& row : r->rows) sum += row.approximate_cost.value_or(Money{});
    total_mismatch(out, r->where, r->source, "total approximate cost", sum, *r->published_total);
  }
  if (const auto& b = m.business_cases) {
    for (const auto& row : b->rows) {
      if (row.budget_without_collaboration <= Money{}) continue;
      Percent computed = round_percent(percent_of(row.saving, row.budget_without_collaboration), 0);
      if (computed != row.percent)
        out.warning(row.where, fmt::format("{} row '{}': {} of {} is {}, the table prints {}", table_name(b->source),
                                           row.function, format_money(row.saving), format_money(row.budget_without_collaboration),
                                           format_percent(computed, 0), format_percent(row.percent, 0)),
                    "kept as published (the table says its numbers are rounded)");
    }
  }
}

void check_forecast(const Model& m, Diagnostics& out) {
  if (!m.forecast) return;
  const Forecast& f = *m.forecast;
  auto row_named = [&](const std::string& label) {
    return std::find_if(f.rows.begin(), f.rows.end(), [&](const ForecastRow& r) { return r.label == label; });
  };
  for (const auto& row : f.rows) {
    if (row.published_total)
      total_mismatch(out, row.where, f.source, fmt::format("row '{}'", row.label), sum_values_vec(row.values),
                     *row.published_total);
    if (row.sum_of.empty()) continue;
    for (size_t i = 0; i < row.values.size(); ++i) {
      Money sum;
      for (const auto& label : row.sum_of)
        if (auto it = row_named(label); it != f.rows.end() && i < it->values.size()) sum += it->values[i];
      total_mismatch(out, row.where, f.source, fmt::format("row '{}' in {}", row.label, f.years.at(i).str()), sum,
                     row.values[i]);
    }
  }
}

// A unit's budget should be the total its published contributions row prints.
void check_budgets_against_published(const Model& m, Diagnostics& out) {
  for (const auto& table : m.published_contributions)
    for (const auto& row : table.rows) {
      if (!row.unit || !row.published_total) continue;
      for (const auto& budget : m.budgets) {
        if (budget.year != table.year) continue;
        for (const auto& line : budget.lines) {
          if (line.unit != *row.unit) continue;
          auto amount = row.kind == ContributionKind::Cash ? line.cash : line.in_kind;
          if (amount && *amount != *row.published_total)
            out.warning(line.where, fmt::format("budget of '{}' for {} is {} but {} prints {}", line.unit,
                                                table.year.str(), format_money(*amount), table_name(table.source),
                                                format_money(*row.published_total)));
        }
      }
    }
}

std::string claim_list(const Claimed<PartialDate>& c) {
  std::string out;
  for (const auto& claim : c.claims)
    out += fmt::format("{}{} ({}, {}{})", out.empty() ? "" : "; ", claim.value.str(), claim.source.document,
                       claim.source.table, claim.note.empty() ? "" : ": " + claim.note);
  return out;
}

// A date given to the year only ("2011") agrees with one in that year given to the month ("Sept
// 2011"): it says less, not something else.
bool dates_agree(const PartialDate& a, const PartialDate& b) {
  if (a.year != b.year) return false;
  if (a.month == 0 || b.month == 0) return true;
  return a.month == b.month && (a.day == 0 || b.day == 0 || a.day == b.day);
}

bool dates_disagree(const Claimed<PartialDate>& c) {
  for (const auto& claim : c.claims)
    if (!dates_agree(claim.value, c.value)) return true;
  return false;
}

// A period that only counts the forces, as many as the named period before it, says nothing new.
bool only_fewer_words(const ParticipationPeriod& before, const ParticipationPeriod& after) {
  return before.known() && !after.known() && after.count && *after.count == static_cast<int>(before.forces->size());
}

void check_participation_changes(const Collaboration& c, Diagnostics& out) {
  for (size_t i = 1; i < c.participants.size(); ++i) {
    const auto& before = c.participants[i - 1];
    const auto& after = c.participants[i];
    bool same = (before.known() && after.known() && *before.forces == *after.forces) || only_fewer_words(before, after);
    if (same || before.source.document == after.source.document) continue;
    auto describe = [](const ParticipationPeriod& p) {
      std::string forces = p.known() ? fmt::format("{}", fmt::join(*p.forces, ", "))
                                     : fmt::format("{} forces, not named", p.count.value_or(0));
      return fmt::format("{} from {} ({}, {})", forces, p.from.str(), p.source.document, p.source.table);
    };
    std::string message = fmt::format("'{}' participants: {}; then {}", c.id, describe(before), describe(after));
    if (after.why.empty())
      out.warning(after.where, message + ": sources differ and no reason is given", "add a 'why' to the later period");
    else
      out.note(after.where, message, "the model takes both, by year: " + after.why);
  }
}

const ParticipationPeriod* period_at(const Collaboration& c, FinancialYear year) {
  const ParticipationPeriod* found = nullptr;
  for (const auto& p : c.participants)
    if (p.from <= year) found = &p;
  return found;
}

int force_count(const ParticipationPeriod& p) { return p.known() ? static_cast<int>(p.forces->size()) : p.count.value_or(0); }

// The parent's latest period up to `year` that names its forces.
const ParticipationPeriod* named_period_at(const Collaboration& c, FinancialYear year) {
  const ParticipationPeriod* found = nullptr;
  for (const auto& p : c.participants)
    if (p.from <= year && p.known()) found = &p;
  return found;
}

std::string period_source(const ParticipationPeriod& p) {
  return fmt::format("{}, {}; {}", p.source.document, p.source.table, p.where.str());
}

// A part's forces that a named period of its parent lacks: ", derbyshire not among the parent's
// forces named for 2016/17 (pcp-2017, ...)".
std::string outside_text(const ParticipationPeriod& part, const ParticipationPeriod* named) {
  if (!part.known() || named == nullptr) return {};
  std::vector<ForceId> outside;
  for (const auto& f : *part.forces)
    if (std::find(named->forces->begin(), named->forces->end(), f) == named->forces->end()) outside.push_back(f);
  if (outside.empty()) return {};
  return fmt::format("; {} not among the parent's forces named for {} ({})", fmt::join(outside, ", "), named->from.str(),
                     period_source(*named));
}

// A part of an agreement with more forces than its parent agreement that year: the two records
// disagree (a force is in the part and not the whole, or one of them slips).
void check_parts_within_parent(const Model& m, const Collaboration& c, Diagnostics& out) {
  const Collaboration* parent = c.parent ? m.collaboration(*c.parent) : nullptr;
  if (parent == nullptr) return;
  for (const auto& period : c.participants) {
    const ParticipationPeriod* whole = period_at(*parent, period.from);
    if (whole == nullptr) continue;
    const std::string outside = outside_text(period, named_period_at(*parent, period.from));
    if (force_count(period) <= force_count(*whole) && (whole->known() ? outside.empty() : true)) continue;
    out.note(period.where,
             fmt::format("'{}' participants in {}: {} forces ({}), but its parent '{}' has {} ({}){}", c.id,
                         period.from.str(), force_count(period), period_source(period), parent->id, force_count(*whole),
                         period_source(*whole), outside),
             "a part of an agreement has forces the agreement does not: one record slips, or the part reaches "
             "beyond its parent; the model keeps both as printed");
  }
}

}  // namespace

void check_formula_shares(const Model& m, Diagnostics& out) {
  for (const auto& t : m.published_formula) {
    if (t.shares.empty()) continue;
    Percent sum;
    for (const auto& [force, share] : t.shares) sum = sum + share;
    // Each share is rounded to its printed precision (0.1% here): n shares may drift by n half-units.
    const Percent hundred = Percent::from_units(100 * Percent::kUnitsPerPercent);
    const int64_t tolerance = static_cast<int64_t>(t.shares.size()) * Percent::kUnitsPerPercent / 20;
    int64_t drift = (sum - hundred).units();
    if (drift > tolerance || drift < -tolerance)
      out.error(t.where, fmt::format("{} {} shares add up to {}, not 100%", table_name(t.source), t.year.str(),
                                     format_percent(sum, 2)), "shares of a formula must add up to 100% (within rounding)");
  }
}

void check_published_totals(const Model& m, Diagnostics& out) {
  check_grants(m, out);
  check_contributions(m, out);
  check_total_of_totals(m, out);
  check_budgets_against_published(m, out);
  check_savings(m, out);
  check_workforce(m, out);
  check_retained_and_cases(m, out);
  check_forecast(m, out);
}

void check_slips(const Model& m, Diagnostics& out) {
  for (const Slip& s : m.slips)
    out.note(s.where,
             fmt::format("slip in {} ('{}'{}): prints {}; {} ({}, '{}'{})", s.printed_in.document, s.printed_in.table,
                         s.printed_in.note.empty() ? "" : ", " + s.printed_in.note, s.printed, s.reading, s.evidence.document, s.evidence.table,
                         s.evidence.note.empty() ? "" : ": " + s.evidence.note),
             "kept as printed; the record shows the reading");
}

void check_disagreements(const Model& m, Diagnostics& out) {
  check_slips(m, out);
  check_stated_disagreements(m, out);
  for (const auto& c : m.collaborations) {
    if (c.established && dates_disagree(*c.established)) {
      std::string message = fmt::format("'{}' established: sources disagree: {}. The model uses {}", c.id,
                                        claim_list(*c.established), c.established->value.str());
      if (c.established->why.empty())
        out.warning(c.established->where, message + ", with no reason given", "add a 'why' saying which source is right");
      else
        out.note(c.established->where, message, "why: " + c.established->why);
    }
    check_participation_changes(c, out);
    check_parts_within_parent(m, c, out);
  }
}

// Every sum the ledger forms is bounded by a year's budgets added up: if they fit in money's
// range, so does every row, force total and grand total computed from them.
void check_budget_range(const Model& model, Diagnostics& out) {
  for (const BudgetTable& table : model.budgets) {
    Money sum;
    for (const BudgetLine& line : table.lines)
      for (const auto& amount : {line.cash, line.in_kind}) {
        if (!amount) continue;
        try {
          sum += *amount;
        } catch (const MoneyOverflow&) {
          out.error(line.where,
                    fmt::format("the budgets of {} add up to more than the largest amount the tool holds ({})",
                                table.year.str(), format_money(Money::from_pence(std::numeric_limits<int64_t>::max()))),
                    "a figure is far too large: check its digits and its unit");
          return;
        }
      }
  }
}

void check_data_set(const Model& model, Diagnostics& out) {
  check_budget_range(model, out);
  check_formula_shares(model, out);
  try {
    check_published_totals(model, out);
    check_record(model, out);
  } catch (const MoneyOverflow& e) {
    // Published figures so large their sum leaves money's range: the data is wrong, not the tool.
    out.error({"data/"}, fmt::format("the figures of a published table add up beyond the range of money: {}", e.what()),
              "a figure is far too large: check its digits and its unit");
  }
  check_disagreements(model, out);
}

}  // namespace collab::load
