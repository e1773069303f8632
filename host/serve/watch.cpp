#include "serve/watch.h"

#include <system_error>

namespace collab::serve {

Snapshot take_snapshot(const std::filesystem::path& root, std::size_t max_files) {
  namespace fs = std::filesystem;
  Snapshot out;
  for (const char* folder : kWatchedFolders) {
    std::error_code ec;
    fs::recursive_directory_iterator it(root / folder, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end && out.size() < max_files; it.increment(ec)) {
      std::error_code e;
      if (!it->is_regular_file(e) || e) continue;
      FileStamp stamp;
      stamp.size = it->file_size(e);
      if (e) continue;
      const auto time = it->last_write_time(e);
      if (e) continue;
      stamp.mtime_ns = static_cast<std::int64_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count());
      out.emplace(fs::relative(it->path(), root, e).generic_string(), stamp);
    }
  }
  return out;
}

std::string first_difference(const Snapshot& before, const Snapshot& after) {
  auto a = before.begin();
  auto b = after.begin();
  while (a != before.end() || b != after.end()) {
    if (a == before.end()) return b->first;
    if (b == after.end()) return a->first;
    if (a->first != b->first) return a->first < b->first ? a->first : b->first;
    if (!(a->second == b->second)) return a->first;
    ++a;
    ++b;
  }
  return "";
}

}  // namespace collab::serve
