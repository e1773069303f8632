#include <catch2/catch.hpp>

#include "core/sha256.h"

using namespace collab;

TEST_CASE("SHA-256 gives the published test vectors") {
  // FIPS 180-2 examples.
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK_FALSE(sha256_file("/nonexistent/collab/file").has_value());
}
