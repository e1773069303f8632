#pragma once
// SHA-256 of files, as lowercase hex (OpenSSL's libcrypto): how an explanation or a run names
// the exact inputs it was computed from.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace collab {

std::string sha256_hex(std::string_view bytes);
/// The file's SHA-256, or nullopt if it cannot be read.
std::optional<std::string> sha256_file(const std::filesystem::path& file);

}  // namespace collab
