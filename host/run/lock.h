#pragma once
// One run at a time per output folder: DIR/.lock, held with flock(2) and holding the holder's
// pid. The kernel lets go of the lock when its holder dies however it dies, so a lock file left by
// a killed run is stale by construction: the next run takes it over and says whose it was.

#include <optional>
#include <string>
#include <filesystem>

namespace collab::run {

class RunLock {
 public:
  /// Takes the lock on `dir`/.lock. On failure `error` says why: another run holds it (its pid), or
  /// the file cannot be made. `stale` names a dead run whose pid the file held.
  static std::optional<RunLock> take(const std::filesystem::path& dir, std::string& error, std::string& stale);
  RunLock(RunLock&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) { other.fd_ = -1; }
  RunLock& operator=(RunLock&&) = delete;
  RunLock(const RunLock&) = delete;
  ~RunLock();

 private:
  RunLock(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::filesystem::path path_;
};

/// Whether `pid` (decimal text) names a running process.
bool pid_running(const std::string& pid);

}  // namespace collab::run
