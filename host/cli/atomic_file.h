#pragma once
// Writing an output file whole or not at all: into a temporary file beside it, flushed to disk,
// then renamed over the destination. A failure leaves the destination as it was.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace collab::cli {

/// Writes `content` to `file` atomically. nullopt on success, else what failed.
std::optional<std::string> write_file_atomically(const std::filesystem::path& file, const std::string& content);

/// The same for a writer that needs a path (libxlsxwriter): `write` fills the temporary path it
/// is given (returning nullopt or an error), then it is synced and renamed into place.
std::optional<std::string> write_path_atomically(
    const std::filesystem::path& file, const std::function<std::optional<std::string>(const std::filesystem::path&)>& write);

}  // namespace collab::cli
