#include "reporting/script_host.h"

#include "api/layout_api.h"
#include "api/record_api.h"
#include "api/report_constructor.h"
#include "reporting/ledger_api.h"

namespace collab::reporting {

ScriptHost::ScriptHost(std::shared_ptr<const Model> model, Services& services, lua::Limits limits)
    : context_{std::move(model), nullptr}, sandbox_(limits) {
  api::install(sandbox_, context_);
  api::install_layout_api(sandbox_, context_);
  api::install_report_constructor(sandbox_, context_);
  api::install_record_api(sandbox_, context_);
  install_ledger_api(sandbox_, services);
}

Diagnostic ScriptHost::diagnostic(const lua::ScriptError& error) const { return lua::to_diagnostic(error, sources_); }

}  // namespace collab::reporting
