#include "run/expectations.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "core/suggest.h"
#include "load/field_reader.h"
#include "load/json_document.h"
#include "load/read_file.h"
#include "money/money_text.h"

namespace collab::run {
namespace {

const std::vector<std::string> kKeys{"figure", "scenario", "year", "unit", "force", "kind", "amount", "tolerance_pence", "note"};
const std::vector<std::string> kFigures{"contribution", "budget", "total"};
const std::vector<std::string> kKinds{"cash", "in_kind", "all"};

std::string joined(const std::vector<std::string>& items) { return fmt::format("{}", fmt::join(items, ", ")); }

// A string member that must be one of `allowed`, with the nearest suggested.
std::optional<std::string> one_of(load::FieldReader& read, const load::Node& object, std::string_view key,
                                  const std::vector<std::string>& allowed, load::Need need, std::string_view what) {
  auto text = read.text(object, key, need);
  if (!text) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *text) != allowed.end()) return text;
  read.error(object.child(key), fmt::format("unknown {} '{}'{}", what, *text, did_you_mean(*text, allowed)),
             fmt::format("{}s here: {}", what, joined(allowed)));
  return std::nullopt;
}

void read_expectation(const load::Node& item, load::FieldReader& read, const Model& model,
                      const std::vector<std::string>& scenarios, std::vector<Expectation>& out) {
  if (!item.json().is_object()) {
    read.error(item, "an expectation is an object", "for example {\"figure\": \"contribution\", \"year\": \"2016/17\", ...}");
    return;
  }
  const int before = read.errors();
  for (const auto& [key, value] : item.members())
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end())
      read.error(value, fmt::format("unknown key '{}'{}", key, did_you_mean(key, kKeys)), "keys here: " + joined(kKeys));
  Expectation e;
  e.where = item.where();
  auto figure = one_of(read, item, "figure", kFigures, load::Need::Required, "figure");
  auto year = read.year(item, "year");
  std::vector<std::string> scenario_ids{kData};
  scenario_ids.insert(scenario_ids.end(), scenarios.begin(), scenarios.end());
  auto scenario = one_of(read, item, "scenario", scenario_ids, load::Need::Optional, "scenario");
  std::vector<std::string> unit_ids, force_ids;
  for (const auto& c : model.collaborations) unit_ids.push_back(c.id);
  for (const auto& f : model.forces) force_ids.push_back(f.id);
  std::optional<std::string> unit, force;
  if (figure && *figure != "total") unit = one_of(read, item, "unit", unit_ids, load::Need::Required, "unit");
  if (figure && *figure != "budget") force = one_of(read, item, "force", force_ids, load::Need::Required, "force");
  if (figure && *figure == "total" && item.has("unit")) read.error(item.child("unit"), "a total is a force's: it has no unit");
  if (figure && *figure == "budget" && item.has("force")) read.error(item.child("force"), "a budget is a line's: it has no force");
  std::string kind = figure && *figure == "total" ? "all" : "cash";
  if (item.has("kind"))
    if (auto k = one_of(read, item, "kind", kKinds, load::Need::Optional, "kind")) kind = *k;
  if (figure && *figure != "total" && kind == "all")
    read.error(item.child("kind"), "a contribution or budget is cash or in_kind, not all");
  auto amount = read.money(item, "amount", MoneyUnit::Pounds);
  if (item.has("tolerance_pence")) {
    const auto& j = item.child("tolerance_pence").json();
    if (!j.is_number_integer() || j.get<std::int64_t>() < 0)
      read.error(item.child("tolerance_pence"), "'tolerance_pence' must be a whole number of pence, 0 or more",
                 "for example \"tolerance_pence\": 100 (£1 either way)");
    else
      e.tolerance = j.get<std::int64_t>();
  }
  if (auto note = read.text(item, "note", load::Need::Optional)) e.note = *note;
  if (read.errors() > before || !figure || !year || !amount) return;
  e.scenario = scenario.value_or(kData);
  e.year = *year;
  e.pence = amount->pence();
  const std::string unit_part = *figure == "total" ? "total" : *unit;
  const std::string force_part = *figure == "budget" ? "budget" : *force;
  e.key = figure_key(e.scenario, e.year, unit_part, force_part, kind);
  e.what = fmt::format("{}{} {}: {} {}", e.scenario == kData ? "" : e.scenario + ": ", e.year.str(), unit_part, force_part, kind);
  out.push_back(std::move(e));
}

}  // namespace

std::vector<Expectation> load_expectations(const std::filesystem::path& root, const Model& model,
                                           const std::vector<std::string>& scenarios, Diagnostics& out) {
  std::vector<Expectation> expectations;
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(root / "data" / "expectations", error))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string name = "data/expectations/" + file.filename().string();
    auto text = load::read_bounded(file, load::JsonLimits{}.max_bytes);
    if (auto* failure = std::get_if<load::ReadFailure>(&text)) {
      out.error({name, 0, 0}, failure->message, failure->hint);
      continue;
    }
    parse_expectations(name, std::move(std::get<std::string>(text)), model, scenarios, out, expectations);
  }
  return expectations;
}

void parse_expectations(const std::string& name, std::string text, const Model& model,
                        const std::vector<std::string>& scenarios, Diagnostics& out, std::vector<Expectation>& into) {
  auto doc = load::JsonDocument::parse(name, std::move(text), out);
  if (!doc) return;
  for (const auto& dup : doc->duplicate_keys())
    out.add({Severity::Error, {doc->name(), dup.line, dup.column}, "duplicate key: only the last would be kept",
             "remove or rename one of them", doc->line_text(dup.line), {}});
  load::FieldReader read(out);
  const load::Node top(*doc, doc->root(), "");
  if (!top.json().is_object()) {
    read.error(top, "the file must hold a JSON object", "for example {\"expectations\": [...]}");
    return;
  }
  for (const auto& [key, value] : top.members())
    if (key != "expectations")
      read.error(value, fmt::format("unknown key '{}'{}", key, did_you_mean(key, {"expectations"})),
                 "the file holds one key, \"expectations\": a list");
  auto list = read.array(top, "expectations");
  if (!list) return;
  for (const load::Node& item : list->items()) read_expectation(item, read, model, scenarios, into);
}

std::set<std::pair<std::string, FinancialYear>> needed(const std::vector<Expectation>& expectations) {
  std::set<std::pair<std::string, FinancialYear>> out;
  for (const auto& e : expectations) out.emplace(e.scenario, e.year);
  return out;
}

std::vector<ExpectationFailure> check_expectations(const std::vector<Expectation>& expectations, const Figures& figures) {
  std::vector<ExpectationFailure> failures;
  for (const auto& e : expectations) {
    auto it = figures.find(e.key);
    if (it == figures.end()) {
      failures.push_back({&e, std::nullopt, e.what});
      continue;
    }
    if (std::llabs(it->second.pence - e.pence) > e.tolerance) failures.push_back({&e, it->second.pence, it->second.label});
  }
  return failures;
}

std::string failure_text(const ExpectationFailure& f) {
  const Expectation& e = *f.expectation;
  const std::string pinned = fmt::format(
      "pinned at {} ({})", amount_text(Money::from_pence(e.pence)),
      e.tolerance == 0 ? "exactly" : "within " + amount_text(Money::from_pence(e.tolerance)) + " either way");
  if (!f.now)
    return fmt::format("{}: {} was not computed (its line failed or does not exist that year), {}", e.where.str(),
                       f.label, pinned);
  return fmt::format("{}: {} is {}, {}: moved {}", e.where.str(), f.label, amount_text(Money::from_pence(*f.now)), pinned,
                     signed_amount(Money::from_pence(*f.now - e.pence)));
}

}  // namespace collab::run
