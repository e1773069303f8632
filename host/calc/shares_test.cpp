#include "calc/shares.h"

#include <catch2/catch.hpp>

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
