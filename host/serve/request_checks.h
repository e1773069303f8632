#pragma once
// What `collab serve` checks on every request before it does anything, as plain functions of the
// request's parts (no socket), so each rule is tested on its own: the Host header names this
// server (DNS rebinding), a change comes from the page's own origin (CSRF), data needs the
// per-process token, bodies are bounded, and ids from the request never name a path.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace collab::serve {

/// The largest request body accepted (the page's largest, a save, is a few KB).
inline constexpr std::size_t kMaxBodyBytes = 1024 * 1024;

/// The header the page sends the token in; a navigation (a report's link) gives it as ?token=.
inline constexpr const char* kTokenHeader = "X-Collab-Token";

/// A request as the checks see it: only what they read.
struct RequestView {
  std::string method;           // "GET", "POST"...
  std::string path;             // "/api/compute", without the query
  std::optional<std::string> host;    // the Host header
  std::optional<std::string> origin;  // the Origin header
  std::optional<std::string> token;   // the token header, else the ?token= parameter
  std::size_t body_bytes = 0;         // the body's size (Content-Length)
  bool chunked = false;               // a Transfer-Encoding was given: the size is not known first
};

/// Why a request is refused: an HTTP status and a message for the page.
struct Refusal {
  int status = 403;
  std::string message;
};

/// What the server was started with.
struct Policy {
  int port = 0;       // the port it listens on
  std::string token;  // the per-process token
};

/// A fresh token: 32 random bytes (OpenSSL RAND_bytes) in hex. Throws std::runtime_error when the
/// random source fails.
std::string make_token();

/// Whether `given` equals `expected`, in time that does not depend on where they differ.
bool token_matches(std::string_view given, std::string_view expected);

/// Whether a Host header names this server: "127.0.0.1:PORT" or "localhost:PORT" (any case).
bool host_allowed(std::string_view host, int port);

/// Whether an Origin header is this server's own: "http://127.0.0.1:PORT" or
/// "http://localhost:PORT". "null" (a sandboxed frame, a file: page) is foreign.
bool origin_allowed(std::string_view origin, int port);

/// Whether `id` may name a report or a scenario file: 1 to 64 of a-z, 0-9, '-', '_', starting with
/// a letter or digit. So no '/', '.', '\\', NUL or ".." ever reaches a path.
bool valid_id(std::string_view id);

/// Whether the path is a page or an asset anyone on this machine may fetch without the token
/// (they hold no data: the page reads the token from its own URL).
bool public_path(std::string_view path);

/// The checks every request passes, in order: the body's size, the Host header, for a method
/// other than GET and HEAD the Origin (absent or this server's own), then the token unless the
/// path is public. Nothing when the request may go on.
std::optional<Refusal> check_request(const RequestView& request, const Policy& policy);

}  // namespace collab::serve
