#include "run/lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace collab::run {
namespace {

std::string read_all(int fd) {
  std::string text;
  char buffer[64];
  ::lseek(fd, 0, SEEK_SET);
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0 && text.size() < 256;) text.append(buffer, static_cast<std::size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

std::optional<RunLock> RunLock::take(const std::filesystem::path& dir, std::string& error, std::string& stale) {
  const std::filesystem::path path = dir / ".lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) {
    error = fmt::format("cannot make the lock file {}: {}", path.string(), std::strerror(errno));
    return std::nullopt;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const std::string holder = read_all(fd);
    ::close(fd);
    error = fmt::format("another collab run{} is writing to {} (it holds {}); wait for it to finish", 
                        holder.empty() ? "" : " (pid " + holder + ")", dir.string(), path.string());
    return std::nullopt;
  }
  // Ours. Whatever pid the file holds is a run that died without letting go: say so.
  const std::string previous = read_all(fd);
  if (!previous.empty()) stale = previous;
  const std::string pid = fmt::format("{}\n", ::getpid());
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    error = fmt::format("cannot write the lock file {}: {}", path.string(), std::strerror(errno));
    ::close(fd);
    return std::nullopt;
  }
  return RunLock(fd, path);
}

bool pid_running(const std::string& text) {
  char* end = nullptr;
  const long pid = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0' || pid <= 0 || pid > 4194304) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

RunLock::~RunLock() {
  if (fd_ < 0) return;
  // Empty the file before letting go: a pid left in it means a run died holding the lock.
  if (::ftruncate(fd_, 0) != 0) { /* the lock is released regardless */ }
  ::close(fd_);
}

}  // namespace collab::run
