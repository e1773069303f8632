#include "calc/apportion.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

using namespace collab;

namespace {

std::vector<Weighted> weighted(std::vector<std::pair<std::string, double>> list) {
  std::vector<Weighted> out;
  for (auto& [party, w] : list) out.push_back({party, exact_weight(w).value()});
  return out;
}

std::vector<int64_t> pounds_of(const std::vector<Part>& parts) {
  std::vector<int64_t> out;
  for (const auto& p : parts) out.push_back(p.amount.pence() / 100);
  return out;
}

const Money kPound = Money::from_pounds(1);

}  // namespace

TEST_CASE("a Lua number's weight is its shortest decimal, read exactly") {
  CHECK(exact_weight(27.6).value().units == 276);
  CHECK(exact_weight(27.6).value().scale == 1);
  CHECK(exact_weight(100.0).value().units == 100);
  CHECK(exact_weight(100.0).value().scale == 0);
  CHECK(exact_weight(0.125).value().units == 125);
  CHECK(exact_weight(0.125).value().scale == 3);
  CHECK(exact_weight(1e-7).value().units == 1);
  CHECK(exact_weight(1e-7).value().scale == 7);
  CHECK(exact_weight(0.1 + 0.2).value().units == 30000000000000004);
  CHECK(exact_weight(std::nan("")).error() == "weight is not a number (NaN)");
  CHECK(exact_weight(std::numeric_limits<double>::infinity()).error() == "weight is infinite");
  CHECK(exact_weight(0.0).error() == "weight is 0 (weights must be above zero)");
  CHECK(exact_weight(-2.5).error() == "weight is -2.5 (weights must be above zero)");
  CHECK_FALSE(exact_weight(1e-30));
}

TEST_CASE("EMSOU SOC 2016/17 at the published shares gives the published row exactly (pcp-2017)") {
  auto parts = apportion(Money::from_pounds(9568875),
                         weighted({{"notts", 27.6}, {"leics", 23.0}, {"derbys", 21.8}, {"northants", 14.7}, {"lincs", 12.9}}),
                         kPound);
  REQUIRE(parts);
  CHECK(pounds_of(parts.value()) == std::vector<int64_t>{2641009, 2200841, 2086015, 1406625, 1234385});
  // Notts' exact share is £2,641,009.50: rounded down to £2,641,009, and its .50 is only the 4th largest remainder.
  const Part& notts = parts.value()[0];
  CHECK(exact_share_text(notts, 4) == "2641009.5000");
  CHECK(notts.rounded_down == Money::from_pounds(2641009));
  CHECK(notts.adjustment == Money{});
  CHECK(notts.remainder_rank == 4);
  CHECK(parts.value()[4].remainder_rank == 1);  // Lincs: .875
}

TEST_CASE("EMCHRS L&D 2016/17 over four forces at the renormalised shares (pcp-2017)") {
  auto parts = apportion(Money::from_pounds(2398301),
                         weighted({{"notts", 31.7}, {"leics", 26.4}, {"derbys", 25.0}, {"northants", 16.9}}), kPound);
  REQUIRE(parts);
  auto got = pounds_of(parts.value());
  std::vector<int64_t> published{760261, 633151, 599575, 405313};
  int64_t sum = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    CHECK(std::llabs(got[i] - published[i]) <= 2);
    sum += got[i];
  }
  CHECK(sum == 2398301);  // the published row adds up to £2,398,300
}

TEST_CASE("ties: equal remainders go to the larger weight, then to the party listed first") {
  auto equal = apportion(Money::from_pounds(100), weighted({{"a", 1}, {"b", 1}, {"c", 1}}), kPound);
  CHECK(pounds_of(equal.value()) == std::vector<int64_t>{34, 33, 33});
  auto reordered = apportion(Money::from_pounds(100), weighted({{"c", 1}, {"a", 1}, {"b", 1}}), kPound);
  CHECK(reordered.value()[0].party == "c");
  CHECK(pounds_of(reordered.value()) == std::vector<int64_t>{34, 33, 33});
  // 1 and 3 out of 4 for £2: exact 0.5 and 1.5, equal remainders; the larger weight wins.
  auto by_weight = apportion(Money::from_pounds(2), weighted({{"small", 1}, {"large", 3}}), kPound);
  CHECK(pounds_of(by_weight.value()) == std::vector<int64_t>{0, 2});
}

TEST_CASE("a total that is not whole units: the odd pence are the last unit handed out") {
  auto parts = apportion(Money::from_pence(1050), weighted({{"a", 1}, {"b", 1}}), kPound);
  REQUIRE(parts);
  CHECK(parts.value()[0].amount == Money::from_pence(550));
  CHECK(parts.value()[1].amount == Money::from_pence(500));
}

TEST_CASE("apportioning at 1p") {
  auto parts = apportion(Money::from_pence(100), weighted({{"a", 1}, {"b", 1}, {"c", 1}}), Money::from_pence(1));
  REQUIRE(parts);
  CHECK(parts.value()[0].amount == Money::from_pence(34));
  CHECK(parts.value()[2].amount == Money::from_pence(33));
}

TEST_CASE("parts always add up to the total (10,000 random splits)") {
  std::mt19937_64 rng(20161617);
  std::uniform_int_distribution<int64_t> amount(0, 5'000'000'000'000);
  std::uniform_int_distribution<int64_t> units(1, 1'000'000);
  std::uniform_int_distribution<int> count(1, 43), scale(0, 4), unit_pick(0, 1);
  for (int trial = 0; trial < 10000; ++trial) {
    std::vector<Weighted> ws;
    int n = count(rng);
    for (int i = 0; i < n; ++i) ws.push_back({std::to_string(i), {units(rng), scale(rng)}});
    Money total = Money::from_pence(amount(rng));
    Money unit = unit_pick(rng) ? kPound : Money::from_pence(1);
    auto parts = apportion(total, ws, unit);
    REQUIRE(parts);
    Money sum;
    for (const auto& p : parts.value()) {
      sum += p.amount;
      REQUIRE(p.amount >= Money{});
    }
    REQUIRE(sum == total);
  }
}

TEST_CASE("apportionment errors say what is wrong") {
  CHECK(apportion(Money::from_pounds(1), {}, kPound).error() == "nothing to apportion among: no participants");
  CHECK(apportion(Money::from_pounds(-1), weighted({{"a", 1}}), kPound).error() ==
        "cannot apportion a negative total (-£1.00)");
  CHECK(apportion(Money::from_pounds(1), weighted({{"a", 1}, {"a", 2}}), kPound).error() ==
        "'a' is given a weight twice");
}

TEST_CASE("weights too far apart to split in 128 bits are refused, not wrapped") {
  // 1e17 and 1e-18 on one scale is 1e35 units; times £10bn in pence it would overflow.
  auto parts = apportion(Money::from_pounds(10'000'000'000), {{"a", {100000000000000000, 0}}, {"b", {1, 18}}}, kPound);
  REQUIRE_FALSE(parts);
  CHECK(parts.error() == "the weights span too many orders of magnitude to split exactly");
}


TEST_CASE("apportioning at the extremes: INT64_MAX pence, 1e-18 weights, mixed scales, numerators near 2^127") {
  const Money most = Money::from_pence(std::numeric_limits<int64_t>::max());
  SECTION("the largest amount of money, split in two") {
    auto parts = apportion(most, {{"a", {1, 0}}, {"b", {1, 0}}}, Money::from_pence(1));
    REQUIRE(parts);
    CHECK(parts.value()[0].amount.pence() == 4611686018427387904);
    CHECK(parts.value()[1].amount.pence() == 4611686018427387903);
    CHECK(exact_share_text(parts.value()[0], 4) == "46116860184273879.0350");
    CHECK(exact_share_text(parts.value()[0], 0) == "46116860184273879");
    CHECK(exact_share_text(parts.value()[0], 1) == "46116860184273879.0");
    CHECK(exact_share_pence(parts.value()[0]).pence() == 4611686018427387904);
    CHECK(exact_share_rounded(parts.value()[0], kPound).pence() == 4611686018427387900);
  }
  SECTION("weights 1e7 and 1e-18 (scales 0 and 18) split £9,568,875") {
    auto parts = apportion(Money::from_pounds(9568875), {{"big", {10000000, 0}}, {"tiny", {1, 18}}}, kPound);
    REQUIRE(parts);
    CHECK(pounds_of(parts.value()) == std::vector<int64_t>{9568875, 0});
    // 956887500 x 10^25 / (10^25 + 1) pence: its four-decimal text once overflowed 128 bits.
    CHECK(exact_share_text(parts.value()[0], 4) == "9568875.0000");
    CHECK(exact_share_text(parts.value()[0], 18) == "9568874.999999999999999999");
    CHECK(exact_share_text(parts.value()[1], 4) == "0.0000");
    CHECK(exact_share_pence(parts.value()[0]) == Money::from_pounds(9568875));
    CHECK(exact_share_rounded(parts.value()[0], kPound) == Money::from_pounds(9568875));
  }
  SECTION("a numerator just under 2^127 is split and explained; one just over is refused") {
    // 18p x 9223372036854775807 x 10^18 is 1.66e38.
    auto parts = apportion(Money::from_pence(18), {{"a", {std::numeric_limits<int64_t>::max(), 0}}, {"b", {1, 18}}},
                           Money::from_pence(1));
    REQUIRE(parts);
    CHECK(parts.value()[0].amount.pence() == 18);
    CHECK(int128_text(parts.value()[0].share_numerator) == "166020696663385964526000000000000000000");
    CHECK(exact_share_text(parts.value()[0], 4) == "0.1800");
    CHECK(exact_share_text(parts.value()[0], 30) == "0.180000000000000000000000000000");
    CHECK(exact_share_pence(parts.value()[1]) == Money{});
    CHECK(exact_share_rounded(parts.value()[0], kPound) == Money{});
    auto over = apportion(Money::from_pence(19), {{"a", {std::numeric_limits<int64_t>::max(), 0}}, {"b", {1, 18}}},
                          Money::from_pence(1));
    REQUIRE_FALSE(over);
    CHECK(over.error() == "the weights span too many orders of magnitude to split exactly");
  }
  SECTION("the largest amount with weights 1e7 and 1e-18 overflows: refused, not wrapped") {
    auto parts = apportion(most, {{"big", {10000000, 0}}, {"tiny", {1, 18}}}, kPound);
    REQUIRE_FALSE(parts);
    CHECK(parts.error() == "the weights span too many orders of magnitude to split exactly");
  }
  SECTION("the largest weights at 18 decimals") {
    const int64_t w = std::numeric_limits<int64_t>::max();
    auto parts = apportion(Money::from_pounds(1000), {{"a", {w, 18}}, {"b", {w, 18}}, {"c", {1, 18}}}, kPound);
    REQUIRE(parts);
    CHECK(pounds_of(parts.value()) == std::vector<int64_t>{500, 500, 0});
  }
}

TEST_CASE("exact weights of extreme Lua numbers") {
  CHECK(exact_weight(1e-18).value().units == 1);
  CHECK(exact_weight(1e-18).value().scale == 18);
  CHECK(exact_weight(1e7).value().units == 10000000);
  CHECK(exact_weight(9223372036854775807.0).error() ==
        "weight 9.223372036854776e+18 needs more than 18 significant digits or decimals");
  CHECK(exact_weight(1e300).error() == "weight 1e+300 needs more than 18 significant digits or decimals");
  CHECK(exact_weight(1e-300).error() == "weight 1e-300 needs more than 18 significant digits or decimals");
}

TEST_CASE("a part rounded to a unit on its own equals the naive half-up formula where that fits") {
  std::mt19937_64 rng(2017);
  std::uniform_int_distribution<int64_t> amount(0, 5'000'000'000'000), units(1, 1'000'000);
  std::uniform_int_distribution<int> count(1, 9), scale(0, 4);
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<Weighted> ws;
    const int n = count(rng);
    for (int i = 0; i < n; ++i) ws.push_back({std::to_string(i), {units(rng), scale(rng)}});
    const Money unit = trial % 2 ? kPound : Money::from_pence(1);
    auto parts = apportion(Money::from_pence(amount(rng)), ws, unit);
    REQUIRE(parts);
    for (const Part& p : parts.value()) {
      const Int128 denominator = p.share_denominator * unit.pence();
      const auto naive = static_cast<int64_t>((p.share_numerator * 2 + denominator) / (denominator * 2)) * unit.pence();
      REQUIRE(exact_share_rounded(p, unit).pence() == naive);
    }
  }
  // EMSOU MC 2016/17: Notts' exact share £260,391.65 rounds to £260,392 on its own.
  auto mc = apportion(Money::from_pounds(943448),
                      weighted({{"notts", 27.6}, {"leics", 23.0}, {"derbys", 21.8}, {"northants", 14.7}, {"lincs", 12.9}}),
                      kPound);
  REQUIRE(mc);
  CHECK(format_money(exact_share_pence(mc.value()[0])) == "£260,391.65");
  CHECK(exact_share_rounded(mc.value()[0], kPound) == Money::from_pounds(260392));
}
