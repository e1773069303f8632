#pragma once
// What `collab serve` computes with: the data, scripts and plug-ins under the root loaded once
// (and again when they change), and the API's answers over them. The model and the Lua states are
// not thread-safe, so every computation holds one mutex; the status (version, reload errors)
// has its own, so it is answered while a computation runs.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cli/command.h"

namespace collab::cli {

/// An answer: an HTTP status and a body of a content type.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

/// Everything one load of the root made (defined in serve_session.cpp).
struct ServeLoad;

class ServeSession {
 public:
  explicit ServeSession(GlobalOptions global);
  ~ServeSession();
  ServeSession(const ServeSession&) = delete;
  ServeSession& operator=(const ServeSession&) = delete;

  /// Loads the root again (`cause`: what changed, for the status). On an error the last good load
  /// stays in use and the status lists the errors at their file:line:column. True when loaded.
  bool reload(const std::string& cause);

  /// GET /api/status: {"version", "loaded", "cause", "errors": [...]}; never waits for a computation.
  Reply status() const;
  /// GET /api/model: the years, forces, units, scenarios, formulae, rules and reports to choose from.
  Reply model_info();
  /// POST /api/compute: the comparison of the request's changes against its baseline.
  Reply compute(std::string_view body);
  /// POST /api/save: the request's changes written as data/scenarios/<id>.json.
  Reply save(std::string_view body);
  /// GET /report/<id>?year=: the report as HTML, as `collab report <id> --format html` writes it.
  Reply report_html(const std::string& id, const std::string& year);

 private:
  Reply locked_compute(std::string_view body);

  GlobalOptions global_;
  std::mutex compute_mutex_;  // held by every use of load_ (the model, the Lua states)
  std::unique_ptr<ServeLoad> load_;
  mutable std::mutex status_mutex_;
  nlohmann::json status_;  // version, loaded, cause, errors
};

}  // namespace collab::cli
