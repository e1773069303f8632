#pragma once
// "did you mean ...?": the candidate nearest to what was typed, by edit distance, ignoring case.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab {

/// `s` in lower case (ASCII), for comparing names as people type them.
std::string lower_case(std::string_view s);

/// The nearest candidate, if it is close enough to be a likely typo (at most a third of the
/// typed length in edits, and at least 2) or starts with what was typed.
std::optional<std::string> nearest(std::string_view typed, const std::vector<std::string>& candidates);

/// " (did you mean 'Notts'?)" or "".
std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace collab
