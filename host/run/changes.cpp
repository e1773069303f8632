#include "run/changes.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "money/money_text.h"

namespace collab::run {
using nlohmann::json;
namespace {

std::string amount(std::optional<std::int64_t> pence) {
  return pence ? amount_text(Money::from_pence(*pence)) : std::string("not computed");
}

std::string plural(std::size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

std::string move_text(const FigureChange& f) {
  return fmt::format("{} from {} to {} ({})", f.label, amount(f.before), amount(f.after), signed_amount(Money::from_pence(f.delta())));
}

// "Derbys +£1,000, Notts -£500": the forces' totals (cash and in kind, in the data) that moved.
std::string totals_text(const Changes& c) {
  std::vector<std::string> parts;
  for (const auto& f : c.figures) {
    if (f.key.rfind(std::string(kData) + "/", 0) != 0 || f.key.find("/total/") == std::string::npos ||
        f.key.size() < 4 || f.key.substr(f.key.size() - 4) != "/all")
      continue;
    parts.push_back(fmt::format("{} {}", f.label, signed_amount(Money::from_pence(f.delta()))));
  }
  if (parts.size() > 5) {
    const std::size_t more = parts.size() - 5;
    parts.resize(5);
    parts.push_back(fmt::format("and {} more", more));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace

Changes first_run() { return {}; }

Changes compare_runs(const std::string& previous, const std::vector<InputFile>& before_inputs, const Figures& before,
                     const std::vector<InputFile>& after_inputs, const Figures& after) {
  Changes c;
  c.previous = previous;
  std::map<std::string, std::string> a, b;
  for (const auto& f : before_inputs) a[f.path] = f.sha256;
  for (const auto& f : after_inputs) b[f.path] = f.sha256;
  for (const auto& [path, sha] : a) {
    auto it = b.find(path);
    if (it == b.end())
      c.inputs.push_back({path, "removed", sha, ""});
    else if (it->second != sha)
      c.inputs.push_back({path, "changed", sha, it->second});
  }
  for (const auto& [path, sha] : b)
    if (!a.count(path)) c.inputs.push_back({path, "added", "", sha});
  std::sort(c.inputs.begin(), c.inputs.end(), [](const InputChange& x, const InputChange& y) { return x.path < y.path; });
  for (const auto& [key, f] : before) {
    auto it = after.find(key);
    if (it == after.end())
      c.figures.push_back({key, f.label, f.pence, std::nullopt});
    else if (it->second.pence != f.pence)
      c.figures.push_back({key, it->second.label, f.pence, it->second.pence});
  }
  for (const auto& [key, f] : after)
    if (!before.count(key)) c.figures.push_back({key, f.label, std::nullopt, f.pence});
  std::sort(c.figures.begin(), c.figures.end(), [](const FigureChange& x, const FigureChange& y) {
    const auto dx = std::llabs(x.delta()), dy = std::llabs(y.delta());
    return dx != dy ? dx > dy : x.key < y.key;
  });
  return c;
}

std::string changes_summary(const Changes& c) {
  if (c.previous.empty()) return "This is the first run: there is no earlier good run to compare it with, so nothing is listed as changed.";
  if (c.empty()) return fmt::format("Nothing changed since the run of {}: the same inputs, and every figure as it was.", c.previous);
  std::string text = fmt::format("Since the run of {}, ", c.previous);
  if (c.inputs.empty()) {
    text += "no input changed";
  } else {
    std::vector<std::string> paths;
    for (const auto& i : c.inputs) paths.push_back(fmt::format("{} ({})", i.path, i.change));
    if (paths.size() > 4) {
      const std::size_t more = paths.size() - 4;
      paths.resize(4);
      paths.push_back(fmt::format("{} more", more));
    }
    text += fmt::format("{} changed: {}", plural(c.inputs.size(), "input", "inputs"), fmt::join(paths, ", "));
  }
  if (c.figures.empty()) return text + "; no figure moved.";
  text += fmt::format("; {} moved, the largest {}", plural(c.figures.size(), "figure", "figures"), move_text(c.figures.front()));
  if (const std::string totals = totals_text(c); !totals.empty()) text += fmt::format(". Forces' totals: {}", totals);
  return text + ".";
}

std::string changes_markdown(const Changes& c) {
  std::string md = "# What changed\n\n" + changes_summary(c) + "\n";
  if (!c.inputs.empty()) {
    md += "\n## Inputs\n\n| File | Change | SHA-256 before | SHA-256 now |\n|---|---|---|---|\n";
    for (const auto& i : c.inputs)
      md += fmt::format("| {} | {} | {} | {} |\n", i.path, i.change, i.before.empty() ? "-" : i.before.substr(0, 12),
                        i.after.empty() ? "-" : i.after.substr(0, 12));
  }
  if (!c.figures.empty()) {
    md += "\n## Figures, largest move first\n\n| Figure | Before | Now | Change |\n|---|---:|---:|---:|\n";
    for (const auto& f : c.figures)
      md += fmt::format("| {} | {} | {} | {} |\n", f.label, amount(f.before), amount(f.after), signed_amount(Money::from_pence(f.delta())));
  }
  return md;
}

json changes_json(const Changes& c) {
  json inputs = json::array(), figures = json::array();
  for (const auto& i : c.inputs)
    inputs.push_back({{"path", i.path}, {"change", i.change}, {"sha256_before", i.before.empty() ? json(nullptr) : json(i.before)},
                      {"sha256_after", i.after.empty() ? json(nullptr) : json(i.after)}});
  for (const auto& f : c.figures)
    figures.push_back({{"key", f.key}, {"label", f.label}, {"before_pence", f.before ? json(*f.before) : json(nullptr)},
                       {"after_pence", f.after ? json(*f.after) : json(nullptr)}, {"change_pence", f.delta()}});
  return {{"schema", "collab.changes"}, {"version", 1},  {"previous", c.previous.empty() ? json(nullptr) : json(c.previous)},
          {"summary", changes_summary(c)}, {"inputs", inputs}, {"figures", figures}};
}

}  // namespace collab::run
