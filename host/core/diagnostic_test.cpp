#include "core/diagnostic.h"

#include <catch2/catch.hpp>

using namespace collab;

TEST_CASE("a diagnostic names file, line and column, shows the line with a caret and a hint") {
  // Built field by field: GCC 12 -O2 reports a false -Wmaybe-uninitialized on the aggregate form.
  Diagnostic d;
  d.where = {"data/forces.json", 12, 5};
  d.message = "unknown force 'notts'";
  d.hint = "known forces: nottinghamshire";
  d.excerpt = R"(  "lead": "notts",)";
  CHECK(format_diagnostic(d) ==
        "data/forces.json:12:5: error: unknown force 'notts'\n"
        "      \"lead\": \"notts\",\n"
        "        ^\n"
        "    hint: known forces: nottinghamshire");
}

TEST_CASE("a script error's traceback follows the hint, indented") {
  Diagnostic d;
  d.where = {"scripts/formulae/f.lua", 4, 0};
  d.message = "runtime error: boom";
  d.hint = "while computing 2016/17";
  d.excerpt = "w[f.id] = collab.grant(f, y)";
  d.detail = "stack traceback:\n\t[C]: in field 'grant'\n\tf.lua:4: in function";
  CHECK(format_diagnostic(d) ==
        "scripts/formulae/f.lua:4: error: runtime error: boom\n"
        "    w[f.id] = collab.grant(f, y)\n"
        "    hint: while computing 2016/17\n"
        "    stack traceback:\n"
        "      [C]: in field 'grant'\n"
        "      f.lua:4: in function");
}

TEST_CASE("diagnostics count by severity") {
  Diagnostics ds;
  ds.error({"a.json", 1, 1}, "bad");
  ds.warning({"a.json", 2, 0}, "odd");
  ds.warning({"", 0, 0}, "odd too");
  CHECK(ds.errors() == 1);
  CHECK(ds.warnings() == 2);
  CHECK(format_diagnostic(ds.items()[1]) == "a.json:2: warning: odd");
  CHECK(format_diagnostic(ds.items()[2]) == "warning: odd too");
}
