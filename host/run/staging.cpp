#include "run/staging.h"

#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>

namespace collab::run {
namespace fs = std::filesystem;
namespace {

std::string errno_text() { return std::strerror(errno); }

std::tm utc(std::chrono::system_clock::time_point time) {
  const std::time_t t = std::chrono::system_clock::to_time_t(time);
  std::tm out{};
  gmtime_r(&t, &out);
  return out;
}

std::optional<std::string> sync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return fmt::format("cannot open {} to sync it: {}", path.string(), errno_text());
  const int rc = ::fsync(fd);
  const std::string why = errno_text();
  ::close(fd);
  if (rc != 0) return fmt::format("cannot sync {}: {}", path.string(), why);
  return std::nullopt;
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

std::string utc_stamp(std::chrono::system_clock::time_point time) {
  const std::tm t = utc(time);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
}

std::string utc_time(std::chrono::system_clock::time_point time) {
  const std::tm t = utc(time);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count() % 1000;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour,
                     t.tm_min, t.tm_sec, ms);
}

std::optional<std::string> out_folder_problem(const fs::path& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) return fmt::format("the output folder {} does not exist; create it (mkdir -p {})", dir.string(), dir.string());
    return fmt::format("cannot use the output folder {}: {}", dir.string(), errno_text());
  }
  if (!S_ISDIR(st.st_mode)) return fmt::format("the output {} is not a folder", dir.string());
  return std::nullopt;
}

bool stays_inside(const std::string& relative) {
  if (relative.empty() || relative.front() == '/') return false;
  std::size_t start = 0;
  while (start <= relative.size()) {
    const std::size_t slash = std::min(relative.find('/', start), relative.size());
    const std::string part = relative.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    for (char c : part)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) return false;
    start = slash + 1;
  }
  return true;
}

Result<Staging> Staging::create(const fs::path& dir, const std::string& stamp) {
  const fs::path path = dir / fmt::format(".staging-{}-{}", stamp, ::getpid());
  if (::mkdir(path.c_str(), 0755) != 0)
    return fail(fmt::format("cannot write in the output folder {}: {}", dir.string(), errno_text()));
  return Staging(dir, path);
}

Staging::Staging(Staging&& other) noexcept
    : dir_(std::move(other.dir_)), path_(std::move(other.path_)), files_(std::move(other.files_)), done_(other.done_) {
  other.done_ = true;
}

Staging::~Staging() { discard(); }

void Staging::discard() {
  if (done_) return;
  done_ = true;
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::optional<std::string> Staging::write_with(const std::string& relative,
                                               const std::function<std::optional<std::string>(const fs::path&)>& writer) {
  if (!stays_inside(relative)) return fmt::format("refused to write '{}': the name would leave the run's folder", relative);
  const fs::path file = path_ / relative;
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return fmt::format("cannot make the folder {}: {}", file.parent_path().string(), ec.message());
  if (fs::exists(file, ec)) return fmt::format("refused to write {} twice", relative);
  if (auto error = writer(file)) return error;
  if (auto error = sync_path(file, O_RDONLY)) return error;
  files_.push_back(relative);
  return std::nullopt;
}

std::optional<std::string> Staging::write(const std::string& relative, const std::string& bytes) {
  return write_with(relative, [&bytes](const fs::path& file) -> std::optional<std::string> {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return fmt::format("cannot write {}: {}", file.string(), errno_text());
    std::size_t written = 0;
    while (written < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const std::string why = errno_text();
        ::close(fd);
        return fmt::format("cannot write {}: {}", file.string(), why);
      }
      written += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) return fmt::format("cannot write {}: {}", file.string(), errno_text());
    return std::nullopt;
  });
}

std::vector<std::string> Staging::files() const {
  std::vector<std::string> out = files_;
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::string> Staging::sync_folders() const {
  std::vector<fs::path> folders{path_};
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_directory()) folders.push_back(it->path());
  if (ec) return fmt::format("cannot list {}: {}", path_.string(), ec.message());
  std::reverse(folders.begin(), folders.end());  // deepest first
  for (const auto& folder : folders)
    if (auto error = sync_folder(folder)) return error;
  return std::nullopt;
}

std::optional<std::string> Staging::move_into_runs(const std::string& stamp, std::string& name) {
  const fs::path runs = dir_ / "runs";
  if (::mkdir(runs.c_str(), 0755) != 0 && errno != EEXIST)
    return fmt::format("cannot make {}: {}", runs.string(), errno_text());
  for (int n = 1;; ++n) {
    name = n == 1 ? stamp : fmt::format("{}-{}", stamp, n);
    const fs::path target = runs / name;
    // rename() would replace an empty folder of that name: make sure there is none first.
    struct stat st {};
    if (::lstat(target.c_str(), &st) == 0) continue;
    if (::rename(path_.c_str(), target.c_str()) != 0) return fmt::format("cannot move the run into {}: {}", target.string(), errno_text());
    path_ = target;
    done_ = true;
    break;
  }
  return sync_folder(runs);
}

std::optional<std::string> Staging::keep_aside(const std::string& stamp, std::string& kept) {
  return move_into_runs(stamp, kept);
}

std::optional<std::string> Staging::promote(const std::string& stamp, std::string& promoted) {
  if (auto error = move_into_runs(stamp, promoted)) return error;
  const fs::path link = dir_ / fmt::format(".latest-{}", ::getpid());
  ::unlink(link.c_str());
  if (::symlink(("runs/" + promoted).c_str(), link.c_str()) != 0)
    return fmt::format("cannot make the link {}: {}", link.string(), errno_text());
  if (::rename(link.c_str(), (dir_ / "latest").c_str()) != 0) {
    const std::string why = errno_text();
    ::unlink(link.c_str());
    return fmt::format("cannot point {} at the new run: {}", (dir_ / "latest").string(), why);
  }
  return sync_folder(dir_);
}

std::optional<std::string> sync_folder(const fs::path& folder) { return sync_path(folder, O_RDONLY | O_DIRECTORY); }

std::optional<std::string> latest_run(const fs::path& dir) {
  std::error_code ec;
  const fs::path target = fs::read_symlink(dir / "latest", ec);
  if (ec) return std::nullopt;
  const std::string text = target.generic_string();
  if (!starts_with(text, "runs/")) return std::nullopt;
  const std::string name = text.substr(5);
  if (!stays_inside(name) || name.find('/') != std::string::npos || !fs::is_directory(dir / "runs" / name, ec)) return std::nullopt;
  return name;
}

std::vector<std::string> list_runs(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir / "runs", ec))
    if (entry.is_directory() && !entry.is_symlink()) out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> clean_leftovers(const fs::path& dir) {
  std::vector<std::string> removed;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!starts_with(name, ".staging-") && !starts_with(name, ".trash-") && !starts_with(name, ".latest-")) continue;
    std::error_code ignored;
    fs::remove_all(entry.path(), ignored);
    removed.push_back(name);
  }
  std::sort(removed.begin(), removed.end());
  return removed;
}

std::vector<std::string> prune_runs(const fs::path& dir, int keep) {
  std::vector<std::string> runs = list_runs(dir);
  const auto latest = latest_run(dir);
  std::vector<std::string> removed;
  std::size_t kept_count = runs.size();
  for (const std::string& name : runs) {
    if (kept_count <= static_cast<std::size_t>(keep)) break;
    if (latest && name == *latest) continue;
    const fs::path trash = dir / fmt::format(".trash-{}-{}", name, ::getpid());
    if (::rename((dir / "runs" / name).c_str(), trash.c_str()) != 0) continue;
    std::error_code ignored;
    fs::remove_all(trash, ignored);
    removed.push_back(name);
    --kept_count;
  }
  if (!removed.empty()) (void)sync_folder(dir / "runs");
  return removed;
}

}  // namespace collab::run
