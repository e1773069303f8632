// Checks of the facts the documents give in their text (headline savings, stated budgets, the
// 2006-11 funding table, governance) against each other and against the tables. Nothing here
// fails a load: a published figure that does not agree is kept and shown, with both places.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "load/checks.h"

namespace collab::load {
namespace {

std::string place(const Source& s) { return fmt::format("{}, '{}'", s.document, s.table); }

// Headlines about some forces against the region's, where both give a figure of the same kind.
void check_headline_savings(const Model& m, Diagnostics& out) {
  const auto& all = m.headline_savings;
  for (const auto& h : all) {
    if (h.amount && h.per_year && h.from_year && h.to_year && *h.to_year > *h.from_year &&
        *h.amount < *h.per_year)
      out.warning(h.where, fmt::format("headline '{}': {} over {} to {} is less than the {} a year it states",
                                       h.id, format_pounds(*h.amount), *h.from_year, *h.to_year, format_pounds(*h.per_year)));
    if (h.scope != "forces" || !h.per_year) continue;
    for (const auto& region : all)
      if (region.scope == "region" && region.per_year && region.source.document == h.source.document &&
          *h.per_year > *region.per_year)
        out.warning(h.where, fmt::format("headline '{}': {} a year for {} is more than the region's {} ('{}', {})", h.id,
                                         format_pounds(*h.per_year), fmt::join(h.forces, ", "),
                                         format_pounds(*region.per_year), region.id, region.where.str()));
  }
  // A region's share of its savings requirement cannot be below every one of its forces' shares.
  for (const auto& region : all) {
    if (region.scope != "region" || !region.share_of_requirement) continue;
    std::map<ForceId, const HeadlineSaving*> by_force;
    for (const auto& h : all)
      if (h.scope == "forces" && h.share_of_requirement)
        for (const auto& f : h.forces) by_force[f] = &h;
    if (by_force.size() != m.forces.size()) continue;
    bool all_above = std::all_of(by_force.begin(), by_force.end(), [&](const auto& entry) {
      const HeadlineSaving& h = *entry.second;
      return h.share_above ? *h.share_of_requirement >= *region.share_of_requirement
                           : *h.share_of_requirement > *region.share_of_requirement;
    });
    if (all_above)
      out.warning(region.where, fmt::format("headline '{}': the region meets {} of its savings requirement through "
                                            "collaboration, but every force is stated to meet more",
                                            region.id, format_percent(*region.share_of_requirement, 0)));
  }
}

// A unit's stated budget with the saving beside it is its cost before collaboration; the
// business case gives that cost too.
void check_stated_budgets(const Model& m, Diagnostics& out) {
  if (!m.business_cases) return;
  for (const auto& b : m.stated_budgets) {
    if (!b.unit || !b.saving) continue;
    for (const auto& row : m.business_cases->rows) {
      if (std::find(row.units.begin(), row.units.end(), *b.unit) == row.units.end()) continue;
      const Money before = b.amount + *b.saving;
      if (before == row.budget_without_collaboration) continue;
      out.note(b.where,
               fmt::format("'{}' before collaboration: {} + {} saved = {} ({}), but {} row '{}' gives {} without "
                           "collaboration (difference {})",
                           *b.unit, format_money(b.amount), format_money(*b.saving), format_money(before), place(b.source),
                           place(m.business_cases->source), row.function, format_money(row.budget_without_collaboration),
                           format_money(before - row.budget_without_collaboration)),
               "kept as stated: the table's numbers are rounded and its major crime budget includes staff costs held "
               "within force");
    }
  }
}

// The funding table's TOTAL row: a printed figure is checked against its column; the years whose
// total is missing are one note, with what each column's figures come to.
void check_increased_funding(const Model& m, Diagnostics& out) {
  if (!m.increased_funding) return;
  const FundingTable& t = *m.increased_funding;
  std::vector<std::string> missing;
  std::string printed_instead;
  for (size_t i = 0; i < t.years.size() && i < t.total.size(); ++i) {
    Money sum;
    std::vector<std::string> unknown;
    for (const auto& row : t.rows) {
      if (i >= row.cells.size()) continue;
      const PrintedCell& cell = row.cells[i];
      if (cell.amount) sum += *cell.amount;
      else if (!cell.printed.empty()) unknown.push_back(fmt::format("'{}' prints '{}'", row.label, cell.printed));
    }
    const PrintedCell& total = t.total[i];
    const std::string unknown_text = unknown.empty() ? "" : fmt::format(" ({})", fmt::join(unknown, "; "));
    if (total.amount) {
      if (*total.amount != sum)
        out.warning(t.where, fmt::format("'{}' ({}) TOTAL for {}: the rows add up to {}{} but the table prints {}",
                                         t.source.table, t.source.document, t.years[i].str(), format_money(sum),
                                         unknown_text, format_money(*total.amount)), "kept as published");
      continue;
    }
    if (printed_instead.empty()) printed_instead = total.printed.empty() ? "blank" : "'" + total.printed + "'";
    missing.push_back(fmt::format("{} {}{}", t.years[i].str(), format_money(sum), unknown_text));
  }
  if (!missing.empty())
    out.note(t.where, fmt::format("'{}' ({}) TOTAL is not printed ({}) for {} of {} years; the figures the rows print add "
                                  "up to: {}", t.source.table, t.source.document, printed_instead, missing.size(),
                                  t.years.size(), fmt::join(missing, "; ")),
             "the table gives no total; the tool does not fill one in");
}

// "bi-monthly", "five times a year": how many meetings a year, where the words say.
std::optional<int> meetings_a_year(std::string meets) {
  std::transform(meets.begin(), meets.end(), meets.begin(), [](unsigned char c) { return std::tolower(c); });
  static const std::map<std::string, int> kWords = {{"weekly", 52}, {"monthly", 12}, {"bi-monthly", 6},
                                                    {"quarterly", 4}, {"annually", 1}, {"twice a year", 2}};
  if (auto it = kWords.find(meets); it != kWords.end()) return it->second;
  static const char* kNumbers[] = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
  for (int n = 0; n < 10; ++n)
    if (meets == fmt::format("{} times a year", kNumbers[n])) return n + 1;
  return std::nullopt;
}

void check_governance(const Model& m, Diagnostics& out) {
  for (const auto& b : m.governance.boards) {
    auto computed = meetings_a_year(b.meets);
    if (computed && b.times_per_year && *computed != *b.times_per_year)
      out.warning(b.where, fmt::format("board '{}' meets '{}', which is {} times a year, but 'times_per_year' is {}", b.id,
                                       b.meets, *computed, *b.times_per_year));
  }
  // A portfolio's units against their own records: the PCC lead the register names, or the
  // portfolio the unit is filed under.
  for (const auto& table : m.governance.portfolios)
    for (const auto& lead : table.leads)
      for (const auto& id : lead.units) {
        const Collaboration* c = m.collaboration(id);
        if (c == nullptr) continue;
        if (lead.force && c->leads.pcc && *c->leads.pcc != *lead.force)
          out.note(lead.where, fmt::format("'{}' portfolio lead: {} ({}; {}), but the register's PCC lead for '{}' is {}",
                                           lead.portfolio, *lead.force, lead.lead, place(table.source), id, *c->leads.pcc),
                   "both kept: the register is later");
        if (!lead.force && !c->portfolio.empty() && c->portfolio != lead.portfolio)
          out.note(lead.where, fmt::format("'{}' lists '{}' under portfolio '{}' ({}), but its record files it under '{}'",
                                           table.id, id, lead.portfolio, place(table.source), c->portfolio),
                   "both kept");
      }
}

}  // namespace

void check_stated_disagreements(const Model& m, Diagnostics& out) {
  for (const StatedDisagreement& d : m.disagreements)
    out.note(d.where,
             fmt::format("{}: sources disagree: {} says {} ({}{}); {} says {} ({}{}). The model uses {}", d.fact,
                         d.first.document, d.first_says, d.first.table, d.first.note.empty() ? "" : ": " + d.first.note,
                         d.second.document, d.second_says, d.second.table,
                         d.second.note.empty() ? "" : ": " + d.second.note, d.model_uses),
             "both kept as printed");
}

void check_record(const Model& m, Diagnostics& out) {
  check_headline_savings(m, out);
  check_stated_budgets(m, out);
  check_increased_funding(m, out);
  check_governance(m, out);
}

}  // namespace collab::load
