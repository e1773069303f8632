#pragma once
// One sandbox with the report API installed (collab.*, collab.layout, collab.report,
// collab.record, collab.ledger), and the sources of the scripts run in it, for the excerpts of
// error messages. Its closures hold the addresses of its members: it is never moved.

#include <map>
#include <memory>
#include <string>

#include "api/api.h"
#include "lua/sandbox.h"
#include "reporting/services.h"

namespace collab::reporting {

class ScriptHost {
 public:
  ScriptHost(std::shared_ptr<const Model> model, Services& services, lua::Limits limits);
  ScriptHost(const ScriptHost&) = delete;
  ScriptHost& operator=(const ScriptHost&) = delete;

  lua::Sandbox& sandbox() { return sandbox_; }
  void remember(const std::string& chunk, std::string source) { sources_[chunk] = std::move(source); }
  const std::string& source(const std::string& chunk) { return sources_[chunk]; }

  /// A script error as a diagnostic, bounded, with the script's line as its excerpt.
  Diagnostic diagnostic(const lua::ScriptError& error) const;

 private:
  api::ApiContext context_;
  lua::Sandbox sandbox_;
  std::map<std::string, std::string> sources_;
};

}  // namespace collab::reporting
