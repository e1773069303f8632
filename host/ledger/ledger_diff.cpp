// Two ledgers of a year compared figure by figure.

#include "ledger/ledger_diff.h"

#include <algorithm>

namespace collab::ledger {

std::vector<FigureChange> changed_figures(const Ledger& before, const Ledger& after) {
  std::vector<FigureChange> out;
  auto part = [](const LedgerRow* row, const ForceId& f) {
    const Contribution* c = row ? row->find(f) : nullptr;
    return c ? c->amount() : Money{};
  };
  std::vector<std::pair<const LedgerRow*, const LedgerRow*>> lines;
  for (const auto& row : after.rows) lines.emplace_back(before.find(row.unit, row.kind), &row);
  for (const auto& row : before.rows)
    if (after.find(row.unit, row.kind) == nullptr) lines.emplace_back(&row, nullptr);
  for (const auto& line : lines) {
    const LedgerRow* was = line.first;
    const LedgerRow* now = line.second;
    if ((was && was->failed()) || (now && now->failed())) continue;
    const LedgerRow& row = now ? *now : *was;
    auto add = [&](std::optional<ForceId> force, Money a, Money b) {
      if (a != b) out.push_back({after.year, row.unit, row.label, row.kind, std::move(force), a, b});
    };
    add(std::nullopt, was ? was->budget : Money{}, now ? now->budget : Money{});
    std::vector<ForceId> forces;
    for (const Force& f : after.model->forces) forces.push_back(f.id);
    for (const LedgerRow* r : {was, now})
      if (r)
        for (const auto& c : r->contributions)
          if (std::find(forces.begin(), forces.end(), c.force) == forces.end()) forces.push_back(c.force);
    for (const ForceId& f : forces) add(f, part(was, f), part(now, f));
  }
  return out;
}

}  // namespace collab::ledger
