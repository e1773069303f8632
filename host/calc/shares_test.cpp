#include "calc/shares.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

using namespace collab;

namespace {

std::vector<Weighted> grant_shares_without_lincs() {
  return {{"notts", exact_weight(27.6).value()},
          {"leics", exact_weight(23.0).value()},
          {"derbys", exact_weight(21.8).value()},
          {"northants", exact_weight(14.7).value()}};
}

}  // namespace

TEST_CASE("the four-force L&D shares renormalise to the published 31.7/26.4/25.0/16.9 (pcp-2017)") {
  auto shares = renormalise(grant_shares_without_lincs(), decimal_from_double(0.1).value());
  REQUIRE(shares);
  std::vector<std::string> rounded, exact;
  for (const auto& s : shares.value()) {
    rounded.push_back(decimal_text(*s.rounded));
    exact.push_back(share_percent_text(s, 4));
  }
  CHECK(rounded == std::vector<std::string>{"31.7", "26.4", "25", "16.9"});
  CHECK(exact == std::vector<std::string>{"31.6877", "26.4064", "25.0287", "16.8772"});
  CHECK(shares.value()[0].apportioned_by.units == 317);
}

TEST_CASE("without a step, the formula's weights are apportioned as they are") {
  auto shares = renormalise(grant_shares_without_lincs(), std::nullopt);
  REQUIRE(shares);
  CHECK_FALSE(shares.value()[0].rounded);
  CHECK(shares.value()[0].apportioned_by.units == 276);
  CHECK(share_percent_text(shares.value()[2], 2) == "25.03");
}

TEST_CASE("a share that rounds to nothing is an error naming the party") {
  auto shares = renormalise({{"big", exact_weight(1000.0).value()}, {"tiny", exact_weight(0.01).value()}},
                            decimal_from_double(0.1).value());
  REQUIRE_FALSE(shares);
  CHECK(shares.error() == "the share of 'tiny' (0.0010%) rounds to 0 at a step of 0.1 points");
  CHECK(renormalise({}, std::nullopt).error() == "no participants to share among");
}

TEST_CASE("renormalising extreme weights is exact, or an error saying the weights are too far apart") {
  const std::vector<Weighted> mixed{{"big", {10000000, 0}}, {"tiny", {1, 18}}};  // 1e7 and 1e-18
  auto exact = renormalise(mixed, std::nullopt);
  REQUIRE(exact);
  CHECK(share_percent_text(exact.value()[0], 4) == "100.0000");
  CHECK(share_percent_text(exact.value()[1], 4) == "0.0000");
  CHECK(share_percent_text(exact.value()[1], 30) == "0.000000000000000000000010000000");
  auto rounded = renormalise(mixed, decimal_from_double(0.1).value());
  REQUIRE_FALSE(rounded);
  CHECK(rounded.error() == "the share of 'tiny' (0.0000%) rounds to 0 at a step of 0.1 points");
  // 1e17 and 1e-18: 1e35 on one scale, 1e37 in percent: it fits now that the products are checked.
  auto wide = renormalise({{"a", {100000000000000000, 0}}, {"b", {1, 18}}}, std::nullopt);
  REQUIRE(wide);
  CHECK(share_percent_text(wide.value()[0], 2) == "100.00");
  // 9223372036854775807 at scale 18 in percent is 9.2e38: beyond 128 bits.
  auto too_wide = renormalise({{"a", {std::numeric_limits<int64_t>::max(), 0}}, {"b", {1, 18}}}, std::nullopt);
  REQUIRE_FALSE(too_wide);
  CHECK(too_wide.error() == "the weights span too many orders of magnitude to share exactly");
  // Rounded to 18 decimals of a point, a third has 20 digits: more than a weight holds.
  auto fine = renormalise({{"a", {1, 0}}, {"b", {2, 0}}}, Decimal{1, 18});
  REQUIRE_FALSE(fine);
  CHECK(fine.error() == "the rounding step 0.000000000000000001 has too many decimals");
  auto eighteen = renormalise({{"a", {1, 0}}, {"b", {3, 0}}}, Decimal{1, 16});
  REQUIRE(eighteen);
  CHECK(decimal_text(*eighteen.value()[0].rounded) == "25");
}

TEST_CASE("a total split by an exact share, as a spreadsheet splitting by unrounded shares would") {
  auto shares = renormalise(grant_shares_without_lincs(), decimal_from_double(0.1).value());
  REQUIRE(shares);
  // L&D 2016/17: £2,398,301 x 27.6 / 87.1 = £759,966.79...
  const Money ld = Money::from_pounds(2398301);
  CHECK(split_by_exact_share(ld, shares.value()[0], Money::from_pounds(1)) == Money::from_pounds(759967));
  CHECK(split_by_exact_share(ld, shares.value()[0], Money::from_pence(1)) == Money::from_pence(75996679));
  CHECK(split_by_exact_share(Money{} - ld, shares.value()[0], Money::from_pounds(1)) == Money::from_pounds(-759967));
  // The largest budget by a share whose numerator is near 2^127: the product is never formed.
  auto wide = renormalise({{"a", {100000000000000000, 0}}, {"b", {1, 18}}}, std::nullopt);
  REQUIRE(wide);
  const Money most = Money::from_pence(std::numeric_limits<int64_t>::max());
  CHECK(split_by_exact_share(most, wide.value()[0], Money::from_pence(1)) == most);
  CHECK(split_by_exact_share(most, wide.value()[1], Money::from_pence(1)) == Money{});
}
