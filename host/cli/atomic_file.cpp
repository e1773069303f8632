#include "cli/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace collab::cli {

namespace {

std::string errno_text() { return std::strerror(errno); }

// A fresh temporary file beside `file` (same directory, so rename is atomic); its path, or an error.
std::optional<std::string> make_temporary(const std::filesystem::path& file, std::string& path, int& fd) {
  const auto dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  std::string pattern = (dir / ("." + file.filename().string() + ".tmp-XXXXXX")).string();
  fd = mkstemp(pattern.data());
  if (fd < 0) return fmt::format("cannot create a file in {}: {}", dir.string(), errno_text());
  path = pattern;
  return std::nullopt;
}

std::optional<std::string> sync_and_rename(const std::string& temporary, const std::filesystem::path& file) {
  const int fd = ::open(temporary.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::string why = errno_text();
    if (fd >= 0) ::close(fd);
    ::unlink(temporary.c_str());
    return fmt::format("cannot write {}: {}", file.string(), why);
  }
  ::close(fd);
  if (::rename(temporary.c_str(), file.c_str()) != 0) {
    const std::string why = errno_text();
    ::unlink(temporary.c_str());
    return fmt::format("cannot write {}: {}", file.string(), why);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> write_file_atomically(const std::filesystem::path& file, const std::string& content) {
  std::string temporary;
  int fd = -1;
  if (auto error = make_temporary(file, temporary, fd)) return error;
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = errno_text();
      ::close(fd);
      ::unlink(temporary.c_str());
      return fmt::format("cannot write {}: {}", file.string(), why);
    }
    written += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);
  ::close(fd);
  return sync_and_rename(temporary, file);
}

std::optional<std::string> write_path_atomically(
    const std::filesystem::path& file, const std::function<std::optional<std::string>(const std::filesystem::path&)>& write) {
  std::string temporary;
  int fd = -1;
  if (auto error = make_temporary(file, temporary, fd)) return error;
  ::fchmod(fd, 0644);
  ::close(fd);
  if (auto error = write(temporary)) {
    ::unlink(temporary.c_str());
    return error;
  }
  return sync_and_rename(temporary, file);
}

}  // namespace collab::cli
