#pragma once
// Noticing that the inputs changed, by polling: a snapshot of every file under data/, scripts/
// and plugins/ (path, size, modification time), compared with the last one. Portable, cheap for a
// few hundred files, and blind to nothing an editor can do (save in place, rename over, delete).

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace collab::serve {

/// One file as a snapshot saw it.
struct FileStamp {
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

/// Every regular file under the watched folders of a root, by path relative to the root.
using Snapshot = std::map<std::string, FileStamp>;

/// The folders watched under a root.
inline constexpr const char* kWatchedFolders[] = {"data", "scripts", "plugins"};

/// Takes a snapshot of `root`'s data/, scripts/ and plugins/ (a missing folder is empty; an
/// unreadable entry is skipped; symbolic links are not followed). At most `max_files` files.
Snapshot take_snapshot(const std::filesystem::path& root, std::size_t max_files = 20000);

/// The first path that differs between two snapshots (added, removed or changed), or "".
std::string first_difference(const Snapshot& before, const Snapshot& after);

}  // namespace collab::serve
