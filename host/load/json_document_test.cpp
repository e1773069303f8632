#include "load/json_document.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

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

TEST_CASE("keys are decoded as the parser decodes them: escapes, \\u and surrogate pairs") {
  Diagnostics out;
  auto doc = JsonDocument::parse("t.json", R"({"c\u0061sh": 1, "a\/b\"c": 2, "\ud83d\ude00": 3, "\u00e9": 4})", out);
  REQUIRE(doc);
  CHECK(doc->root().contains("cash"));
  CHECK(doc->where("/cash").str() == "t.json:1:15");
  CHECK(doc->number_text("/cash") == "1");
  CHECK(doc->where("/a~1b\"c").str() == "t.json:1:29");
  CHECK(doc->number_text("/\xF0\x9F\x98\x80") == "3");
  CHECK(doc->number_text("/\xC3\xA9") == "4");
  CHECK(doc->duplicate_keys().empty());
  // What the parser keeps is what the scanner saw: an escaped twin is a duplicate.
  Diagnostics twin;
  auto dup = JsonDocument::parse("t.json", R"({"cash": 1000, "c\u0061sh": 2000, "\u00e9": 1, "é": 2})", twin);
  REQUIRE(dup);
  REQUIRE(dup->duplicate_keys().size() == 2);
  CHECK(dup->duplicate_keys()[0].pointer == "/cash");
  CHECK(dup->duplicate_keys()[0].column == 16);
  CHECK(dup->duplicate_keys()[1].pointer == "/\xC3\xA9");
}

TEST_CASE("a byte-order mark is refused at 1:1, whatever follows") {
  for (std::string rest : {"{}", "{\"a\": 1}", "\n[1]", ""}) {
    Diagnostics out;
    CHECK_FALSE(JsonDocument::parse("t.json", "\xEF\xBB\xBF" + rest, out));
    REQUIRE(out.errors() == 1);
    CHECK_THAT(collab::format_diagnostic(out.items()[0]),
               Catch::StartsWith("t.json:1:1: error: the file starts with a UTF-8 byte-order mark"));
  }
  Diagnostics inside;  // inside a string it is only text
  CHECK(JsonDocument::parse("t.json", "{\"a\": \"\xEF\xBB\xBF\"}", inside));
}

TEST_CASE("a number beyond a double is an error at its place, not an exception") {
  for (const std::string& n : std::vector<std::string>{"1e400", "-1e400", "1E+309", "123456789e999", std::string(400, '9')}) {
    Diagnostics out;
    CHECK_FALSE(JsonDocument::parse("t.json", "{\n  \"x\": [0, " + n + "]\n}", out));
    REQUIRE(out.errors() == 1);
    CHECK_THAT(collab::format_diagnostic(out.items()[0]), Catch::StartsWith("t.json:2:12: error: the number "));
    CHECK_THAT(collab::format_diagnostic(out.items()[0]), Catch::Contains("is too large to be read"));
  }
  Diagnostics fine;  // the largest doubles, tiny ones (they round to 0) and numbers in strings are fine
  CHECK(JsonDocument::parse("t.json", R"([1.7976931348623157e308, 1e-400, "1e400"])", fine));
  CHECK(fine.empty());
}

TEST_CASE("a key holding \\u0000 is an error at the key") {
  Diagnostics out;
  CHECK_FALSE(JsonDocument::parse("t.json", "{\"ok\": 1,\n \"a\\u0000b\": 1, \"\\u0000\": 2}", out));
  REQUIRE(out.errors() == 2);
  CHECK_THAT(collab::format_diagnostic(out.items()[0]), Catch::StartsWith("t.json:2:2: error: a key holds the NUL character"));
  CHECK_THAT(collab::format_diagnostic(out.items()[1]), Catch::StartsWith("t.json:2:17: error: a key holds the NUL character"));
}
