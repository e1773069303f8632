#include "core/suggest.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace collab {

std::string lower_case(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

namespace {

// Levenshtein distance, two rows.
size_t distance(const std::string& a, const std::string& b) {
  std::vector<size_t> previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

std::optional<std::string> nearest(std::string_view typed, const std::vector<std::string>& candidates) {
  const std::string t = lower_case(typed);
  if (t.empty()) return std::nullopt;
  const size_t allowed = std::max<size_t>(2, t.size() / 3);
  std::optional<std::string> best;
  size_t best_distance = allowed + 1;
  for (const auto& candidate : candidates) {
    const std::string c = lower_case(candidate);
    const size_t d = c.starts_with(t) ? 1 : distance(t, c);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates) {
  auto best = nearest(typed, candidates);
  return best ? fmt::format(" (did you mean '{}'?)", *best) : "";
}

}  // namespace collab
