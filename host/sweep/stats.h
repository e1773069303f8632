#pragma once
// Exact order statistics of a stream of whole pence in bounded memory. No single pass can give
// exact percentiles in bounded memory in general, so a Summary may ask for more passes over the
// same values (a sweep replays the same seeded scenarios): the first pass keeps the count, min,
// max and sum, and a fixed-size histogram whose bin width doubles as the range grows (and, while
// there are few values, the values themselves); each later pass either collects the values inside
// the bin that holds a target rank, when they are few enough, or histograms that bin again, so
// the interval shrinks by the bin count each pass and ends at one penny at worst (a handful of
// passes for any int64 range). Memory: the bins and at most `cap` values per target, whatever
// the number of values.
//
// With windows, the first pass also keeps, for each percentile, the values around where it
// stands so far (ranks within cap / 4 of its running estimate, re-centred whenever cap values
// have gathered, with exact counts of the values below): for a stream of independent draws the
// percentile ends inside its window and one pass is enough. When it does not (a stream that
// drifts, or so many equal values that the window cannot narrow), the later passes find it as
// above: the figures are exact either way.
//
// Percentiles are nearest rank: the p-th percentile of n values is the value of rank
// ceil(p * n / 100) (at least 1) in ascending order, numpy's method="inverted_cdf". The mean is
// the exact sum over n, rounded to the penny, halves away from zero.

#include <cstdint>
#include <optional>
#include <vector>

#include "calc/checked.h"

namespace collab::sweep {

/// The percentiles a sweep reports.
inline constexpr int kPercentiles[] = {5, 50, 95};

/// The 1-based rank of the p-th percentile of n values (nearest rank): ceil(p * n / 100), >= 1.
std::uint64_t nearest_rank(int p, std::uint64_t n);

struct Figures {
  std::uint64_t count = 0;
  std::int64_t min = 0, max = 0, mean = 0;
  std::int64_t p5 = 0, p50 = 0, p95 = 0;
};

class Summary {
 public:
  /// `bins` per histogram (at least 4), `cap` values kept per target before binning again;
  /// `windows`: keep a window of values around each percentile in the first pass (3 x cap values
  /// more memory), so that one pass is usually enough.
  explicit Summary(std::size_t bins = 4096, std::size_t cap = 8192, bool windows = false);

  /// Pass 1: every value once.
  void add(std::int64_t value) { pass_ == 1 ? add_first(value) : add_later(value); }
  /// Ends the current pass. True when every figure is known; false when another pass over the same
  /// values (in any order) is needed.
  bool end_pass();
  int pass() const { return pass_; }
  /// Valid once end_pass returned true (all zero for no values).
  Figures figures() const;

 private:
  struct Target {
    std::uint64_t rank = 0;          // 1-based, among all values
    std::optional<std::int64_t> value;
    Int128 lo = 0, hi = 0;         // the values still in question: [lo, hi]
    std::uint64_t below = 0;         // how many values are below lo
    std::uint64_t inside = 0;        // how many are in [lo, hi]
    bool collect = false;            // this pass: keep the values in [lo, hi] (else bin them)
    Int128 width = 1;              // this pass's bins, when binning
    std::vector<std::int64_t> values;
    std::vector<std::uint64_t> bins;
  };
  void add_first(std::int64_t value);
  void add_later(std::int64_t value);
  void grow(std::int64_t value);
  // Narrows `t` to the bin of `bins` (starting at `origin`, `width` wide) holding its rank.
  void narrow(Target& t, const std::vector<std::uint64_t>& bins, Int128 origin, Int128 width);
  void plan(Target& t);
  // A percentile's running window (first pass, with windows): every value in [lo, hi], and how
  // many were below lo.
  struct Window {
    bool alive = false;
    std::int64_t lo = 0, hi = 0;
    std::uint64_t below = 0;
    std::vector<std::int64_t> values;
  };
  void open_windows();
  void recentre(Window& w, int percentile);

  std::size_t bins_, cap_;
  int pass_ = 1;
  std::uint64_t count_ = 0;
  std::int64_t min_ = 0, max_ = 0;
  Int128 sum_ = 0;
  std::vector<std::int64_t> early_;   // every value while there are at most cap_
  bool early_ok_ = true;
  std::vector<std::uint64_t> hist_;   // pass 1's histogram: [origin_, origin_ + bins_ * width_)
  Int128 origin_ = 0, width_ = 1;
  std::vector<Target> targets_;
  bool windowed_ = false;
  std::vector<Window> windows_;  // one per kPercentiles entry, once early_ overflows
};

}  // namespace collab::sweep
