#include "cli/reconcile_text.h"

#include <fmt/format.h>

#include "money/money_text.h"
#include "cli/table_text.h"

namespace collab::cli {

namespace {

const char* kind_words(ledger::RowKind kind) {
  switch (kind) {
    case ledger::RowKind::Cash: return "cash";
    case ledger::RowKind::InKind: return "in kind";
    case ledger::RowKind::All: return "total";
  }
  return "total";
}

std::string maybe_money(const std::optional<Money>& m) { return m ? amount_text(*m) : "?"; }

std::string ranges_text(const std::vector<ledger::PenceRange>& ranges) {
  std::string out;
  for (const auto& r : ranges)
    out += fmt::format("{}{} to {}", out.empty() ? "" : " or ", amount_text(r.lowest), amount_text(r.highest));
  return out;
}

// "£2,641,010 halves up or to even" / "£3 halves up, £2 to even".
std::string alone_text(const ledger::Cause& c) {
  if (c.half_up == c.half_even) return fmt::format("{}, halves up or to even", maybe_money(c.half_up));
  return fmt::format("{} halves up, {} to even", maybe_money(c.half_up), maybe_money(c.half_even));
}

std::string budget_pence_text(const ledger::CellCheck& cell) {
  const ledger::Cause& c = *cell.cause;
  const std::string published = cell.published ? amount_text(*cell.published) : "blank";
  const std::string agrees = cell.matches() ? "agrees with the ledger, but " : "";
  if (c.exact_sum && cell.force.empty())
    return fmt::format("{}the budgets as the data holds them add up to {}{}; the published {} is neither: the budgets "
                       "held pence the table does not print",
                       agrees, maybe_money(c.exact_sum),
                       c.published_sum == c.exact_sum ? ", as do the published figures it totals"
                                                      : fmt::format(" and the published figures it totals to {}",
                                                                    maybe_money(c.published_sum)),
                       published);
  if (c.exact_sum)
    return fmt::format("{}is neither the sum of the published figures it totals ({}) nor the sum of the exact shares ({}) "
                       "rounded on its own ({}): the budgets held pence the table does not print",
                       agrees, maybe_money(c.published_sum), maybe_money(c.exact_sum), alone_text(c));
  std::string text = fmt::format("{}is not the exact share {} rounded on its own ({}): the budget held pence the table "
                                 "does not print",
                                 agrees, maybe_money(c.exact_share), alone_text(c));
  if (!c.budget.empty())
    text += fmt::format("; at {} the share rounds to the published {}", ranges_text(c.budget), published);
  return text;
}

}  // namespace

std::string cause_text(const ledger::CellCheck& cell) {
  if (!cell.cause) return {};
  const ledger::Cause& c = *cell.cause;
  const std::string exact = c.exact_share ? format_money(*c.exact_share) : "?";
  const std::string published = cell.published ? amount_text(*cell.published) : "blank";
  const std::string computed = cell.computed ? amount_text(*cell.computed) : "nothing";
  switch (c.kind) {
    case ledger::CauseKind::NotPublished:
      return "the published table has no figure: the register lists the force, the table does not";
    case ledger::CauseKind::NotInRegister:
      return "the register does not list the force for this year, but the table charges it";
    case ledger::CauseKind::RowNotComputed:
      return "the ledger could not compute this row: its errors say why";
    case ledger::CauseKind::CellRounding:
      return fmt::format("the source rounded each cell on its own: the exact share {} rounds to {}; the largest "
                         "remainder gives {} so that the row adds up to its budget",
                         exact, published, computed);
    case ledger::CauseKind::UnroundedShares:
      return fmt::format("the source split by unrounded shares ({}%), not shares rounded to {} points",
                         c.unrounded_percent ? decimal_text(*c.unrounded_percent) : "?",
                         c.step ? decimal_text(*c.step) : "?");
    case ledger::CauseKind::BudgetPence: return budget_pence_text(cell);
    case ledger::CauseKind::HalfToEven:
      return fmt::format("{}the exact share {} is a half, rounded on its own to even: {} (halves up would give {})",
                         cell.matches() ? "agrees with the ledger; " : "", exact, published, maybe_money(c.half_up));
    case ledger::CauseKind::NotRounding:
      return fmt::format("not rounding: the published cell is {} from the exact share {}; the table used other shares, "
                         "another formula or another budget",
                         format_money(c.gap), exact);
    case ledger::CauseKind::SumOfRows:
      return fmt::format("the published total is the sum of the published figures it totals ({}), not the ledger's {}",
                         maybe_money(c.published_sum), computed);
    case ledger::CauseKind::TotalRoundedAlone:
      return fmt::format("the published total is not the sum of the published figures it totals ({}): it is the "
                         "unrounded sum of the exact {}, {}, rounded on its own",
                         maybe_money(c.published_sum), cell.force.empty() ? "budgets" : "shares", maybe_money(c.exact_sum));
  }
  return {};
}

std::string row_note_text(const ledger::RowCheck& row, FinancialYear year) {
  switch (row.note) {
    case ledger::RowNote::None: return {};
    case ledger::RowNote::NoLedgerRow:
      return fmt::format("the ledger has no {} row for '{}' in {}", kind_words(row.kind),
                         row.unit.value_or(row.label), year.str());
    case ledger::RowNote::RowFailed:
      return fmt::format("the ledger could not compute the row for '{}' in {}: its errors say why",
                         row.unit.value_or(row.label), year.str());
    case ledger::RowNote::CellsDoNotAddUp:
      if (row.total_row || !row.budget)
        return fmt::format("the published cells add up to {}, not the published total {}", amount_text(row.published_sum),
                           row.published_total ? amount_text(*row.published_total) : "?");
      return fmt::format("the published cells add up to {}, not the published total {}; the computed row adds up to its "
                         "budget {}",
                         amount_text(row.published_sum), row.published_total ? amount_text(*row.published_total) : "?",
                         amount_text(*row.budget));
  }
  return {};
}

}  // namespace collab::cli

namespace collab::cli {

namespace {

using ForceName = std::function<std::string(const std::string&)>;

std::string misses_text(const std::vector<ledger::NumberCheck>& misses, const ForceName& force_name) {
  std::string out;
  for (const auto& m : misses) out += fmt::format("{}{}", out.empty() ? "" : "; ", number_text(m, force_name));
  return out;
}

std::string fit_text(const ledger::CandidateFit& f) {
  if (!f.solved) return fmt::format("not searched to the end (too many combinations); {} of {} at the budgets found",
                                    f.reproduced, f.published);
  return fmt::format("{} of {} published numbers reproduced{}", f.reproduced, f.published, f.exact() ? ", an exact fit" : "");
}

std::string budgets_text(const ledger::CandidateFit& best) {
  TextTable table({"Budget", "In the data", "Feasible", "With the others whole"}, {false, true, false, false});
  int needing = 0;
  for (const auto& b : best.budget_fits) {
    if (!b.needs_pence) continue;
    ++needing;
    table.add({b.row, amount_text(b.data_budget), ranges_text(b.feasible),
               b.with_others_whole.empty() ? "none" : ranges_text(b.with_others_whole)});
  }
  if (needing == 0) return "Every budget can be the whole pounds the data holds.\n";
  bool others_whole = false;
  for (const auto& b : best.budget_fits) others_whole = others_whole || !b.with_others_whole.empty();
  std::string out = fmt::format("Budgets held in pence ({}):\n{}",
                                others_whole ? "every other budget can be the whole pounds the data holds"
                                             : "the others cannot all be whole pounds at once",
                                table.str());
  if (!best.pence_sum.empty())
    out += fmt::format("Each range is that budget's own; the total rows tie them: with the others whole they add up to {}.\n",
                       ranges_text(best.pence_sum));
  return out;
}

// The same kind of process with the other way of rounding halves, if it fits as well.
const ledger::CandidateFit* twin(const ledger::ProcessReconciliation& p) {
  const ledger::Process& b = p.best_fit().process;
  for (const auto& c : p.candidates)
    if (c.process.budgets == b.budgets && c.process.totals == b.totals && c.process.rounding != b.rounding &&
        c.reproduced == p.best_fit().reproduced)
      return &c;
  return nullptr;
}

}  // namespace

std::string process_words(const ledger::Process& p) {
  const char* budgets = p.budgets == ledger::Budgets::Pence ? "budgets held in pence the table does not print"
                                                            : "budgets in the whole pounds the data holds";
  const char* totals = p.totals == ledger::Totals::RoundedAlone
                           ? "every cell and every total rounded on its own from the exact shares"
                           : "every cell rounded on its own from the exact shares, the totals summed from the rounded cells";
  return fmt::format("{}; {}, halves {}", budgets, totals, p.rounding == ledger::Halves::HalfUp ? "up" : "to even");
}

std::string number_text(const ledger::NumberCheck& n, const ForceName& force_name) {
  return fmt::format("{} {}: {} for the published {}", n.row, n.column ? force_name(*n.column) : "TOTAL",
                     amount_text(n.predicted), amount_text(n.published));
}

std::string process_text(const ledger::ProcessReconciliation& p, const ForceName& force_name) {
  const ledger::CandidateFit& best = p.best_fit();
  std::string out = fmt::format("How the table was made: {}.\nFit: {}.\n", process_words(best.process), fit_text(best));
  if (!best.misses.empty()) out += fmt::format("It misses: {}.\n", misses_text(best.misses, force_name));
  if (const auto* other = twin(p))
    out += fmt::format("Rounding halves {} fits as well ({} of {}): the table's figures cannot tell the two apart.\n",
                       other->process.rounding == ledger::Halves::HalfUp ? "up" : "to even", other->reproduced,
                       other->published);
  const ledger::CandidateFit* whole = p.best_whole_pounds();
  if (best.process.budgets == ledger::Budgets::Pence && whole && !whole->exact())
    out += fmt::format("No whole-pound explanation fits: the best ({}) reproduces {} of {}; it misses {}.\n",
                       process_words(whole->process), whole->reproduced, whole->published,
                       misses_text(whole->misses, force_name));
  if (best.process.budgets == ledger::Budgets::Pence && best.exact()) out += budgets_text(best);
  out += p.unexplained.empty() ? "Published numbers no candidate explains: none.\n"
                               : fmt::format("Published numbers no candidate explains: {}.\n", misses_text(p.unexplained, force_name));
  TextTable table({"Reproduced", "Candidate process"}, {true, false});
  for (const auto& c : p.candidates)
    table.add({fmt::format("{} of {}{}", c.reproduced, c.published, c.solved ? "" : " (search stopped)"), process_words(c.process)});
  return out + "\nCandidates tested:\n" + table.str();
}

}  // namespace collab::cli
