#include "generate/national.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <numeric>
#include <string_view>

#include "core/splitmix.h"

namespace collab::generate {

namespace {

using Json = nlohmann::ordered_json;  // keys in the order written: stable, readable files

using Random = SplitMix64;

struct ForceName {
  const char* id;
  const char* name;
  const char* short_name;
};

// The 43 territorial forces of England and Wales: real names, synthetic figures.
constexpr std::array<ForceName, 43> kForces{{
    {"avon-somerset", "Avon and Somerset Constabulary", "Avon & Som"},
    {"bedfordshire", "Bedfordshire Police", "Beds"},
    {"cambridgeshire", "Cambridgeshire Constabulary", "Cambs"},
    {"cheshire", "Cheshire Constabulary", "Cheshire"},
    {"city-of-london", "City of London Police", "City"},
    {"cleveland", "Cleveland Police", "Cleveland"},
    {"cumbria", "Cumbria Constabulary", "Cumbria"},
    {"derbyshire", "Derbyshire Constabulary", "Derbys"},
    {"devon-cornwall", "Devon and Cornwall Police", "Devon & Corn"},
    {"dorset", "Dorset Police", "Dorset"},
    {"durham", "Durham Constabulary", "Durham"},
    {"dyfed-powys", "Dyfed-Powys Police", "Dyfed-Powys"},
    {"essex", "Essex Police", "Essex"},
    {"gloucestershire", "Gloucestershire Constabulary", "Glos"},
    {"greater-manchester", "Greater Manchester Police", "GMP"},
    {"gwent", "Gwent Police", "Gwent"},
    {"hampshire", "Hampshire Constabulary", "Hants"},
    {"hertfordshire", "Hertfordshire Constabulary", "Herts"},
    {"humberside", "Humberside Police", "Humberside"},
    {"kent", "Kent Police", "Kent"},
    {"lancashire", "Lancashire Constabulary", "Lancs"},
    {"leicestershire", "Leicestershire Police", "Leics"},
    {"lincolnshire", "Lincolnshire Police", "Lincs"},
    {"merseyside", "Merseyside Police", "Merseyside"},
    {"metropolitan", "Metropolitan Police Service", "Met"},
    {"norfolk", "Norfolk Constabulary", "Norfolk"},
    {"north-wales", "North Wales Police", "N Wales"},
    {"north-yorkshire", "North Yorkshire Police", "N Yorks"},
    {"northamptonshire", "Northamptonshire Police", "Northants"},
    {"northumbria", "Northumbria Police", "Northumbria"},
    {"nottinghamshire", "Nottinghamshire Police", "Notts"},
    {"south-wales", "South Wales Police", "S Wales"},
    {"south-yorkshire", "South Yorkshire Police", "S Yorks"},
    {"staffordshire", "Staffordshire Police", "Staffs"},
    {"suffolk", "Suffolk Constabulary", "Suffolk"},
    {"surrey", "Surrey Police", "Surrey"},
    {"sussex", "Sussex Police", "Sussex"},
    {"thames-valley", "Thames Valley Police", "TVP"},
    {"warwickshire", "Warwickshire Police", "Warks"},
    {"west-mercia", "West Mercia Police", "W Mercia"},
    {"west-midlands", "West Midlands Police", "W Mids"},
    {"west-yorkshire", "West Yorkshire Police", "W Yorks"},
    {"wiltshire", "Wiltshire Police", "Wilts"},
}};

constexpr std::array<const char*, 8> kFunctions{"Serious and Organised Crime", "Forensic Services", "Major Crime",
                                                "Learning and Development", "Occupational Health", "Legal Services",
                                                "Firearms Training", "Procurement"};

const Json kSource = {{"document", "synthetic"}, {"table", "generated"}};

struct Figures {
  std::int64_t population;  // residents
  std::int64_t grant;       // whole pounds
  std::int64_t nre;         // whole pounds
};

// Populations from about 0.3 to 9 million (a long tail, as the real ones), a grant of £90 to
// £150 a head, and net revenue expenditure 1.3 to 1.9 times the grant.
Figures force_figures(Random& random) {
  const std::int64_t population = 300'000 + random.between(0, 1'700'000) * (1 + static_cast<std::int64_t>(random.below(4) == 0) * 4);
  const std::int64_t grant = population * random.between(90, 150) + random.between(0, 999);
  const std::int64_t nre = grant * random.between(130, 190) / 100;
  return {population, grant, nre};
}

// k distinct indices of n, in ascending order (a partial Fisher-Yates shuffle).
std::vector<std::size_t> choose(Random& random, std::size_t n, std::size_t k) {
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  for (std::size_t i = 0; i < k; ++i) std::swap(all[i], all[i + random.below(n - i)]);
  all.resize(k);
  std::sort(all.begin(), all.end());
  return all;
}

// Most collaborations are small (2 to 6 forces), some regional, a few national.
std::size_t participant_count(Random& random) {
  const auto draw = random.below(10);
  if (draw < 6) return static_cast<std::size_t>(random.between(2, 6));
  if (draw < 9) return static_cast<std::size_t>(random.between(7, 20));
  return static_cast<std::size_t>(random.between(21, 43));
}

const char* formula_for(Random& random) {
  const auto draw = random.below(20);
  if (draw < 10) return "grant_share";
  if (draw < 14) return "population_share";
  if (draw < 17) return "nre_share";
  return "equal_share";
}

std::string text_of(const Json& json) { return json.dump(2) + "\n"; }

}  // namespace

std::vector<GeneratedFile> generate_national(const NationalOptions& options) {
  Random random(options.seed);
  const std::string year = options.year.str();
  const std::string base = options.year.prev().str();

  Json sources = {{"documents", Json::array({{{"id", "synthetic"},
                                              {"file", "(generated)"},
                                              {"title", fmt::format("Synthetic national data set: collab generate national "
                                                                    "--seed {} --units {} ({})",
                                                                    options.seed, options.units, kGeneratorName)},
                                              {"date", "2026"}}})}};

  Json forces = Json::array();
  Json grants = Json::object();
  std::int64_t grant_total = 0;
  for (const ForceName& f : kForces) {
    const Figures figures = force_figures(random);
    forces.push_back({{"id", f.id},
                      {"name", f.name},
                      {"short_name", f.short_name},
                      {"population", {{base, figures.population}}},
                      {"net_revenue_expenditure", {{base, figures.nre}}}});
    grants[f.id] = figures.grant;
    grant_total += figures.grant;
  }
  Json forces_file = {
      {"region", {{"id", "england-and-wales"}, {"name", "England and Wales (synthetic)"},
                  {"formula", {{"id", "grant_share"}, {"params", Json::object()}}}}},
      {"forces", forces},
      {"central_grants", Json::array({{{"year", base}, {"source", kSource}, {"amounts", grants},
                                       {"published_total", grant_total}}})}};

  Json units = Json::array();
  Json lines = Json::array();
  for (int u = 1; u <= options.units; ++u) {
    const std::string id = fmt::format("unit-{:03}", u);
    const char* function = kFunctions[random.below(kFunctions.size())];
    Json members = Json::array();
    for (std::size_t i : choose(random, kForces.size(), participant_count(random))) members.push_back(kForces[i].id);
    units.push_back({{"id", id},
                     {"name", fmt::format("{} collaboration {:03}", function, u)},
                     {"short_name", fmt::format("U{:03}", u)},
                     {"portfolio", function},
                     {"status", {{"state", "live"}}},
                     {"participants", Json::array({{{"from", year}, {"forces", members}, {"source", kSource}}})},
                     {"formula", Json::array({{{"from", year}, {"id", formula_for(random)}, {"params", Json::object()}}})}});
    Json line = {{"unit", id}, {"cash", random.between(200, 20'000) * 1000 + random.between(0, 999)}};
    if (random.below(10) == 0) line["in_kind"] = random.between(50, 5'000) * 1000;
    lines.push_back(line);
  }
  Json collaborations = {{"collaborations", units}};
  Json budgets = {{"budgets", Json::array({{{"year", year}, {"source", kSource}, {"lines", lines}}})}};

  return {{"data/sources.json", text_of(sources)},
          {"data/forces.json", text_of(forces_file)},
          {"data/collaborations.json", text_of(collaborations)},
          {"data/budgets.json", text_of(budgets)}};
}

}  // namespace collab::generate
