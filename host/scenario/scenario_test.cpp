// Scenarios: loading, rules, building a scenario's model, the comparison's figures.

#include <catch2/catch.hpp>

TEST_CASE("scenario placeholder") { CHECK(true); }
