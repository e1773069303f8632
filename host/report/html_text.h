#pragma once
// Text made safe for HTML and SVG, shared by render_html and chart_svg: escaped for text and
// attributes alike, and ids that any string maps to without collisions.

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "core/text.h"

namespace collab::report {

/// `text` with control characters made visible (visible_text) and & < > " ' escaped, so it is
/// safe both as element text and inside a quoted attribute.
inline std::string escape_html(std::string_view text) {
  const std::string shown = visible_text(text);
  std::string out;
  out.reserve(shown.size() + shown.size() / 8);
  for (const char c : shown) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

/// `prefix` + `id` with every byte outside [A-Za-z0-9-] written as _XX (hex): a valid HTML id,
/// a plain URL fragment and CSS identifier, and one-to-one ('_' itself is always encoded), so
/// distinct ids stay distinct. `prefix` is trusted (a literal such as "x-").
inline std::string html_id(std::string_view prefix, std::string_view id) {
  std::string out(prefix);
  for (const char c : id) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (plain)
      out += c;
    else
      out += fmt::format("_{:02X}", static_cast<unsigned char>(c));
  }
  return out;
}

}  // namespace collab::report
