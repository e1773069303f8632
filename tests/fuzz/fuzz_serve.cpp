// Fuzz target: what `collab serve` reads from a request before anything runs. The first byte picks
// the part: 0 or 1 an explorer request body (1: a save), parsed and, when accepted, written as a
// scenario file, which must be JSON that names only the request's steps; 2 the request's headers
// (method, path, Host, Origin, token, Content-Length, one a line) through check_request, whose
// verdict must hold to the rules it states. Every input must end in a verdict, never a crash.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "serve/explorer_request.h"
#include "serve/request_checks.h"

using namespace collab;

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

void fuzz_body(const std::string& body, bool save) {
  auto request = serve::parse_explorer_request(body, save);
  if (!request) return;
  require(!save || serve::valid_id(request.value().id));
  const std::string text = serve::scenario_text(request.value(), save ? request.value().id : "explorer");
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  require(!parsed.is_discarded() && parsed.is_object());
  require(parsed["steps"].size() == request.value().steps.size());
}

void fuzz_headers(const std::string& input) {
  std::istringstream lines(input);
  std::string method, path, host, origin, token, length;
  std::getline(lines, method);
  std::getline(lines, path);
  std::getline(lines, host);
  std::getline(lines, origin);
  std::getline(lines, token);
  std::getline(lines, length);
  std::string chunked;
  std::getline(lines, chunked);
  serve::RequestView view;
  view.method = method;
  view.path = path;
  if (!host.empty()) view.host = host;
  if (!origin.empty()) view.origin = origin;
  if (!token.empty()) view.token = token;
  view.body_bytes = length.size() * 100000;  // 0 to a few MB
  view.chunked = !chunked.empty();
  const serve::Policy policy{8123, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"};
  const auto refusal = serve::check_request(view, policy);
  if (refusal) return;
  // Let through: within the size bound, to this server's own name, a change from its own origin or
  // none, with the token unless a public page.
  require(view.body_bytes <= serve::kMaxBodyBytes);
  require(!view.chunked);
  require(host == "127.0.0.1:8123" || (host.size() == 14 && host.substr(9) == ":8123"));
  if (method != "GET" && method != "HEAD") require(origin.empty() || origin.find(":8123") != std::string::npos);
  if (!serve::public_path(path) || (method != "GET" && method != "HEAD")) require(token == policy.token);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: fuzz_body(rest, false); break;
    case 1: fuzz_body(rest, true); break;
    default: fuzz_headers(rest); break;
  }
  return 0;
}
