#pragma once
// The capped, in-memory log that print and warn write to.

#include <cstddef>
#include <string>
#include <vector>

namespace collab::lua {

/// One line a script printed (print) or warned (warn), and where: the script and line of the
/// call ("scripts/formulae/grant_share.lua", 12). How to show it is the host's choice.
struct LogLine {
  enum class Kind { Print, Warning };
  Kind kind = Kind::Print;
  std::string text;
  std::string script;  // the chunk name; empty for Lua's own warnings, which come from no call
  int line = 0;        // 0: unknown

  /// "scripts/formulae/grant_share.lua:12", the script alone without a line, or "".
  std::string where() const { return line > 0 ? script + ":" + std::to_string(line) : script; }
};

/// The lines of one run, at most `max_lines` lines and `max_bytes` bytes of text; what does not
/// fit is dropped and counted (the limit report shows the count).
class Log {
 public:
  void begin(std::size_t max_lines, std::size_t max_bytes) {
    lines_.clear();
    bytes_ = 0;
    dropped_ = 0;
    max_lines_ = max_lines;
    max_bytes_ = max_bytes;
  }
  /// Bytes a line may still have (a longer line would be dropped).
  std::size_t room() const { return lines_.size() < max_lines_ ? max_bytes_ - bytes_ : 0; }
  void add(LogLine::Kind kind, std::string text, std::string script = {}, int line = 0) {
    if (text.size() > room()) {
      ++dropped_;
      return;
    }
    bytes_ += text.size();
    lines_.push_back({kind, std::move(text), std::move(script), line});
  }
  void drop() { ++dropped_; }
  std::size_t dropped() const { return dropped_; }
  std::vector<LogLine> take() { return std::move(lines_); }

 private:
  std::vector<LogLine> lines_;
  std::size_t bytes_ = 0;
  std::size_t dropped_ = 0;
  std::size_t max_lines_ = 0;
  std::size_t max_bytes_ = 0;
};

}  // namespace collab::lua
