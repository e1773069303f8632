// The request checks of `collab serve`, without a socket: Host, Origin, token, ids, sizes; the
// explorer's requests and the scenario text they make; the snapshot that notices changes.

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "serve/assets.h"
#include "serve/explorer_request.h"
#include "serve/request_checks.h"
#include "serve/watch.h"

namespace collab::serve {
namespace {

const Policy kPolicy{8123, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"};

RequestView get(std::string path) {
  RequestView r;
  r.method = "GET";
  r.path = std::move(path);
  r.host = "127.0.0.1:8123";
  r.token = kPolicy.token;
  return r;
}

RequestView post(std::string path) {
  RequestView r = get(std::move(path));
  r.method = "POST";
  r.origin = "http://127.0.0.1:8123";
  r.body_bytes = 100;
  return r;
}

int status_of(const RequestView& r) {
  auto refusal = check_request(r, kPolicy);
  return refusal ? refusal->status : 200;
}

TEST_CASE("serve: the Host header must name this server (DNS rebinding)") {
  CHECK(host_allowed("127.0.0.1:8123", 8123));
  CHECK(host_allowed("localhost:8123", 8123));
  CHECK(host_allowed("LocalHost:8123", 8123));
  CHECK_FALSE(host_allowed("127.0.0.1:8124", 8123));
  CHECK_FALSE(host_allowed("127.0.0.1", 8123));
  CHECK_FALSE(host_allowed("evil.example:8123", 8123));
  CHECK_FALSE(host_allowed("localhost.evil.example:8123", 8123));
  CHECK_FALSE(host_allowed("127.0.0.1:+8123", 8123));
  CHECK_FALSE(host_allowed("127.0.0.1:08123x", 8123));
  CHECK_FALSE(host_allowed("", 8123));
  RequestView r = get("/api/model");
  r.host = "attacker.example:8123";
  CHECK(status_of(r) == 421);
  r.host.reset();
  CHECK(status_of(r) == 421);
}

TEST_CASE("serve: a change needs this server's Origin, or none") {
  CHECK(origin_allowed("http://127.0.0.1:8123", 8123));
  CHECK(origin_allowed("http://localhost:8123", 8123));
  CHECK_FALSE(origin_allowed("https://127.0.0.1:8123", 8123));
  CHECK_FALSE(origin_allowed("http://127.0.0.1:9999", 8123));
  CHECK_FALSE(origin_allowed("http://evil.example", 8123));
  CHECK_FALSE(origin_allowed("null", 8123));
  CHECK_FALSE(origin_allowed("http://127.0.0.1:8123/", 8123));
  RequestView r = post("/api/save");
  CHECK(status_of(r) == 200);
  r.origin = "http://evil.example";
  CHECK(status_of(r) == 403);
  r.origin = "null";
  CHECK(status_of(r) == 403);
  r.origin.reset();  // curl, or a same-origin request a browser sends without one
  CHECK(status_of(r) == 200);
  r.origin = "http://evil.example";
  r.method = "PUT";
  CHECK(status_of(r) == 403);
}

TEST_CASE("serve: data needs the token, the page and its files do not") {
  CHECK(token_matches(kPolicy.token, kPolicy.token));
  CHECK_FALSE(token_matches("", kPolicy.token));
  CHECK_FALSE(token_matches(kPolicy.token.substr(1), kPolicy.token));
  CHECK_FALSE(token_matches(kPolicy.token + "0", kPolicy.token));
  CHECK_FALSE(token_matches("", ""));  // a server without a token lets nothing in
  RequestView r = get("/api/model");
  CHECK(status_of(r) == 200);
  r.token.reset();
  CHECK(status_of(r) == 401);
  r.token = "wrong";
  CHECK(status_of(r) == 401);
  r.path = "/report/contributions";
  CHECK(status_of(r) == 401);
  r.path = "/";
  CHECK(status_of(r) == 200);
  r.path = "/explorer.js";
  CHECK(status_of(r) == 200);
  RequestView p = post("/");  // a POST to a public path still needs the token
  p.token.reset();
  CHECK(status_of(p) == 401);
}

TEST_CASE("serve: bodies are bounded") {
  RequestView r = post("/api/compute");
  r.body_bytes = kMaxBodyBytes;
  CHECK(status_of(r) == 200);
  r.body_bytes = kMaxBodyBytes + 1;
  CHECK(status_of(r) == 413);
  r.body_bytes = 100u * 1024 * 1024;
  r.token.reset();  // the size is refused first, whatever else is wrong
  CHECK(status_of(r) == 413);
}

TEST_CASE("serve: a chunked body is refused unread (411), whatever else is right") {
  RequestView r = post("/api/compute");
  CHECK(status_of(r) == 200);
  r.chunked = true;
  CHECK(status_of(r) == 411);
  RequestView g = get("/api/status");
  g.chunked = true;
  CHECK(status_of(g) == 411);
}

TEST_CASE("serve: ids never name a path") {
  CHECK(valid_id("contributions"));
  CHECK(valid_id("lincs-joins-ld"));
  CHECK(valid_id("a_b-2"));
  CHECK(valid_id("2017"));
  CHECK_FALSE(valid_id(""));
  CHECK_FALSE(valid_id("../../etc/passwd"));
  CHECK_FALSE(valid_id(".."));
  CHECK_FALSE(valid_id(".hidden"));
  CHECK_FALSE(valid_id("a/b"));
  CHECK_FALSE(valid_id("a\\b"));
  CHECK_FALSE(valid_id("-leading"));
  CHECK_FALSE(valid_id("Upper"));
  CHECK_FALSE(valid_id(std::string("a\0b", 3)));
  CHECK_FALSE(valid_id("x.json"));
  CHECK_FALSE(valid_id(std::string(65, 'a')));
  CHECK(valid_id(std::string(64, 'a')));
}

TEST_CASE("serve: tokens are 64 hex digits and differ") {
  const std::string a = make_token(), b = make_token();
  CHECK(a.size() == 64);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a != b);
}

TEST_CASE("serve: the explorer's request becomes a scenario file") {
  auto r = parse_explorer_request(R"({"year": "2017/18", "baseline": "data", "steps": [
      {"rule": "join", "from": "2017/18", "params": {"force": "lincolnshire", "unit": "emchrs-ld"}},
      {"rule": "grant_change", "from": "2016/17", "params": {"forces": "derbyshire", "by": "-5%", "once": true}}]})",
                                  false);
  REQUIRE(r.ok());
  const std::string text = scenario_text(r.value(), "explorer");
  CHECK(text.find(R"("id": "explorer")") != std::string::npos);
  CHECK(text.find(R"("years": [)") != std::string::npos);
  CHECK(text.find(R"("rule": "join")") < text.find(R"("rule": "grant_change")"));
  CHECK(text.find(R"("by": "-5%")") != std::string::npos);

  SECTION("a save needs a valid id") {
    CHECK_FALSE(parse_explorer_request(R"({"year": "2017/18", "id": "../../etc/passwd"})", true).ok());
    CHECK_FALSE(parse_explorer_request(R"({"year": "2017/18"})", true).ok());
    auto saved = parse_explorer_request(R"({"year": "2017/18", "id": "my-case", "overwrite": true})", true);
    REQUIRE(saved.ok());
    CHECK(saved.value().overwrite);
    CHECK_FALSE(parse_explorer_request(R"({"year": "2017/18", "id": "my-case"})", false).ok());
  }
  SECTION("shapes are checked") {
    CHECK_FALSE(parse_explorer_request("not json", false).ok());
    CHECK_FALSE(parse_explorer_request("[]", false).ok());
    CHECK_FALSE(parse_explorer_request(R"({"steps": []})", false).ok());
    CHECK_FALSE(parse_explorer_request(R"({"year": "2017/18", "baseline": "../x"})", false).ok());
    CHECK_FALSE(parse_explorer_request(R"({"year": "2017/18", "steps": [{"rule": "join"}]})", false).ok());
    CHECK_FALSE(parse_explorer_request(R"({"year": "2017/18", "steps": [{"rule": "join", "from": "2017/18", "x": 1}]})", false).ok());
    CHECK_FALSE(parse_explorer_request(R"({"year": "2017/18", "steps": [{"rule": "join", "from": "2017/18", "params": []}]})", false).ok());
    std::string many = R"({"year": "2017/18", "steps": [)";
    for (std::size_t i = 0; i <= kMaxSteps; ++i) many += std::string(i ? "," : "") + R"({"rule": "join", "from": "2017/18"})";
    CHECK_FALSE(parse_explorer_request(many + "]}", false).ok());
  }
  SECTION("deep nesting is refused, not recursed into") {
    const std::string deep = R"({"year": "2017/18", "steps": [{"rule": "x", "from": "2017/18", "params": {"a": )" +
                             std::string(100000, '[') + std::string(100000, ']') + "}}]}";
    auto refused = parse_explorer_request(deep, false);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().find("nested deeper") != std::string::npos);
  }
}

TEST_CASE("serve: a snapshot notices an edit, an addition and a removal") {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / fmt::format("collab-watch-{}", make_token().substr(0, 12));
  fs::create_directories(root / "scripts" / "formulae");
  fs::create_directories(root / "elsewhere");
  { std::ofstream(root / "scripts" / "formulae" / "a.lua") << "return 1"; }
  const Snapshot first = take_snapshot(root);
  CHECK(first.size() == 1);
  CHECK(first_difference(first, take_snapshot(root)).empty());
  { std::ofstream(root / "elsewhere" / "x") << "not watched"; }
  CHECK(first_difference(first, take_snapshot(root)).empty());
  { std::ofstream(root / "scripts" / "formulae" / "a.lua") << "return 12"; }  // a size change
  const Snapshot edited = take_snapshot(root);
  CHECK(first_difference(first, edited) == "scripts/formulae/a.lua");
  fs::create_directories(root / "data");
  { std::ofstream(root / "data" / "b.json") << "{}"; }
  const Snapshot added = take_snapshot(root);
  CHECK(first_difference(edited, added) == "data/b.json");
  fs::remove(root / "scripts" / "formulae" / "a.lua");
  CHECK(first_difference(added, take_snapshot(root)) == "scripts/formulae/a.lua");
  fs::remove_all(root);
}

TEST_CASE("serve: the page and its files are compiled in") {
  const Asset* page = find_asset("/");
  REQUIRE(page != nullptr);
  CHECK(page->content_type.find("text/html") == 0);
  CHECK(page->body.find("explorer.js") != std::string_view::npos);
  REQUIRE(find_asset("/explorer.js") != nullptr);
  REQUIRE(find_asset("/explorer.css") != nullptr);
  CHECK(find_asset("/../../etc/passwd") == nullptr);
  CHECK(find_asset("/explorer.html") == nullptr);
  for (const char* path : {"/", "/explorer.js", "/explorer.css"}) {  // ASCII only: no encoding to get wrong
    const auto body = find_asset(path)->body;
    INFO(path);
    CHECK(std::all_of(body.begin(), body.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
  }
}

}  // namespace
}  // namespace collab::serve
