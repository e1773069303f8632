// Candidate processes tested against a published table. Every published number is the rounding of
// an exact linear form in the budgets' pence, X / scale (a cell: pence x num / (100 den)); so each
// number is an integer interval on X, and for budgets in pence an interval constraint on them.
#include "ledger/publisher_process.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

namespace collab::ledger {

namespace {

const Int128 kPence = 100;
constexpr long long kMaxCombinations = 2'000'000;  // the coupled search's bound (pence processes)

Int128 floor_div(Int128 a, Int128 b) {  // b > 0
  Int128 q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}
Int128 ceil_div(Int128 a, Int128 b) { return -floor_div(-a, b); }  // b > 0
Int128 gcd(Int128 a, Int128 b) {                                   // std::gcd takes no __int128
  a = a < 0 ? -a : a;
  b = b < 0 ? -b : b;
  while (b != 0) a = std::exchange(b, a % b);
  return a;
}

/// Integers lo..hi, both included; empty when lo > hi.
struct IntRange {
  Int128 lo = 0;
  Int128 hi = -1;
  bool empty() const { return lo > hi; }
  bool contains(Int128 v) const { return lo <= v && v <= hi; }
  IntRange meet(IntRange o) const { return {std::max(lo, o.lo), std::min(hi, o.hi)}; }
};

/// The X with round(X / scale) == the published whole pounds (empty if it has pence).
IntRange preimage(Money published, Int128 scale, Halves r) {
  if (published.pence() % 100 != 0) return {};
  const Int128 c = published.pence() / 100;
  const Int128 lo2 = checked::mul(2 * c - 1, scale), hi2 = checked::mul(2 * c + 1, scale);  // 2 x the bounds
  if (r == Halves::HalfUp) return {ceil_div(lo2, 2), ceil_div(hi2, 2) - 1};
  if (c % 2 == 0) return {ceil_div(lo2, 2), floor_div(hi2, 2)};  // an even result takes both halves
  return {floor_div(lo2, 2) + 1, ceil_div(hi2, 2) - 1};
}

/// The pence p with coeff x p in `x` (coeff > 0).
IntRange pence_range(IntRange x, Int128 coeff) {
  if (x.empty()) return {};
  return {ceil_div(x.lo, coeff), floor_div(x.hi, coeff)};
}

/// A total row's column, or its TOTAL: sum over rows of coeff[r] x pence[r], over scale.
struct LinearForm {
  std::vector<Int128> coeff;  // per table row; 0 where the row is not in the sum
  Int128 scale = 1;
};

LinearForm column_form(const ProcessTable& table, const ProcessTable::TotalRow& total, std::size_t column) {
  Int128 lcm = 1;
  for (int r : total.rows)
    if (const auto& s = table.rows[static_cast<std::size_t>(r)].shares[column])
      lcm = checked::mul(lcm / gcd(lcm, s->den), s->den);
  LinearForm form{std::vector<Int128>(table.rows.size(), 0), checked::mul(lcm, kPence)};
  for (int r : total.rows)
    if (const auto& s = table.rows[static_cast<std::size_t>(r)].shares[column])
      form.coeff[static_cast<std::size_t>(r)] = checked::mul(s->num, lcm / s->den);
  return form;
}

LinearForm total_form(const ProcessTable& table, const ProcessTable::TotalRow& total) {
  LinearForm form{std::vector<Int128>(table.rows.size(), 0), kPence};
  for (int r : total.rows) form.coeff[static_cast<std::size_t>(r)] = 1;
  return form;
}

Int128 evaluate(const LinearForm& form, const std::vector<Money>& budgets) {
  Int128 x = 0;
  for (std::size_t r = 0; r < budgets.size(); ++r)
    if (form.coeff[r] != 0) x = checked::add(x, checked::mul(form.coeff[r], Int128{budgets[r].pence()}));
  return x;
}

Money cell_value(const Fraction& share, Money budget, Halves r) {
  return round_pounds(checked::mul(Int128{budget.pence()}, share.num), checked::mul(share.den, kPence), r);
}

}  // namespace

std::string process_name(const Process& p) {
  return fmt::format("{}/{}/{}", p.budgets == Budgets::WholePounds ? "whole-pounds" : "pence",
                     p.rounding == Halves::HalfUp ? "half-up" : "half-even",
                     p.totals == Totals::RoundedAlone ? "totals-rounded-alone" : "totals-summed");
}

int ProcessTable::published_numbers() const {
  int n = 0;
  for (const auto& row : rows) {
    for (const auto& c : row.cells) n += c ? 1 : 0;
    n += row.total ? 1 : 0;
  }
  for (const auto& t : totals) {
    for (const auto& c : t.cells) n += c ? 1 : 0;
    n += t.total ? 1 : 0;
  }
  return n;
}

const CandidateFit* ProcessReconciliation::best_whole_pounds() const {
  const CandidateFit* best_whole = nullptr;
  for (const auto& c : candidates)
    if (c.process.budgets == Budgets::WholePounds && (!best_whole || c.reproduced > best_whole->reproduced))
      best_whole = &c;
  return best_whole;
}

Money round_pounds(Int128 x, Int128 scale, Halves r) {
  const Int128 q = floor_div(x, scale);
  const Int128 twice_rem = checked::mul(x - q * scale, 2);
  Int128 pounds = q;
  if (twice_rem > scale || (twice_rem == scale && (r == Halves::HalfUp || q % 2 != 0))) pounds = q + 1;
  return Money::from_pence(checked::to_int64(checked::mul(pounds, kPence)));
}

std::vector<NumberCheck> predict(const ProcessTable& table, const Process& process, const std::vector<Money>& budgets) {
  std::vector<NumberCheck> out;
  std::vector<std::vector<Money>> cells(table.rows.size(), std::vector<Money>(table.columns.size()));
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    Money sum;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (row.shares[c]) cells[r][c] = cell_value(*row.shares[c], budgets[r], process.rounding);
      sum += cells[r][c];
      if (row.cells[c]) out.push_back({row.label, false, table.columns[c], *row.cells[c], cells[r][c]});
    }
    const Money total =
        process.totals == Totals::SummedCells ? sum : round_pounds(budgets[r].pence(), kPence, process.rounding);
    if (row.total) out.push_back({row.label, false, std::nullopt, *row.total, total});
  }
  for (const auto& t : table.totals) {
    Money grand;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      Money value;
      if (process.totals == Totals::SummedCells)
        for (int r : t.rows) value += cells[static_cast<std::size_t>(r)][c];
      else {
        const LinearForm form = column_form(table, t, c);
        value = round_pounds(evaluate(form, budgets), form.scale, process.rounding);
      }
      grand += value;
      if (t.cells[c]) out.push_back({t.label, true, table.columns[c], *t.cells[c], value});
    }
    if (process.totals == Totals::RoundedAlone)
      grand = round_pounds(evaluate(total_form(table, t), budgets), kPence, process.rounding);
    if (t.total) out.push_back({t.label, true, std::nullopt, *t.total, grand});
  }
  return out;
}

namespace {

/// The point of `box` inside most of `ranges`, nearest `target` (then the lowest), and the
/// intersection of those ranges around it.
struct BestPoint {
  int count = -1;
  Int128 point = 0;
  IntRange region;
};

BestPoint best_point(const std::vector<IntRange>& ranges, IntRange box, Int128 target) {
  std::vector<Int128> candidates{std::clamp(target, box.lo, box.hi)};
  for (const auto& r : ranges)
    for (Int128 v : {r.lo, r.hi})
      if (box.contains(v)) candidates.push_back(v);
  BestPoint best;
  auto distance = [&](Int128 v) { return v > target ? v - target : target - v; };
  for (Int128 v : candidates) {
    int n = 0;
    for (const auto& r : ranges) n += r.contains(v) ? 1 : 0;
    if (n > best.count || (n == best.count && (distance(v) < distance(best.point) ||
                                               (distance(v) == distance(best.point) && v < best.point))))
      best = {n, v, {}};
  }
  best.region = box;
  for (const auto& r : ranges)
    if (r.contains(best.point)) best.region = best.region.meet(r);
  return best;
}

/// One coupled constraint: sum of coeff[r] x pence[r] within `x`.
struct Coupled {
  std::vector<Int128> coeff;
  IntRange x;
};

/// Rows with the same coefficients in every coupled constraint, solved as one sum.
struct Group {
  std::vector<std::size_t> rows;
  std::vector<Int128> coeff;  // per constraint
  IntRange sums;              // every sum the rows' boxes allow (each integer in between is reachable)
  bool free() const {
    return std::all_of(coeff.begin(), coeff.end(), [](Int128 c) { return c == 0; });
  }
};

std::vector<Group> make_groups(const std::vector<IntRange>& boxes, const std::vector<Coupled>& cons) {
  std::map<std::vector<Int128>, std::size_t> index;
  std::vector<Group> groups;
  for (std::size_t r = 0; r < boxes.size(); ++r) {
    std::vector<Int128> key;
    for (const auto& k : cons) key.push_back(k.coeff[r]);
    auto [it, fresh] = index.emplace(key, groups.size());
    if (fresh) groups.push_back({{}, key, {0, 0}});
    Group& g = groups[it->second];
    g.rows.push_back(r);
    g.sums = {checked::add(g.sums.lo, boxes[r].lo), checked::add(g.sums.hi, boxes[r].hi)};
  }
  return groups;
}

/// Merges sorted-or-not ranges into disjoint ascending ones (adjacent ones joined).
std::vector<IntRange> merged(std::vector<IntRange> ranges) {
  std::sort(ranges.begin(), ranges.end(), [](IntRange a, IntRange b) { return a.lo < b.lo; });
  std::vector<IntRange> out;
  for (const auto& r : ranges) {
    if (r.empty()) continue;
    if (!out.empty() && r.lo <= out.back().hi + 1)
      out.back().hi = std::max(out.back().hi, r.hi);
    else
      out.push_back(r);
  }
  return out;
}

/// The coupled search: every group but the widest enumerated, the widest solved as an interval.
struct Solution {
  bool searched = true;
  int satisfied = -1;                           // the most coupled constraints met at once
  std::vector<Int128> witness;                  // per row: pence meeting `satisfied` of them
  std::vector<std::vector<IntRange>> feasible;  // per row, when all are met: the pence that can
  struct GroupSums {
    std::vector<std::size_t> rows;
    std::vector<IntRange> sums;  // the rows' pence added up, in every full solution
  };
  std::vector<GroupSums> groups;  // when all are met
};

class CoupledSearch {
 public:
  CoupledSearch(std::vector<IntRange> boxes, std::vector<Coupled> cons, std::vector<Int128> target)
      : boxes_(std::move(boxes)),
        cons_(std::move(cons)),
        target_(std::move(target)),
        groups_(make_groups(boxes_, cons_)) {
    // Groups in no constraint are never enumerated: any sum of theirs will do.
    widest_ = 0;
    for (std::size_t g = 1; g < groups_.size(); ++g)
      if (!groups_[g].free() && (groups_[widest_].free() || width(groups_[g]) > width(groups_[widest_]))) widest_ = g;
  }

  Solution run() {
    Solution out;
    if (groups_.empty()) {  // no budgets: each constraint holds or not at 0
      out.satisfied =
          static_cast<int>(std::count_if(cons_.begin(), cons_.end(), [](const Coupled& k) { return k.x.contains(0); }));
      return out;
    }
    Int128 combinations = 1;  // capped as it grows, so it never overflows
    for (std::size_t g = 0; g < groups_.size(); ++g)
      if (g != widest_ && !groups_[g].free())
        combinations = std::min<Int128>(kMaxCombinations + 1,
                                        combinations * std::min<Int128>(width(groups_[g]) + 1, kMaxCombinations + 1));
    if (combinations > kMaxCombinations) {
      out.searched = false;
      return out;
    }
    seen_.assign(groups_.size(), {});
    marks_.assign(groups_.size(), {});
    for (std::size_t g = 0; g < groups_.size(); ++g)
      if (g != widest_ && !groups_[g].free()) marks_[g].assign(static_cast<std::size_t>(width(groups_[g]) + 1), 0);
    std::vector<Int128> values(groups_.size());
    for (std::size_t g = 0; g < groups_.size(); ++g) values[g] = groups_[g].sums.lo;
    std::vector<Int128> best_values;
    do {
      visit(values, out, best_values);
    } while (next(values));
    if (out.satisfied < 0) return out;
    out.witness = split(best_values);
    if (out.satisfied == static_cast<int>(cons_.size())) {
      out.feasible = projections();
      for (std::size_t g = 0; g < groups_.size(); ++g) out.groups.push_back({groups_[g].rows, feasible_sums(g)});
    }
    return out;
  }

 private:
  static Int128 width(const Group& g) { return g.sums.hi - g.sums.lo; }

  bool next(std::vector<Int128>& values) const {
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      if (g == widest_ || groups_[g].free()) continue;
      if (values[g] < groups_[g].sums.hi) {
        ++values[g];
        return true;
      }
      values[g] = groups_[g].sums.lo;
    }
    return false;
  }

  // The widest group's sums meeting each constraint, given the other groups' values.
  void visit(std::vector<Int128>& values, Solution& out, std::vector<Int128>& best_values) {
    std::vector<IntRange> ranges;
    int always = 0;
    const IntRange everything{groups_[widest_].sums.lo, groups_[widest_].sums.hi};
    for (std::size_t k = 0; k < cons_.size(); ++k) {
      Int128 rest = 0;
      for (std::size_t g = 0; g < groups_.size(); ++g)
        if (g != widest_) rest = checked::add(rest, checked::mul(groups_[g].coeff[k], values[g]));
      const Int128 c = groups_[widest_].coeff[k];
      if (c == 0)
        always += cons_[k].x.contains(rest) ? 1 : 0;
      else
        ranges.push_back(pence_range({checked::sub(cons_[k].x.lo, rest), checked::sub(cons_[k].x.hi, rest)}, c));
    }
    const BestPoint best = best_point(ranges, everything, widest_target());
    const int satisfied = best.count + always;
    if (satisfied == static_cast<int>(cons_.size())) {
      for (std::size_t g = 0; g < groups_.size(); ++g)
        if (!marks_[g].empty()) marks_[g][static_cast<std::size_t>(values[g] - groups_[g].sums.lo)] = 1;
      seen_[widest_].push_back(best.region);
      if (seen_[widest_].size() > 4096) seen_[widest_] = merged(std::move(seen_[widest_]));
    }
    if (satisfied > out.satisfied) {
      out.satisfied = satisfied;
      values[widest_] = best.point;
      best_values = values;
    }
  }

  Int128 widest_target() const {
    Int128 t = 0;
    for (std::size_t r : groups_[widest_].rows) t += target_[r];
    return t;
  }

  // Pence per row adding up to each group's sum: every row from its lowest, the rest handed out in order.
  std::vector<Int128> split(const std::vector<Int128>& values) const {
    std::vector<Int128> pence(boxes_.size());
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      Int128 left = values[g] - groups_[g].sums.lo;
      for (std::size_t r : groups_[g].rows) {
        const Int128 extra = std::min(left, boxes_[r].hi - boxes_[r].lo);
        pence[r] = boxes_[r].lo + extra;
        left -= extra;
      }
    }
    return pence;
  }

  // A row's pence v can be met when some feasible sum G of its group has G - v within what the
  // group's other rows can add up to.
  std::vector<std::vector<IntRange>> projections() {
    std::vector<std::vector<IntRange>> out(boxes_.size());
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      const std::vector<IntRange> sums = feasible_sums(g);
      for (std::size_t r : groups_[g].rows) {
        const IntRange rest{groups_[g].sums.lo - boxes_[r].lo, groups_[g].sums.hi - boxes_[r].hi};
        std::vector<IntRange> values;
        for (const auto& s : sums) values.push_back(IntRange{s.lo - rest.hi, s.hi - rest.lo}.meet(boxes_[r]));
        out[r] = merged(values);
      }
    }
    return out;
  }

  // The sums of group g that some full solution has.
  std::vector<IntRange> feasible_sums(std::size_t g) const {
    if (g == widest_) return merged(seen_[g]);
    if (marks_[g].empty()) return {groups_[g].sums};  // in no constraint
    std::vector<IntRange> out;
    for (std::size_t i = 0; i < marks_[g].size(); ++i)
      if (marks_[g][i])
        out.push_back({groups_[g].sums.lo + static_cast<Int128>(i), groups_[g].sums.lo + static_cast<Int128>(i)});
    return merged(out);
  }

  std::vector<IntRange> boxes_;
  std::vector<Coupled> cons_;
  std::vector<Int128> target_;
  std::vector<Group> groups_;
  std::size_t widest_ = 0;
  std::vector<std::vector<IntRange>> seen_;  // the widest group's sums met by a full solution
  std::vector<std::vector<char>> marks_;     // the enumerated groups' sums met by one (by sum - lowest)
};

/// One row's own constraints on its budget's pence: its cells, and (totals rounded alone) its TOTAL.
std::vector<IntRange> row_constraints(const ProcessTable::Row& row, const Process& process) {
  std::vector<IntRange> out;
  for (std::size_t c = 0; c < row.cells.size(); ++c)
    if (row.cells[c] && row.shares[c])
      out.push_back(pence_range(preimage(*row.cells[c], checked::mul(row.shares[c]->den, kPence), process.rounding),
                                row.shares[c]->num));
  if (row.total && process.totals == Totals::RoundedAlone)
    out.push_back(preimage(*row.total, kPence, process.rounding));
  return out;
}

std::vector<Coupled> coupled_constraints(const ProcessTable& table, const Process& process) {
  std::vector<Coupled> out;
  for (const auto& t : table.totals) {
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      if (t.cells[c]) {
        LinearForm f = column_form(table, t, c);
        out.push_back({std::move(f.coeff), preimage(*t.cells[c], f.scale, process.rounding)});
      }
    if (t.total) out.push_back({total_form(table, t).coeff, preimage(*t.total, kPence, process.rounding)});
  }
  return out;
}

// Where a budget in pence can be: within half a pound of the whole pounds the data holds (either
// way of rounding a half).
IntRange search_box(Money budget) { return {Int128{budget.pence()} - 50, Int128{budget.pence()} + 50}; }

std::vector<PenceRange> pence_ranges(const std::vector<IntRange>& ranges) {
  std::vector<PenceRange> out;
  for (const auto& r : ranges)
    out.push_back({Money::from_pence(checked::to_int64(r.lo)), Money::from_pence(checked::to_int64(r.hi))});
  return out;
}

bool contains(const std::vector<PenceRange>& ranges, Money m) {
  for (const auto& r : ranges)
    if (r.lowest <= m && m <= r.highest) return true;
  return false;
}

void score(CandidateFit& fit, const ProcessTable& table) {
  fit.misses.clear();
  fit.reproduced = 0;
  for (auto& n : predict(table, fit.process, fit.budgets)) {
    if (n.reproduced())
      ++fit.reproduced;
    else
      fit.misses.push_back(std::move(n));
  }
}

}  // namespace

namespace {

/// Each row's own best region: the pence meeting most of its own constraints, nearest the data's.
std::vector<BestPoint> row_regions(const ProcessTable& table, const Process& process) {
  std::vector<BestPoint> out;
  for (const auto& row : table.rows) {
    const Int128 held = row.budget.pence();
    out.push_back(best_point(row_constraints(row, process), search_box(row.budget), held));
  }
  return out;
}

std::vector<Int128> held_pence(const ProcessTable& table) {
  std::vector<Int128> out;
  for (const auto& row : table.rows) out.push_back(row.budget.pence());
  return out;
}

/// The coupled search over the rows' regions; rows in `whole` held at the data's budget.
Solution solve_coupled(const ProcessTable& table, const Process& process, const std::vector<BestPoint>& regions,
                       const std::vector<bool>& whole) {
  std::vector<IntRange> boxes;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const Int128 held = table.rows[r].budget.pence();
    boxes.push_back(whole[r] ? regions[r].region.meet({held, held}) : regions[r].region);
    if (boxes.back().empty()) return {};
  }
  return CoupledSearch(boxes, coupled_constraints(table, process), held_pence(table)).run();
}

void fill_budget_fits(CandidateFit& out, const ProcessTable& table, const Process& process,
                      const std::vector<BestPoint>& regions, const Solution& all_free) {
  std::vector<bool> whole(table.rows.size(), false);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    BudgetFit b{table.rows[r].label, table.rows[r].budget, pence_ranges(all_free.feasible[r]), false, {}};
    b.needs_pence = !contains(b.feasible, b.data_budget);
    whole[r] = !b.needs_pence;
    out.budget_fits.push_back(std::move(b));
  }
  const Solution held = solve_coupled(table, process, regions, whole);
  if (held.feasible.empty()) return;
  for (std::size_t r = 0; r < table.rows.size(); ++r)
    out.budget_fits[r].with_others_whole = pence_ranges(held.feasible[r]);
  // When the budgets in pence share one group, their sum is that group's, less its whole budgets.
  for (const auto& g : held.groups) {
    Int128 whole_part = 0;
    int needing = 0;
    for (std::size_t r : g.rows) {
      if (whole[r]) whole_part += table.rows[r].budget.pence();
      needing += whole[r] ? 0 : 1;
    }
    if (needing == 0) continue;
    if (needing != static_cast<int>(std::count(whole.begin(), whole.end(), false))) return;  // spread over groups
    std::vector<IntRange> sums;
    for (const auto& s : g.sums) sums.push_back({s.lo - whole_part, s.hi - whole_part});
    out.pence_sum = pence_ranges(sums);
  }
}

CandidateFit fit_pence(const ProcessTable& table, const Process& process) {
  CandidateFit out{process, 0, table.published_numbers(), true, {}, {}, {}, {}};
  const std::vector<BestPoint> regions = row_regions(table, process);
  for (const auto& r : regions) out.budgets.push_back(Money::from_pence(checked::to_int64(r.point)));
  if (process.totals == Totals::SummedCells) {
    // Totals follow from the rounded cells: each row is on its own, at its best point.
    for (std::size_t r = 0; r < regions.size(); ++r) {
      const bool all_met = regions[r].count == static_cast<int>(row_constraints(table.rows[r], process).size());
      BudgetFit b{table.rows[r].label, table.rows[r].budget, {}, false, {}};
      if (all_met) b.feasible = pence_ranges({regions[r].region});
      b.needs_pence = !contains(b.feasible, b.data_budget);
      b.with_others_whole = b.feasible;
      out.budget_fits.push_back(std::move(b));
    }
    score(out, table);
    return out;
  }
  const Solution all_free = solve_coupled(table, process, regions, std::vector<bool>(table.rows.size(), false));
  out.solved = all_free.searched;
  if (all_free.satisfied >= 0)
    for (std::size_t r = 0; r < regions.size(); ++r)
      out.budgets[r] = Money::from_pence(checked::to_int64(all_free.witness[r]));
  score(out, table);  // counted at the witness, so the fit is what the budgets found really give
  if (!all_free.feasible.empty()) fill_budget_fits(out, table, process, regions, all_free);
  return out;
}

}  // namespace

CandidateFit fit(const ProcessTable& table, const Process& process) {
  if (process.budgets == Budgets::Pence) return fit_pence(table, process);
  CandidateFit out{process, 0, table.published_numbers(), true, {}, {}, {}, {}};
  for (const auto& row : table.rows) out.budgets.push_back(row.budget);
  score(out, table);
  return out;
}

ProcessReconciliation test_processes(const ProcessTable& table) {
  ProcessReconciliation out;
  out.published = table.published_numbers();
  for (Budgets b : {Budgets::WholePounds, Budgets::Pence})
    for (Halves r : {Halves::HalfUp, Halves::HalfEven})
      for (Totals t : {Totals::RoundedAlone, Totals::SummedCells}) out.candidates.push_back(fit(table, {r, t, b}));
  for (std::size_t i = 1; i < out.candidates.size(); ++i)
    if (out.candidates[i].reproduced > out.best_fit().reproduced) out.best = static_cast<int>(i);
  // A number is unexplained when every candidate misses it.
  for (const auto& miss : out.candidates.front().misses) {
    bool everywhere = true;
    for (const auto& c : out.candidates)
      everywhere = everywhere && std::any_of(c.misses.begin(), c.misses.end(), [&](const NumberCheck& m) {
                     return m.row == miss.row && m.column == miss.column && m.total_row == miss.total_row;
                   });
    if (everywhere) out.unexplained.push_back(miss);
  }
  return out;
}

namespace {

std::optional<Fraction> share_of(const LedgerRow& row, const ForceId& force) {
  const Contribution* c = row.find(force);
  if (c == nullptr) return std::nullopt;
  int scale = 0;
  for (const auto& x : row.contributions) scale = std::max(scale, x.share.apportioned_by.scale);
  auto scaled = [&](const ExactWeight& w) { return checked::mul(Int128{w.units}, pow10(scale - w.scale)); };
  Int128 sum = 0;
  for (const auto& x : row.contributions) sum = checked::add(sum, scaled(x.share.apportioned_by));
  const Int128 num = scaled(c->share.apportioned_by);
  const Int128 g = gcd(num, sum);
  return Fraction{num / g, sum / g};
}

std::vector<std::optional<Money>> cells_of(const std::map<ForceId, Money>& amounts, const PublishedContributions& p) {
  std::vector<std::optional<Money>> out;
  for (const auto& column : p.columns) {
    auto it = amounts.find(column.force);
    out.push_back(it == amounts.end() ? std::nullopt : std::optional<Money>(it->second));
  }
  return out;
}

bool counts_in(TotalOf of, ContributionKind kind) {
  return of == TotalOf::All || (of == TotalOf::Cash) == (kind == ContributionKind::Cash);
}

}  // namespace

ProcessTable process_table(const Ledger& ledger, const PublishedContributions& published) {
  ProcessTable table;
  for (const auto& column : published.columns) table.columns.push_back(column.force);
  std::vector<ContributionKind> kinds;
  for (const PublishedRow& prow : published.rows) {
    const LedgerRow* row = prow.unit ? ledger.find(*prow.unit, prow.kind) : nullptr;
    if (row == nullptr || row->failed()) continue;
    ProcessTable::Row out{prow.label, row->budget, {}, cells_of(prow.amounts, published), prow.published_total};
    for (const auto& column : published.columns) out.shares.push_back(share_of(*row, column.force));
    table.rows.push_back(std::move(out));
    kinds.push_back(prow.kind);
  }
  for (const PublishedTotalRow& total : published.totals) {
    ProcessTable::TotalRow out{total.label, {}, cells_of(total.amounts, published), total.published_total};
    for (std::size_t r = 0; r < kinds.size(); ++r)
      if (counts_in(total.of, kinds[r])) out.rows.push_back(static_cast<int>(r));
    table.totals.push_back(std::move(out));
  }
  return table;
}

}  // namespace collab::ledger
