#include "load/json_document.h"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <sstream>

namespace collab::load {

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

namespace {

struct LineColumn {
  int line = 1;
  int column = 1;
};

// 1-based line and column of byte `offset` (columns count bytes, as editors do for ASCII).
LineColumn line_column_at(const std::string& text, size_t offset) {
  LineColumn lc;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      lc.column = 1;
    } else {
      ++lc.column;
    }
  }
  return lc;
}

// nlohmann's message starts with "[json.exception.parse_error.101] parse error at line 3, column 5: ";
// keep only what follows, since we print the place ourselves.
// nlohmann reports the last character it read, the end of the offending token;
// point at the token's start instead, where a reader looks for the mistake.
size_t token_start(const std::string& text, size_t offset) {
  if (offset >= text.size()) return offset;
  if (text[offset] == '"') {
    for (size_t i = offset; i-- > 0;)
      if (text[i] == '"' && (i == 0 || text[i - 1] != '\\')) return i;
    return offset;
  }
  auto in_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+'; };
  while (offset > 0 && in_word(text[offset]) && in_word(text[offset - 1])) --offset;
  return offset;
}

std::string parse_error_text(const std::string& what) {
  auto colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

/// Walks well-formed JSON text (nlohmann has already accepted it) and records
/// the site of every value under its JSON pointer, and duplicate keys.
class SiteScanner {
 public:
  SiteScanner(const std::string& text, JsonDocument& doc) : text_(text), doc_(doc) {}

  void scan() {
    skip_space();
    value("");
  }

 private:
  void value(const std::string& pointer) {
    LineColumn here{line_, column_};
    ValueSite site{here.line, here.column, {}};
    char c = peek();
    if (c == '{') {
      doc_.sites_[pointer] = site;
      object(pointer);
    } else if (c == '[') {
      doc_.sites_[pointer] = site;
      array(pointer);
    } else if (c == '"') {
      doc_.sites_[pointer] = site;
      string();
    } else {
      size_t start = pos_;
      while (pos_ < text_.size() && !is_delimiter(text_[pos_])) advance();
      if (c == '-' || (c >= '0' && c <= '9')) site.number_text = text_.substr(start, pos_ - start);
      doc_.sites_[pointer] = site;
    }
    skip_space();
  }

  void object(const std::string& pointer) {
    advance();  // {
    skip_space();
    std::vector<std::string> seen;
    while (peek() == '"') {
      int key_line = line_, key_column = column_;
      std::string key = string();
      std::string child = pointer + "/" + pointer_token(key);
      for (const auto& k : seen)
        if (k == key) doc_.duplicates_.push_back({child, key_line, key_column});
      seen.push_back(key);
      skip_space();
      advance();  // :
      skip_space();
      value(child);
      if (peek() == ',') {
        advance();
        skip_space();
      }
    }
    advance();  // }
  }

  void array(const std::string& pointer) {
    advance();  // [
    skip_space();
    for (size_t index = 0; peek() != ']'; ++index) {
      value(fmt::format("{}/{}", pointer, index));
      if (peek() == ',') {
        advance();
        skip_space();
      }
    }
    advance();  // ]
  }

  // Returns the decoded key for the common case (escapes other than \" and \\ are kept raw:
  // keys in our files are plain identifiers).
  std::string string() {
    std::string out;
    advance();  // opening quote
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\') {
        advance();
        if (text_[pos_] != '"' && text_[pos_] != '\\' && text_[pos_] != '/') out += '\\';
      }
      out += text_[pos_];
      advance();
    }
    advance();  // closing quote
    return out;
  }

  static bool is_delimiter(char c) {
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void advance() {
    if (pos_ >= text_.size()) return;
    if (text_[pos_] == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    ++pos_;
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t'))
      advance();
  }

  const std::string& text_;
  JsonDocument& doc_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

std::optional<JsonDocument> JsonDocument::parse(std::string display_name, std::string text, Diagnostics& out) {
  JsonDocument doc;
  doc.name_ = std::move(display_name);
  doc.text_ = std::move(text);
  try {
    doc.root_ = nlohmann::json::parse(doc.text_);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based: the position of the character that could not be read.
    LineColumn lc = line_column_at(doc.text_, token_start(doc.text_, e.byte > 0 ? e.byte - 1 : 0));
    out.add({Severity::Error, {doc.name_, lc.line, lc.column}, "malformed JSON: " + parse_error_text(e.what()),
             "check for a missing comma, quote or bracket just before this place", doc.line_text(lc.line), {}});
    return std::nullopt;
  }
  SiteScanner(doc.text_, doc).scan();
  return doc;
}

std::optional<JsonDocument> JsonDocument::read(const std::filesystem::path& file, std::string display_name,
                                               Diagnostics& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    out.error({display_name, 0, 0}, "cannot read the file", "check that it exists and is readable");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(std::move(display_name), text.str(), out);
}

SourceLocation JsonDocument::where(const std::string& pointer) const {
  auto it = sites_.find(pointer);
  if (it == sites_.end()) return {name_, 0, 0};
  return {name_, it->second.line, it->second.column};
}

std::string JsonDocument::number_text(const std::string& pointer) const {
  auto it = sites_.find(pointer);
  return it == sites_.end() ? std::string{} : it->second.number_text;
}

std::string JsonDocument::line_text(int line) const {
  size_t start = 0;
  for (int l = 1; l < line; ++l) {
    start = text_.find('\n', start);
    if (start == std::string::npos) return {};
    ++start;
  }
  size_t end = text_.find('\n', start);
  std::string out = text_.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return out;
}

Diagnostic JsonDocument::diagnostic(Severity s, const std::string& pointer, std::string message,
                                    std::string hint) const {
  SourceLocation at = where(pointer);
  return {s, at, std::move(message), std::move(hint), at.line > 0 ? line_text(at.line) : std::string{}, {}};
}

}  // namespace collab::load
