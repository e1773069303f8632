#include "calc/change_limit.h"

#include <catch2/catch.hpp>

using namespace collab;

namespace {

const Money kPound = Money::from_pounds(1);
Money pounds(int64_t n) { return Money::from_pounds(n); }
Percent pct(const char* text) { return parse_percent(text).value(); }

UnlimitedPart part(const char* party, std::optional<int64_t> previous, int64_t proposed, int64_t weight) {
  return {party, previous ? std::optional<Money>(pounds(*previous)) : std::nullopt, pounds(proposed), {weight, 0}};
}

std::vector<int64_t> pounds_of(const std::vector<LimitedPart>& parts) {
  std::vector<int64_t> out;
  for (const auto& p : parts) out.push_back(p.amount.pence() / 100);
  return out;
}

Money sum_of(const std::vector<LimitedPart>& parts) {
  Money sum;
  for (const auto& p : parts) sum += p.amount;
  return sum;
}

}  // namespace

TEST_CASE("a cap that no part breaches changes nothing") {
  auto out = limit_changes(pounds(315), {part("a", 100, 105, 1), part("b", 200, 210, 2)}, {pct("5%"), {}}, kPound);
  REQUIRE(out);
  CHECK(pounds_of(out.value()) == std::vector<int64_t>{105, 210});
  CHECK_FALSE(out.value()[0].fixed);
}

TEST_CASE("a cap holds for every force when redistribution pushes others over in turn") {
  // Last year each paid £100; this year £420 is split 50:25:15:10 (£210, £105, £63, £42), a cap
  // of +10% allows at most £110 each. Round 1: a (£210) is held at £110; £310 goes 25:15:10 to
  // b, c, d (£155, £93, £62). Round 2: b is held at £110; £200 goes 15:10 (£120, £80). Round 3:
  // c is held at £110; d takes the £90 left, within its cap.
  const std::vector<UnlimitedPart> parts{part("a", 100, 210, 50), part("b", 100, 105, 25), part("c", 100, 63, 15),
                                         part("d", 100, 42, 10)};
  auto out = limit_changes(pounds(420), parts, {pct("10%"), {}}, kPound);
  REQUIRE(out);
  CHECK(pounds_of(out.value()) == std::vector<int64_t>{110, 110, 110, 90});
  CHECK(sum_of(out.value()) == pounds(420));
  CHECK(out.value()[0].round == 1);
  CHECK(out.value()[1].round == 2);
  CHECK(out.value()[2].round == 3);
  CHECK_FALSE(out.value()[3].fixed);
  Money moved;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    CHECK(out.value()[i].amount <= pounds(110));  // the cap holds for every force
    CHECK(out.value()[i].moved == out.value()[i].amount - parts[i].proposed);
    moved += out.value()[i].moved;
  }
  CHECK(moved == Money{});  // what the capped give up, the others take, to the penny
}

TEST_CASE("a floor holds a falling part up and the others pay its difference") {
  // £300 split 1:1:1 would be £100 each; a, last year £200, may fall at most 10%: £180. The
  // £120 left goes 1:1 to b and c.
  auto out = limit_changes(pounds(300), {part("a", 200, 100, 1), part("b", 50, 100, 1), part("c", 50, 100, 1)},
                           {{}, pct("10%")}, kPound);
  REQUIRE(out);
  CHECK(pounds_of(out.value()) == std::vector<int64_t>{180, 60, 60});
}

TEST_CASE("damping bounds both ways; bounds are rounded so they hold; a joiner has none") {
  // a: last year £1,001, +-5% is £950.95..£1,051.05, so £951..£1,051 at £1. The joiner j absorbs.
  auto out = limit_changes(pounds(2000), {part("a", 1001, 1500, 3), part("j", std::nullopt, 500, 1)},
                           {pct("5%"), pct("5%")}, kPound);
  REQUIRE(out);
  CHECK(pounds_of(out.value()) == std::vector<int64_t>{1051, 949});
  auto low = limit_changes(pounds(2000), {part("a", 1001, 500, 1), part("j", std::nullopt, 1500, 3)},
                           {pct("5%"), pct("5%")}, kPound);
  REQUIRE(low);
  CHECK(pounds_of(low.value()) == std::vector<int64_t>{951, 1049});
}

TEST_CASE("odd pence are shared exactly and the sum is preserved") {
  const Money total = Money::from_pence(100'001);  // £1,000.01
  auto out = limit_changes(total, {part("a", 100, 500, 1), part("b", 500, 250, 1), {"c", pounds(500), Money::from_pence(25'001), {1, 0}}},
                           {pct("0%"), {}}, kPound);
  REQUIRE(out);
  CHECK(out.value()[0].amount == pounds(100));
  CHECK(sum_of(out.value()) == total);
}

TEST_CASE("a cap that no split can hold is an error") {
  // Both paid £100; £220 is 10% more, and neither may rise more than 5%.
  auto out = limit_changes(pounds(220), {part("a", 100, 110, 1), part("b", 100, 110, 1)}, {pct("5%"), {}}, kPound);
  REQUIRE_FALSE(out);
  CHECK(out.error() == "no split holds every bound: held at their bounds, the parts fall short of the total by £10.00");
  CHECK_FALSE(limit_changes(pounds(100), {part("a", 100, 90, 1)}, {}, kPound));  // parts not adding up
}
