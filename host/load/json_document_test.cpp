#include "load/json_document.h"

#include <catch2/catch.hpp>

using collab::Diagnostics;
using collab::load::JsonDocument;

TEST_CASE("every value has a line and column, and numbers keep their literal text") {
  Diagnostics out;
  auto doc = JsonDocument::parse("t.json", "{\n  \"a\": [1, 2.50],\n  \"b/c\": {\"d\": \"x\"}\n}", out);
  REQUIRE(doc);
  CHECK(doc->where("").str() == "t.json:1:1");
  CHECK(doc->where("/a").str() == "t.json:2:8");
  CHECK(doc->where("/a/1").str() == "t.json:2:12");
  CHECK(doc->number_text("/a/1") == "2.50");
  CHECK(doc->where("/b~1c/d").str() == "t.json:3:16");
  CHECK(doc->line_text(2) == "  \"a\": [1, 2.50],");
}

TEST_CASE("malformed JSON is an error at the place the parser stopped") {
  Diagnostics out;
  auto doc = JsonDocument::parse("t.json", "{\n  \"a\": 1\n  \"b\": 2\n}", out);
  REQUIRE_FALSE(doc);
  REQUIRE(out.errors() == 1);
  std::string text = collab::format_diagnostic(out.items()[0]);
  CHECK_THAT(text, Catch::StartsWith("t.json:3:3: error: malformed JSON: syntax error"));
  CHECK_THAT(text, Catch::Contains("hint: check for a missing comma"));
}

TEST_CASE("a key given twice in one object is found, with the place of the second") {
  Diagnostics out;
  auto doc = JsonDocument::parse("t.json", R"({"a": 1, "b": {"x": 1, "x": 2}, "a": 3})", out);
  REQUIRE(doc);
  const auto& dups = doc->duplicate_keys();
  REQUIRE(dups.size() == 2);
  CHECK(dups[0].pointer == "/b/x");
  CHECK(dups[0].column == 24);
  CHECK(dups[1].pointer == "/a");
}
