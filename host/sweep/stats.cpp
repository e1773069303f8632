#include "sweep/stats.h"

#include <algorithm>
#include <climits>
#include <iterator>
#include <stdexcept>

namespace collab::sweep {

namespace {

Int128 floor_div(Int128 a, Int128 b) {  // b > 0
  Int128 q = a / b;
  if ((a % b != 0) && (a < 0)) --q;
  return q;
}

}  // namespace

std::uint64_t nearest_rank(int p, std::uint64_t n) {
  const auto num = static_cast<Int128>(p) * n;
  const auto rank = static_cast<std::uint64_t>((num + 99) / 100);
  return std::max<std::uint64_t>(rank, 1);
}

Summary::Summary(std::size_t bins, std::size_t cap, bool windows)
    : bins_(std::max<std::size_t>(bins, 4)), cap_(cap), windowed_(windows && cap >= 8) {}

// The values kept so far (early_, every one) become each percentile's first window.
void Summary::open_windows() {
  windows_.assign(std::size(kPercentiles), {});
  for (std::size_t i = 0; i < windows_.size(); ++i) {
    Window& w = windows_[i];
    w.alive = true;
    w.lo = INT64_MIN;
    w.hi = INT64_MAX;
    w.values = early_;
    recentre(w, kPercentiles[i]);
  }
}

// Keeps the values within cap / 4 ranks of where the percentile stands now; gives up the window
// (later passes decide) when the estimate has left it or equal values keep it from narrowing.
void Summary::recentre(Window& w, int percentile) {
  const std::uint64_t rank = nearest_rank(percentile, count_);
  const std::uint64_t size = w.values.size();
  if (rank <= w.below || rank > w.below + size) {
    w = Window{};
    return;
  }
  const std::uint64_t at = rank - w.below;  // 1-based, inside the window
  const std::uint64_t half = cap_ / 4;
  const std::uint64_t first = at > half ? at - half : 1, last = std::min(size, at + half);
  auto nth = [&](std::uint64_t k) {
    std::nth_element(w.values.begin(), w.values.begin() + static_cast<std::ptrdiff_t>(k - 1), w.values.end());
    return w.values[k - 1];
  };
  const std::int64_t lo = nth(first), hi = nth(last);
  std::uint64_t below = w.below;
  std::size_t kept = 0;
  for (std::int64_t v : w.values) {
    if (v < lo) ++below;
    else if (v <= hi) w.values[kept++] = v;
  }
  w.values.resize(kept);
  if (kept > cap_ * 3 / 4) {  // many equal values: the window would not narrow
    w = Window{};
    return;
  }
  w.lo = lo;
  w.hi = hi;
  w.below = below;
}

void Summary::add_first(std::int64_t value) {
  if (count_ == 0) {
    min_ = max_ = value;
    hist_.assign(bins_, 0);
    width_ = 1;
    origin_ = static_cast<Int128>(value) - static_cast<Int128>(bins_ / 2);
  }
  ++count_;
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
  sum_ += value;
  if (early_ok_) {
    if (early_.size() < cap_) early_.push_back(value);
    else {
      early_ok_ = false;
      early_.push_back(value);
      if (windowed_) open_windows();
      early_.clear();
      early_.shrink_to_fit();
    }
  } else {
    for (std::size_t i = 0; i < windows_.size(); ++i) {
      Window& w = windows_[i];
      if (!w.alive) continue;
      if (value < w.lo) {
        ++w.below;
      } else if (value <= w.hi) {
        w.values.push_back(value);
        if (w.values.size() > cap_) recentre(w, kPercentiles[i]);
      }
    }
  }
  grow(value);
  ++hist_[static_cast<std::size_t>((static_cast<Int128>(value) - origin_) / width_)];
}

// Doubles the bins' width (merging neighbours, the origin aligned down to the new width, and
// moved a quarter of the bins further down when the value is below) until `value` falls inside
// them. Each old bin lies inside one new bin, and the old range inside the new one: the origin
// moves down by at most w + (bins / 4) x 2w <= bins x w.
void Summary::grow(std::int64_t value) {
  const Int128 v = value;
  while (v < origin_ || v >= origin_ + static_cast<Int128>(bins_) * width_) {
    const Int128 wider = width_ * 2;
    const Int128 origin = floor_div(origin_, wider) * wider - (v < origin_ ? static_cast<Int128>(bins_ / 4) * wider : 0);
    std::vector<std::uint64_t> merged(bins_, 0);
    for (std::size_t i = 0; i < bins_; ++i)
      if (hist_[i] != 0) {
        const Int128 start = origin_ + static_cast<Int128>(i) * width_;
        merged[static_cast<std::size_t>((start - origin) / wider)] += hist_[i];
      }
    hist_ = std::move(merged);
    origin_ = origin;
    width_ = wider;
  }
}

void Summary::narrow(Target& t, const std::vector<std::uint64_t>& bins, Int128 origin, Int128 width) {
  std::uint64_t below = t.below;
  for (std::size_t i = 0; i < bins.size(); ++i) {
    if (below + bins[i] >= t.rank) {
      const Int128 lo = origin + static_cast<Int128>(i) * width;
      t.lo = std::max(lo, t.lo);
      t.hi = std::min(lo + width - 1, t.hi);
      t.below = below;
      t.inside = bins[i];
      return;
    }
    below += bins[i];
  }
  throw std::logic_error("sweep statistics: a rank beyond the values counted");
}

// Decides what the next pass does for `t`, or resolves it.
void Summary::plan(Target& t) {
  if (t.lo == t.hi) {
    t.value = static_cast<std::int64_t>(t.lo);
    return;
  }
  t.collect = t.inside <= cap_;
  t.values.clear();
  if (!t.collect) {
    const Int128 span = t.hi - t.lo + 1;
    t.width = (span + static_cast<Int128>(bins_) - 1) / static_cast<Int128>(bins_);
    t.bins.assign(bins_, 0);
  }
}

bool Summary::end_pass() {
  if (pass_ == 1) {
    if (count_ == 0) return true;
    for (int p : kPercentiles) {
      Target t;
      t.rank = nearest_rank(p, count_);
      t.lo = min_;
      t.hi = max_;
      const std::size_t index = targets_.size();
      Window* w = index < windows_.size() && windows_[index].alive ? &windows_[index] : nullptr;
      if (early_ok_) {
        std::nth_element(early_.begin(), early_.begin() + static_cast<std::ptrdiff_t>(t.rank - 1), early_.end());
        t.value = early_[t.rank - 1];
      } else if (w != nullptr && t.rank > w->below && t.rank <= w->below + w->values.size()) {
        const auto k = static_cast<std::ptrdiff_t>(t.rank - w->below - 1);
        std::nth_element(w->values.begin(), w->values.begin() + k, w->values.end());
        t.value = w->values[static_cast<std::size_t>(k)];
      } else {
        narrow(t, hist_, origin_, width_);
        plan(t);
      }
      targets_.push_back(std::move(t));
    }
    early_.clear();
    early_.shrink_to_fit();
    windows_.clear();
    windows_.shrink_to_fit();
    hist_.clear();
    hist_.shrink_to_fit();
  } else {
    for (Target& t : targets_) {
      if (t.value) continue;
      if (t.collect) {
        if (t.values.size() != t.inside) throw std::logic_error("sweep statistics: a later pass saw other values than the first");
        const auto k = static_cast<std::ptrdiff_t>(t.rank - t.below - 1);
        std::nth_element(t.values.begin(), t.values.begin() + k, t.values.end());
        t.value = t.values[static_cast<std::size_t>(k)];
        t.values.clear();
        t.values.shrink_to_fit();
      } else {
        const std::vector<std::uint64_t> bins = std::move(t.bins);
        narrow(t, bins, t.lo, t.width);
        plan(t);
      }
    }
  }
  ++pass_;
  return std::all_of(targets_.begin(), targets_.end(), [](const Target& t) { return t.value.has_value(); });
}

void Summary::add_later(std::int64_t value) {
  const Int128 v = value;
  for (Target& t : targets_) {
    if (t.value || v < t.lo || v > t.hi) continue;
    if (t.collect) t.values.push_back(value);
    else ++t.bins[static_cast<std::size_t>((v - t.lo) / t.width)];
  }
}

Figures Summary::figures() const {
  Figures f;
  f.count = count_;
  if (count_ == 0) return f;
  f.min = min_;
  f.max = max_;
  const Int128 n = static_cast<Int128>(count_);
  const Int128 magnitude = sum_ < 0 ? -sum_ : sum_;
  const Int128 rounded = (2 * magnitude + n) / (2 * n);  // halves away from zero
  f.mean = static_cast<std::int64_t>(sum_ < 0 ? -rounded : rounded);
  f.p5 = targets_.at(0).value.value_or(0);
  f.p50 = targets_.at(1).value.value_or(0);
  f.p95 = targets_.at(2).value.value_or(0);
  return f;
}

}  // namespace collab::sweep
