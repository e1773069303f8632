// The Catch2 runner for every *_test.cpp under host/ and tests/.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
