#include "serve/request_checks.h"

#include <openssl/rand.h>

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <stdexcept>

namespace collab::serve {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// "name:PORT" with name 127.0.0.1 or localhost and exactly this port (digits only, no sign).
bool local_authority(std::string_view authority, int port) {
  const auto colon = authority.rfind(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view name = authority.substr(0, colon), digits = authority.substr(colon + 1);
  if (digits.empty() || digits.size() > 5) return false;
  int given = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), given);
  if (error != std::errc{} || end != digits.data() + digits.size() || given != port) return false;
  return name == "127.0.0.1" || equal_ignoring_case(name, "localhost");
}

}  // namespace

std::string make_token() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("the random source (OpenSSL RAND_bytes) failed: no token");
  std::string out;
  for (unsigned char b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

bool token_matches(std::string_view given, std::string_view expected) {
  if (expected.empty()) return false;
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const char g = i < given.size() ? given[i] : '\0';
    diff = static_cast<unsigned char>(diff | (g ^ expected[i]));
  }
  return diff == 0;
}

bool host_allowed(std::string_view host, int port) { return local_authority(host, port); }

bool origin_allowed(std::string_view origin, int port) {
  constexpr std::string_view scheme = "http://";
  if (origin.size() <= scheme.size() || !equal_ignoring_case(origin.substr(0, scheme.size()), scheme)) return false;
  return local_authority(origin.substr(scheme.size()), port);
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_'))) return false;
  }
  return true;
}

bool public_path(std::string_view path) {
  return path == "/" || path == "/explorer.js" || path == "/explorer.css" || path == "/favicon.ico";
}

std::optional<Refusal> check_request(const RequestView& request, const Policy& policy) {
  if (request.body_bytes > kMaxBodyBytes)
    return Refusal{413, fmt::format("the request body is {} bytes; at most {} are accepted", request.body_bytes,
                                    kMaxBodyBytes)};
  // A chunked body's size is known only once it is read, and the HTTP library reads it whole
  // before the size bound can say 413: refuse it unread. The page always sends a Content-Length.
  if (request.chunked)
    return Refusal{411, fmt::format("send the body with a Content-Length (at most {} bytes); a chunked body is not accepted",
                                    kMaxBodyBytes)};
  if (!request.host || !host_allowed(*request.host, policy.port))
    return Refusal{421, fmt::format("this server answers only to Host 127.0.0.1:{0} or localhost:{0}", policy.port)};
  const bool reads = request.method == "GET" || request.method == "HEAD";
  if (!reads && request.origin && !origin_allowed(*request.origin, policy.port))
    return Refusal{403, "a change must come from the explorer's own page (a foreign Origin was given)"};
  if (public_path(request.path) && reads) return std::nullopt;
  if (!request.token || !token_matches(*request.token, policy.token))
    return Refusal{401, "the token is missing or wrong: open the address `collab serve` printed, with its ?token="};
  return std::nullopt;
}

}  // namespace collab::serve
