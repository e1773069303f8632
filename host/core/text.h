#pragma once
// Text that came from scripts or data, made safe to print: control characters, ANSI escapes and
// bytes that are not UTF-8 are shown as visible escapes (\x1b, \x00), never sent to a terminal.

#include <string>
#include <string_view>

namespace collab {

/// `text` with every control character but newline and tab, DEL, C1 controls and every byte that
/// is not part of valid UTF-8 written as \xNN (C1 controls as \u{0085}); printable text, "£"
/// included, unchanged.
std::string visible_text(std::string_view text);

/// At most `max_bytes` of `text` (cut at a UTF-8 boundary), with "... (N bytes cut)" when cut.
std::string capped_text(std::string_view text, std::size_t max_bytes);

}  // namespace collab
