#include "load/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace collab::load {
namespace {

std::string kind_of(std::filesystem::file_type type) {
  using std::filesystem::file_type;
  switch (type) {
    case file_type::directory: return "a directory";
    case file_type::fifo: return "a FIFO (named pipe)";
    case file_type::character: return "a character device";
    case file_type::block: return "a block device";
    case file_type::socket: return "a socket";
    default: return "not a regular file";
  }
}

std::string size_text(std::size_t bytes) {
  if (bytes % (std::size_t{1} << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
  return fmt::format("{} bytes", bytes);
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

ReadFailure not_regular(std::filesystem::file_type type) {
  return {fmt::format("not a regular file: it is {}", kind_of(type)), "put a plain file here, not a pipe, a device or a directory"};
}

}  // namespace

std::variant<std::string, ReadFailure> read_bounded(const std::filesystem::path& file, std::size_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status link = fs::symlink_status(file, ec);
  if (ec || link.type() == fs::file_type::not_found) {
    if (link.type() == fs::file_type::not_found || ec == std::errc::no_such_file_or_directory)
      return ReadFailure{"missing file", "check that it exists", true};
    return ReadFailure{fmt::format("cannot read the file: {}", ec.message()), "check that it exists and is readable"};
  }
  const fs::file_status target = fs::status(file, ec);
  if (ec || target.type() == fs::file_type::not_found) {
    if (ec == std::errc::too_many_symbolic_link_levels)
      return ReadFailure{"a symbolic link loop: the link never reaches a file", "replace the link with the file itself"};
    if (link.type() == fs::file_type::symlink)
      return ReadFailure{"a symbolic link to nothing (a dangling link)", "point the link at an existing file, or replace it"};
    return ReadFailure{fmt::format("cannot read the file: {}", ec.message()), "check that it exists and is readable"};
  }
  if (target.type() != fs::file_type::regular) return not_regular(target.type());

  // O_NONBLOCK: should the path become a FIFO between the check and the open, open must not wait
  // for a writer. fstat on the open file settles what is actually read.
  Fd fd(::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    const int err = errno;
    if (err == ELOOP)
      return ReadFailure{"a symbolic link loop: the link never reaches a file", "replace the link with the file itself"};
    return ReadFailure{fmt::format("cannot read the file: {}", std::strerror(err)), "check that it exists and is readable"};
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return not_regular(fs::file_type::unknown);
  const ReadFailure too_big{fmt::format("the file is larger than the limit of {}", size_text(max_bytes)),
                            "data files are small; check that this is the right file"};
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) return too_big;

  std::string text;
  text.resize(static_cast<std::size_t>(st.st_size) + 1 > max_bytes + 1 ? max_bytes + 1
                                                                        : static_cast<std::size_t>(st.st_size) + 1);
  std::size_t used = 0;
  char buffer[65536];
  while (used <= max_bytes) {
    const std::size_t want = std::min(sizeof buffer, max_bytes + 1 - used);
    const ssize_t got = ::read(fd.get(), buffer, want);
    if (got < 0) {
      if (errno == EINTR) continue;
      return ReadFailure{fmt::format("cannot read the file: {}", std::strerror(errno)), "check that it is readable"};
    }
    if (got == 0) break;
    if (used + static_cast<std::size_t>(got) > text.size()) text.resize(used + static_cast<std::size_t>(got));
    std::memcpy(text.data() + used, buffer, static_cast<std::size_t>(got));
    used += static_cast<std::size_t>(got);
  }
  if (used > max_bytes) return too_big;  // it grew while being read
  text.resize(used);
  return text;
}

}  // namespace collab::load
