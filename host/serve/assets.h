#pragma once
// The explorer's page, script and style sheet (host/serve/assets/), compiled into the binary by
// embed_assets.cmake: the server reads no file to serve them and downloads nothing.

#include <string_view>

namespace collab::serve {

struct Asset {
  std::string_view path;          // "/", "/explorer.js"
  std::string_view content_type;  // "text/html; charset=utf-8"
  std::string_view body;
};

/// The asset served at `path`, or null.
const Asset* find_asset(std::string_view path);

}  // namespace collab::serve
