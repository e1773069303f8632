#pragma once
// Plain-text tables for the terminal: columns sized to their widest cell, numbers right-aligned.
// (The report issue brings the document model and its renderers; until then commands print
// through this.)

#include <string>
#include <vector>

namespace collab::cli {

class TextTable {
 public:
  /// `right[i]`: align column i to the right (numbers).
  TextTable(std::vector<std::string> headings, std::vector<bool> right);
  void add(std::vector<std::string> cells);
  void rule();  // a line of dashes before the next row (above totals)
  std::string str() const;

 private:
  std::vector<std::string> headings_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;  // an empty row is a rule
};

/// A CSV field, quoted when it needs to be (RFC 4180).
std::string csv_field(const std::string& text);

}  // namespace collab::cli
