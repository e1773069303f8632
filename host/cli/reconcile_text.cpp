#include "cli/reconcile_text.h"

#include <fmt/format.h>

#include "cli/money_text.h"

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
    case ledger::CauseKind::BudgetPence:
      return fmt::format("within one rounding unit of the exact share {}: the source rounded from a budget with pence "
                         "the table does not print",
                         exact);
    case ledger::CauseKind::NotRounding:
      return fmt::format("not rounding: the published cell is {} from the exact share {}; the table used other shares, "
                         "another formula or another budget",
                         format_money(c.gap), exact);
    case ledger::CauseKind::SumOfRows:
      return "the sum of this force's rows above (the published total carries the differences of those rows)";
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
