#pragma once
// Reading a whole input file in bounded memory: only a regular file (or a symlink to one), and
// never more than a limit. A FIFO, a device, a directory, a dangling link or a symlink loop is
// refused with a message, never an exception, a hang or an unbounded read.

#include <cstddef>
#include <filesystem>
#include <string>
#include <variant>

namespace collab::load {

/// The largest data file read (16 MiB) and the deepest nesting of arrays and objects (256) in one:
/// the defaults of JsonLimits, documented in docs/data-format.md.
inline constexpr std::size_t kMaxDataFileBytes = std::size_t{16} << 20;
inline constexpr int kMaxJsonDepth = 256;

/// Why a file could not be read: `message` says what, `hint` what would fix it.
struct ReadFailure {
  std::string message;
  std::string hint;
  bool missing = false;  // the path names nothing at all (not even a dangling link)
};

/// The bytes of `file` if it is a regular file of at most `max_bytes`; reads at most
/// max_bytes + 1 bytes whatever the file is.
std::variant<std::string, ReadFailure> read_bounded(const std::filesystem::path& file, std::size_t max_bytes);

}  // namespace collab::load
