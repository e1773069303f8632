// The synthetic national set: the same seed gives the same bytes, another seed other figures,
// and what is written loads and computes (every unit's budget split exactly among 2 to 43 forces).
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "generate/national.h"
#include "load/loader.h"
#include "test_support.h"

using namespace collab;

namespace {

void write_set(const std::vector<generate::GeneratedFile>& files, const std::filesystem::path& root) {
  std::filesystem::create_directories(root / "data");
  for (const auto& f : files) std::ofstream(root / f.path, std::ios::binary) << f.text;
}

std::string messages(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) out += format_diagnostic(d) + "\n";
  return out;
}

}  // namespace

TEST_CASE("generate national: one seed, the same files; another seed, other figures", "[generate]") {
  generate::NationalOptions a;
  a.seed = 7;
  generate::NationalOptions b = a;
  b.seed = 8;
  const auto first = generate::generate_national(a);
  const auto again = generate::generate_national(a);
  const auto other = generate::generate_national(b);
  REQUIRE(first.size() == 4);
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK(first[i].path == again[i].path);
    CHECK(first[i].text == again[i].text);
  }
  CHECK(first[1].text != other[1].text);  // forces.json: other grants and populations
  CHECK(first[2].text != other[2].text);  // collaborations.json: other participants
}

TEST_CASE("generate national: 43 forces and the units asked for, each of 2 to 43 forces, loadable", "[generate]") {
  generate::NationalOptions options;
  options.units = 120;
  test::TempDir root;
  write_set(generate::generate_national(options), root.path());
  auto outcome = load::load_data_set(root.path());
  INFO(messages(outcome.diagnostics));
  REQUIRE(outcome.model);
  CHECK(outcome.diagnostics.errors() == 0);
  const Model& model = *outcome.model;
  CHECK(model.forces.size() == 43);
  CHECK(model.collaborations.size() == 120);
  std::set<std::size_t> sizes;
  for (const Collaboration& unit : model.collaborations) {
    const ParticipationPeriod* period = unit.participants_in(options.year);
    REQUIRE(period != nullptr);
    REQUIRE(period->known());
    const std::size_t n = period->forces->size();
    CHECK(n >= 2);
    CHECK(n <= 43);
    sizes.insert(n);
  }
  CHECK(sizes.size() > 10);  // small, regional and national units, not one size
  for (const Force& f : model.forces) {
    CHECK(f.population.count(options.year.prev()) == 1);
    CHECK(f.net_revenue_expenditure.count(options.year.prev()) == 1);
  }
}
