// collab serve: the scenario explorer, a local web page over a JSON API, and every report as
// HTML, on 127.0.0.1 only. Every request passes the checks of serve/request_checks.h first; the
// inputs are watched and reloaded when they change (docs/serve.md).

#include <httplib.h>
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <thread>

#include "cli/command.h"
#include "cli/serve_session.h"
#include "serve/assets.h"
#include "serve/request_checks.h"
#include "serve/watch.h"

namespace collab::cli {
namespace {

constexpr const char* kName = "serve";
constexpr int kWorkers = 8;                  // connections served at once; computations still take turns
constexpr int kWatchMilliseconds = 300;      // how often the inputs are polled
constexpr time_t kReadTimeoutSeconds = 10;   // a client that sends its request slower than this is dropped
constexpr time_t kWriteTimeoutSeconds = 10;

// The page may only talk to this server; a report (self-contained HTML, no script) may not even that.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
constexpr const char* kReportPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

void send(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  res.set_content(reply.body, reply.content_type.c_str());
}

void refuse(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_header("Connection", "close");
  res.set_content(nlohmann::json{{"error", message}}.dump(), "application/json");
}

std::optional<std::string> header(const httplib::Request& req, const char* name) {
  if (!req.has_header(name)) return std::nullopt;
  return req.get_header_value(name);
}

// The request as the checks see it. A Content-Length that is not a number counts as too large.
serve::RequestView view_of(const httplib::Request& req) {
  serve::RequestView view;
  view.method = req.method;
  view.path = req.path;
  view.host = header(req, "Host");
  view.origin = header(req, "Origin");
  view.token = header(req, serve::kTokenHeader);
  if (!view.token && req.has_param("token")) view.token = req.get_param_value("token");
  if (auto length = header(req, "Content-Length")) {
    std::size_t n = 0;
    const auto [end, error] = std::from_chars(length->data(), length->data() + length->size(), n);
    view.body_bytes = error == std::errc{} && end == length->data() + length->size() ? n : SIZE_MAX;
  }
  view.chunked = req.has_header("Transfer-Encoding");
  return view;
}

class ServeCommand final : public Command {
 public:
  const char* name() const override { return kName; }
  const char* summary() const override { return "the scenario explorer and every report in a local web page"; }
  void configure(CLI::App& app) override {
    app.add_option("--port", port_, "the port on 127.0.0.1 (default: a free one)")->check(CLI::Range(0, 65535));
    app.add_flag("--no-watch", no_watch_, "do not reload when data/, scripts/ or plugins/ change");
    app.footer("Prints the page's address, with the token every request needs, and serves until interrupted.\n"
               "Exit codes: 0 stopped by SIGINT or SIGTERM; 2 the port could not be opened; 3 an internal fault.\n"
               "Example: collab serve --root /srv/collab   (then open the printed http://127.0.0.1:PORT/?token=...)");
  }
  int run(const GlobalOptions& global) override;

 private:
  void routes(httplib::Server& server, ServeSession& session);
  int port_ = 0;
  bool no_watch_ = false;
};

void ServeCommand::routes(httplib::Server& server, ServeSession& session) {
  // The patterns are regular expressions: the dots escaped, and the asset looked up by exact path.
  for (const char* pattern : {"/", R"(/explorer\.js)", R"(/explorer\.css)"})
    server.Get(pattern, [](const httplib::Request& req, httplib::Response& res) {
      const serve::Asset* asset = serve::find_asset(req.path);
      if (asset == nullptr) {
        refuse(res, 404, "no such page");
        return;
      }
      res.set_content(std::string(asset->body), std::string(asset->content_type).c_str());
      res.set_header("Content-Security-Policy", kPagePolicy);
    });
  server.Get("/api/status", [&session](const httplib::Request&, httplib::Response& res) { send(res, session.status()); });
  server.Get("/api/model", [&session](const httplib::Request&, httplib::Response& res) { send(res, session.model_info()); });
  server.Post("/api/compute", [&session](const httplib::Request& req, httplib::Response& res) {
    send(res, session.compute(req.body));
  });
  server.Post("/api/save", [&session](const httplib::Request& req, httplib::Response& res) {
    send(res, session.save(req.body));
  });
  server.Get(R"(/report/(.*))", [&session](const httplib::Request& req, httplib::Response& res) {
    send(res, session.report_html(req.matches[1], req.has_param("year") ? req.get_param_value("year") : ""));
    res.set_header("Content-Security-Policy", kReportPolicy);
  });
}

// Blocks SIGINT and SIGTERM in every thread made after it; one thread waits for them and stops
// the server (a signal handler may not call stop()).
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int ServeCommand::run(const GlobalOptions& global) {
  const sigset_t signals = stop_signals();
  ServeSession session(global);
  const std::string root_text = global.root.string();
  if (!session.reload("start")) {
    const auto status = nlohmann::json::parse(session.status().body);
    for (const auto& e : status["errors"]) fmt::print(stderr, "{}\n", e.contains("text") ? e["text"].get<std::string>() : e["message"].get<std::string>());
    fmt::print(stderr, "collab serve: the data or scripts under {} have errors; serving them anyway, the page shows "
                       "the errors until they are fixed\n", root_text);
  }
  httplib::Server server;
  serve::Policy policy;
  policy.token = serve::make_token();
  server.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  server.set_payload_max_length(serve::kMaxBodyBytes);
  server.set_read_timeout(kReadTimeoutSeconds, 0);
  server.set_write_timeout(kWriteTimeoutSeconds, 0);
  server.set_keep_alive_timeout(5);
  server.set_pre_routing_handler([&policy](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Cache-Control", "no-store");
    if (auto refusal = serve::check_request(view_of(req), policy)) {
      fmt::print(stderr, "collab serve: {} {}: refused {}: {}\n", req.method, req.path, refusal->status, refusal->message);
      refuse(res, refusal->status, refusal->message);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty())
      res.set_content(nlohmann::json{{"error", fmt::format("HTTP {}", res.status)}}.dump(), "application/json");
  });
  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    }
    fmt::print(stderr, "collab serve: {} {}: internal fault: {}\n", req.method, req.path, what);
    res.status = 500;
    res.set_content(nlohmann::json{{"error", "internal fault: " + what}}.dump(), "application/json");
  });
  routes(server, session);

  const int port = port_ == 0 ? server.bind_to_any_port("127.0.0.1") : (server.bind_to_port("127.0.0.1", port_) ? port_ : -1);
  if (port <= 0) {
    fmt::print(stderr, "collab serve: cannot listen on 127.0.0.1:{}\n", port_);
    return kBadInput;
  }
  policy.port = port;
  fmt::print("http://127.0.0.1:{}/?token={}\n", port, policy.token);
  std::fflush(stdout);
  fmt::print(stderr, "collab serve: serving {} on 127.0.0.1:{}{}; Ctrl-C stops\n", root_text, port,
             no_watch_ ? "" : ", reloading when data/, scripts/ or plugins/ change");

  std::atomic<bool> listen_returned = false;
  std::thread stopper([&server, &listen_returned, signals] {
    int received = 0;
    sigwait(&signals, &received);
    if (received == 0 || listen_returned) return;  // woken at the end (below), not by a person
    // A signal before listen_after_bind has started would be lost: stop() acts on a running server.
    while (!server.is_running() && !listen_returned) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    server.stop();
  });
  std::mutex watch_mutex;
  std::condition_variable watch_wake;
  bool stopping = false;
  std::thread watcher;
  if (!no_watch_)
    watcher = std::thread([&] {
      serve::Snapshot last = serve::take_snapshot(global.root);
      std::unique_lock lock(watch_mutex);
      while (!watch_wake.wait_for(lock, std::chrono::milliseconds(kWatchMilliseconds), [&] { return stopping; })) {
        lock.unlock();
        serve::Snapshot now = serve::take_snapshot(global.root);
        if (const std::string changed = serve::first_difference(last, now); !changed.empty()) {
          last = std::move(now);
          const bool ok = session.reload(changed);
          fmt::print(stderr, "collab serve: {} changed: {}\n", changed, ok ? "reloaded" : "errors (the last good load stays)");
        }
        lock.lock();
      }
    });
  const bool listened = server.listen_after_bind();
  listen_returned = true;
  {
    std::lock_guard lock(watch_mutex);
    stopping = true;
  }
  watch_wake.notify_all();
  if (watcher.joinable()) watcher.join();
  if (stopper.joinable()) {
    pthread_kill(stopper.native_handle(), SIGTERM);  // wakes its sigwait if the server stopped otherwise
    stopper.join();
  }
  fmt::print(stderr, "collab serve: stopped\n");
  return listened ? kOk : kInternal;
}

}  // namespace

std::unique_ptr<Command> make_serve_command() { return std::make_unique<ServeCommand>(); }

}  // namespace collab::cli
