#include "reporting/script_host.h"

#include <sstream>

#include "api/layout_api.h"
#include "api/record_api.h"
#include "api/report_constructor.h"
#include "core/text.h"
#include "reporting/ledger_api.h"

namespace collab::reporting {

namespace {
constexpr std::size_t kMaxMessageBytes = 4096;  // of an error message, and of its traceback
}

ScriptHost::ScriptHost(std::shared_ptr<const Model> model, Services& services, lua::Limits limits)
    : context_{std::move(model), nullptr}, sandbox_(limits) {
  api::install(sandbox_, context_);
  api::install_layout_api(sandbox_, context_);
  api::install_report_constructor(sandbox_, context_);
  api::install_record_api(sandbox_, context_);
  install_ledger_api(sandbox_, services);
}

Diagnostic ScriptHost::diagnostic(const lua::ScriptError& error) const {
  Diagnostic d = lua::to_diagnostic(error);
  d.message = capped_text(d.message, kMaxMessageBytes);
  d.detail = capped_text(d.detail, kMaxMessageBytes);
  auto source = sources_.find(d.where.file);
  if (source == sources_.end() || d.where.line <= 0) return d;
  std::istringstream lines(source->second);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n)
    if (n == d.where.line) {
      const auto first = line.find_first_not_of(" \t");
      d.excerpt = first == std::string::npos ? "" : line.substr(first);
      break;
    }
  return d;
}

}  // namespace collab::reporting
