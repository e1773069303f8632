#include "run/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string_view>
#include <variant>

#include "core/suggest.h"
#include "load/field_reader.h"
#include "load/json_document.h"
#include "load/read_file.h"

namespace collab::run {
namespace {

constexpr const char* kDisplayName = "data/run.json";
const std::vector<std::string> kKeys{"years", "scenarios", "reports", "formats", "keep", "promote_with_failures", "limits"};

std::string joined(const std::vector<std::string>& items) { return fmt::format("{}", fmt::join(items, ", ")); }

// A list of strings, or the string "all" (every one): nullopt for "all", errors at the items.
std::optional<std::vector<std::pair<std::string, load::Node>>> strings(const load::Node& value, load::FieldReader& read,
                                                                       std::string_view key, bool& ok) {
  ok = true;
  if (value.json().is_string() && value.json().get<std::string>() == "all") return std::nullopt;
  std::vector<std::pair<std::string, load::Node>> out;
  if (!value.json().is_array()) {
    read.error(value, fmt::format("'{}' must be a list of strings or \"all\"", key),
               fmt::format("for example \"{}\": \"all\"", key));
    ok = false;
    return out;
  }
  for (const load::Node& item : value.items()) {
    if (!item.json().is_string()) {
      read.error(item, fmt::format("'{}' holds strings only", key));
      ok = false;
      continue;
    }
    out.emplace_back(item.json().get<std::string>(), item);
  }
  return out;
}

void read_years(const load::Node& value, load::FieldReader& read, RunConfig& config) {
  bool ok = true;
  auto items = strings(value, read, "years", ok);
  if (!ok || !items) return;
  for (const auto& [text, node] : *items) {
    auto year = FinancialYear::parse(text);
    if (!year) {
      read.error(node, fmt::format("'years': {}", year.error()), "for example \"2016/17\"");
      continue;
    }
    config.years.push_back(year.value());
  }
  std::sort(config.years.begin(), config.years.end());
  config.years.erase(std::unique(config.years.begin(), config.years.end()), config.years.end());
}

void read_ids(const load::Node& value, load::FieldReader& read, std::string_view key, std::vector<std::string>& ids,
              bool& all) {
  bool ok = true;
  auto items = strings(value, read, key, ok);
  if (!ok) return;
  all = !items.has_value();
  if (items)
    for (const auto& item : *items) ids.push_back(item.first);
}

void read_formats(const load::Node& value, load::FieldReader& read, RunConfig& config) {
  bool ok = true;
  auto items = strings(value, read, "formats", ok);
  if (!ok || !items) return;
  config.formats.clear();
  for (const auto& [text, node] : *items) {
    if (std::find(kAllFormats.begin(), kAllFormats.end(), text) == kAllFormats.end()) {
      read.error(node, fmt::format("unknown format '{}'{}", text, did_you_mean(text, kAllFormats)),
                 "formats are " + joined(kAllFormats));
      continue;
    }
    if (std::find(config.formats.begin(), config.formats.end(), text) == config.formats.end())
      config.formats.push_back(text);
  }
  if (config.formats.empty()) read.error(value, "'formats' is empty: the run would write no report", "for example [\"md\", \"html\"]");
}

// Splits "a,b" items and drops empty ones.
std::vector<std::string> split(const std::vector<std::string>& given) {
  std::vector<std::string> out;
  for (const std::string& g : given) {
    std::size_t start = 0;
    while (start <= g.size()) {
      const std::size_t comma = std::min(g.find(',', start), g.size());
      if (comma > start) out.push_back(g.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return out;
}

}  // namespace

RunConfig read_run_config(const std::filesystem::path& root, Diagnostics& out) {
  auto text = load::read_bounded(root / "data" / "run.json", load::kMaxDataFileBytes);
  // A file that cannot be read is load/run_config's to report (every command reads the limits).
  if (std::holds_alternative<load::ReadFailure>(text)) return RunConfig{};
  return parse_run_config(std::move(std::get<std::string>(text)), out);
}

RunConfig parse_run_config(std::string text, Diagnostics& out) {
  RunConfig config;
  // Malformed JSON and duplicate keys are load/run_config's to report: not said twice.
  Diagnostics parse;
  auto doc = load::JsonDocument::parse(kDisplayName, std::move(text), parse);
  if (!doc || !doc->root().is_object()) return config;
  load::FieldReader read(out);
  const load::Node top(*doc, doc->root(), "");
  for (const auto& [key, value] : top.members()) {
    if (key == "years") {
      read_years(value, read, config);
    } else if (key == "scenarios") {
      read_ids(value, read, key, config.scenarios, config.all_scenarios);
    } else if (key == "reports") {
      read_ids(value, read, key, config.reports, config.all_reports);
    } else if (key == "formats") {
      read_formats(value, read, config);
    } else if (key == "keep") {
      const auto& j = value.json();
      if (!j.is_number_integer() || j.get<std::int64_t>() < 1 || j.get<std::int64_t>() > 10000)
        read.error(value, "'keep' must be a whole number of runs from 1 to 10000", "for example \"keep\": 10");
      else
        config.keep = j.get<int>();
    } else if (key == "promote_with_failures") {
      if (!value.json().is_boolean())
        read.error(value, "'promote_with_failures' must be true or false", "for example \"promote_with_failures\": false");
      else
        config.promote_with_failures = value.json().get<bool>();
    } else if (key != "limits") {
      read.error(value, fmt::format("unknown key '{}'{}", key, did_you_mean(key, kKeys)), "keys here: " + joined(kKeys));
    }
  }
  return config;
}

void apply_flags(const RunFlags& flags, RunConfig& config, Diagnostics& out) {
  auto is_all = [](const std::vector<std::string>& items) { return items.size() == 1 && items.front() == "all"; };
  if (auto years = split(flags.years); !years.empty()) {
    config.years.clear();
    if (!is_all(years))
      for (const std::string& text : years) {
        auto year = FinancialYear::parse(text);
        if (!year)
          out.error({"--years"}, fmt::format("'{}': {}", text, year.error()), "for example --years 2016/17,2017/18");
        else
          config.years.push_back(year.value());
      }
    std::sort(config.years.begin(), config.years.end());
    config.years.erase(std::unique(config.years.begin(), config.years.end()), config.years.end());
  }
  auto ids = [&](const std::vector<std::string>& given, std::vector<std::string>& into, bool& all) {
    auto items = split(given);
    if (items.empty()) return;
    all = is_all(items);
    into = all ? std::vector<std::string>{} : items;
  };
  ids(flags.scenarios, config.scenarios, config.all_scenarios);
  // "none" is no scenario at all
  if (!config.all_scenarios && config.scenarios.size() == 1 && config.scenarios.front() == "none") config.scenarios.clear();
  ids(flags.reports, config.reports, config.all_reports);
  if (!config.all_reports && config.reports.size() == 1 && config.reports.front() == "none") config.reports.clear();
  if (auto formats = split(flags.formats); !formats.empty()) {
    config.formats.clear();
    for (const std::string& f : is_all(formats) ? kAllFormats : formats) {
      if (std::find(kAllFormats.begin(), kAllFormats.end(), f) == kAllFormats.end())
        out.error({"--formats"}, fmt::format("unknown format '{}'{}", f, did_you_mean(f, kAllFormats)),
                  "formats are " + joined(kAllFormats));
      else if (std::find(config.formats.begin(), config.formats.end(), f) == config.formats.end())
        config.formats.push_back(f);
    }
  }
}

}  // namespace collab::run
