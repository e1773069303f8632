#include <catch2/catch.hpp>

#include "core/text.h"

using namespace collab;

TEST_CASE("visible_text shows control characters, escapes and bad bytes, and keeps printable UTF-8") {
  CHECK(visible_text("£2,641,009 to Notts") == "£2,641,009 to Notts");
  CHECK(visible_text("line one\nline two\tend") == "line one\nline two\tend");
  CHECK(visible_text("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
  CHECK(visible_text(std::string("derbyshire\0", 11)) == "derbyshire\\x00");
  CHECK(visible_text("bell\a, back\b, cr\r, del\x7f") == "bell\\x07, back\\x08, cr\\x0d, del\\x7f");
  CHECK(visible_text("\xc2\x9b" "31m") == "\\u{009b}31m");  // a C1 CSI, as UTF-8
  CHECK(visible_text("\x9b" "31m") == "\\x9b31m");          // the raw byte
  CHECK(visible_text("\xe2\x82") == "\\xe2\\x82");           // a cut-off character
  CHECK(visible_text("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a surrogate
}

TEST_CASE("capped_text cuts long text at a character boundary and says how much it cut") {
  CHECK(capped_text("short", 10) == "short");
  CHECK(capped_text(std::string(100, 'x'), 10) == "xxxxxxxxxx... (90 bytes cut)");
  CHECK(capped_text("ab££", 3) == "ab... (4 bytes cut)");  // "£" is two bytes: not split
}
