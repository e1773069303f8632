#pragma once
// The run's log on stderr: one line per step, as text for a person ("collab run: [report
// contributions 2016/17] ok (0.4 s)") or, with --log-format json, one JSON object a line
// ({"time", "level", "step", "message", "duration_ms"}) for a log collector.

#include <cstdio>
#include <optional>
#include <string>

namespace collab::run {

enum class LogFormat { Text, Json };

class RunLog {
 public:
  RunLog(LogFormat format, std::FILE* out) : format_(format), out_(out) {}
  /// level: "info", "warning", "error". duration_ms: for a step that was timed.
  void line(const std::string& level, const std::string& step, const std::string& message,
            std::optional<double> duration_ms = std::nullopt) const;

 private:
  LogFormat format_;
  std::FILE* out_;
};

}  // namespace collab::run
