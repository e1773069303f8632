#pragma once
// Building a document in C++ (the what-if, impact, sweep and seek documents): a column, a cell and
// plain text in one expression each, so each document's code reads as its layout.

#include <string>
#include <utility>

#include "report/document.h"

namespace collab::report::build {

/// `group`: a spanning heading shared by consecutive columns; `decimals`: -1 for the default.
inline Column column(std::string key, std::string title, ColumnType type, std::string group = "", int decimals = -1) {
  Column c;
  c.key = std::move(key);
  c.title = std::move(title);
  c.type = type;
  c.group = std::move(group);
  c.decimals = decimals;
  return c;
}

/// `c` with figures that total rows do not sum (percentiles, figures at another value).
inline Column unsummed(Column c) {
  c.sum = false;
  return c;
}

inline Cell cell(CellValue value) {
  Cell c;
  c.value = std::move(value);
  return c;
}

/// One plain span.
inline Spans text(std::string s) {
  Span span;
  span.text = std::move(s);
  return {std::move(span)};
}

}  // namespace collab::report::build
