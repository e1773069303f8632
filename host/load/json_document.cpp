#include "load/json_document.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <variant>

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

struct PrescanProblem {
  size_t offset = 0;
  std::string message;
  std::string hint;
};

bool is_number_char(char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; }

// One pass over the text, without recursion, before the parser sees it: nesting deeper than
// `max_depth` (the site scanner recurses once per level) and numbers beyond a double's range
// (nlohmann throws out_of_range for them, with no place) are found here, at their place.
std::optional<PrescanProblem> prescan(const std::string& text, int max_depth) {
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth)
        return PrescanProblem{i, fmt::format("arrays and objects nested more than {} deep", max_depth),
                              "data files need only a few levels; check for a run of brackets"};
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t end = i;
      while (end < text.size() && is_number_char(text[end])) ++end;
      const std::string literal = text.substr(i, end - i);
      const double value = std::strtod(literal.c_str(), nullptr);
      if (!std::isfinite(value))
        return PrescanProblem{i, fmt::format("the number {} is too large to be read", literal.size() > 40 ? literal.substr(0, 40) + "..." : literal),
                              "numbers must be within about ±1.8e308; give amounts as written in the source"};
      i = end - 1;
    }
  }
  return std::nullopt;
}

// Appends the UTF-8 encoding of code point `cp`.
void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

/// Walks well-formed JSON text (nlohmann has already accepted it) and records
/// the site of every value under its JSON pointer, duplicate keys and keys holding \\u0000.
/// Keys are decoded as the parser decodes them (every escape, surrogate pairs), so pointers,
/// duplicates and nlohmann's object agree.
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
      if (key.find('\0') != std::string::npos) nul_keys.push_back({child, key_line, key_column});
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

  // Returns the string decoded as nlohmann decodes it (the text is valid JSON).
  std::string string() {
    std::string out;
    advance();  // opening quote
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] != '\\') {
        out += text_[pos_];
        advance();
        continue;
      }
      advance();  // backslash
      const char e = peek();
      advance();
      switch (e) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF && peek() == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] == 'u') {
            advance();
            advance();
            const unsigned low = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: out += e;  // quote, backslash or slash
      }
    }
    advance();  // closing quote
    return out;
  }

  unsigned hex4() {
    unsigned v = 0;
    for (int k = 0; k < 4 && pos_ < text_.size(); ++k) {
      const char h = text_[pos_];
      v = v * 16 + static_cast<unsigned>(h >= '0' && h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
      advance();
    }
    return v;
  }

 public:
  std::vector<DuplicateKey> nul_keys;

 private:
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

std::optional<JsonDocument> JsonDocument::parse(std::string display_name, std::string text, Diagnostics& out,
                                                const JsonLimits& limits) {
  JsonDocument doc;
  doc.name_ = std::move(display_name);
  doc.text_ = std::move(text);
  auto fail_at = [&](size_t offset, std::string message, std::string hint) {
    LineColumn lc = line_column_at(doc.text_, offset);
    std::string excerpt = doc.line_text(lc.line);
    if (excerpt.size() > 200) excerpt.clear();  // a 100,000-bracket line is no help under the message
    out.add({Severity::Error, {doc.name_, lc.line, lc.column}, std::move(message), std::move(hint), std::move(excerpt), {}});
    return std::nullopt;
  };
  if (doc.text_.size() > limits.max_bytes)
    return fail_at(0, fmt::format("the file is larger than the limit of {} bytes", limits.max_bytes),
                   "data files are small; check that this is the right file");
  // nlohmann skips a byte-order mark and the site scanner would not: refuse it, so both see the same text.
  if (doc.text_.starts_with("\xEF\xBB\xBF"))
    return fail_at(0, "the file starts with a UTF-8 byte-order mark", "save it without one (as UTF-8 without BOM)");
  if (auto problem = prescan(doc.text_, limits.max_depth))
    return fail_at(problem->offset, problem->message, problem->hint);
  try {
    doc.root_ = nlohmann::json::parse(doc.text_);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based: the position of the character that could not be read.
    return fail_at(token_start(doc.text_, e.byte > 0 ? e.byte - 1 : 0), "malformed JSON: " + parse_error_text(e.what()),
                   "check for a missing comma, quote or bracket just before this place");
  } catch (const nlohmann::json::exception& e) {
    // The prescan finds what nlohmann refuses beyond syntax (numbers out of range); should it
    // miss something, it is still bad input, not an internal fault.
    return fail_at(0, "unreadable JSON: " + parse_error_text(e.what()), "check the file's numbers and strings");
  }
  SiteScanner scanner(doc.text_, doc);
  scanner.scan();
  for (const DuplicateKey& key : scanner.nul_keys)
    out.add({Severity::Error, {doc.name_, key.line, key.column}, "a key holds the NUL character \\u0000",
             "remove the \\u0000 from the key", doc.line_text(key.line), {}});
  if (!scanner.nul_keys.empty()) return std::nullopt;
  return doc;
}

std::optional<JsonDocument> JsonDocument::read(const std::filesystem::path& file, std::string display_name,
                                               Diagnostics& out, const JsonLimits& limits) {
  auto text = read_bounded(file, limits.max_bytes);
  if (auto* failure = std::get_if<ReadFailure>(&text)) {
    out.error({display_name, 0, 0}, failure->message, failure->hint);
    return std::nullopt;
  }
  return parse(std::move(display_name), std::move(std::get<std::string>(text)), out, limits);
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
