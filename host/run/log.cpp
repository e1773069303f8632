#include "run/log.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "run/staging.h"

namespace collab::run {

void RunLog::line(const std::string& level, const std::string& step, const std::string& message,
                  std::optional<double> duration_ms) const {
  if (format_ == LogFormat::Json) {
    nlohmann::json j{{"time", utc_time(std::chrono::system_clock::now())}, {"level", level}, {"step", step}, {"message", message}};
    j["duration_ms"] = duration_ms ? nlohmann::json(static_cast<std::int64_t>(*duration_ms + 0.5)) : nlohmann::json(nullptr);
    fmt::print(out_, "{}\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    const std::string took = duration_ms ? fmt::format(" ({:.1f} s)", *duration_ms / 1000.0) : "";
    fmt::print(out_, "collab run: {}[{}] {}{}\n", level == "info" ? "" : level + ": ", step, message, took);
  }
  std::fflush(out_);
}

}  // namespace collab::run
