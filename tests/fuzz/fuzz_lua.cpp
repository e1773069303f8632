// Fuzz target: arbitrary text run as a report script in one warm sandbox with small limits, with
// every collab.* function at hand (the model, money, the record, the ledger, the layout API). A
// chunk that returns a document built with collab.layout is read, completed and rendered in the
// text formats and as HTML. Whatever the chunk does, the host must answer with a result or an
// error, and the same sandbox must run the next chunk.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "api/document_reader.h"
#include "api/layout_api.h"
#include "formula/formula_library.h"
#include "ledger/ledger.h"
#include "load/loader.h"
#include "report/complete.h"
#include "report/render.h"
#include "reporting/script_host.h"

using namespace collab;

namespace {

struct World {
  std::shared_ptr<const Model> model;
  Diagnostics diagnostics;
  std::unique_ptr<formula::FormulaLibrary> formulae;
  std::map<int, ledger::Ledger> ledgers;
  reporting::Services services;
  std::unique_ptr<reporting::ScriptHost> host;

  World() {
    model = load::load_data_set(COLLAB_SOURCE_DIR).model;
    if (!model) std::abort();
    lua::Limits limits;
    limits.cpu_time = std::chrono::milliseconds(100);
    limits.wall_time = std::chrono::milliseconds(2000);
    limits.memory_bytes = std::size_t{16} << 20;
    limits.max_string_bytes = std::size_t{1} << 20;
    limits.max_move_elements = std::size_t{1} << 16;
    formulae = formula::FormulaLibrary::load(COLLAB_SOURCE_DIR, model, diagnostics, limits);
    services.ledger = [this](FinancialYear year, Diagnostics& d) -> const ledger::Ledger* {
      if (!ledger::has_budgets(*model, year)) return nullptr;
      auto it = ledgers.find(year.start_year());
      if (it == ledgers.end())
        it = ledgers.emplace(year.start_year(), ledger::compute_ledger(*formulae, model, year, Money::from_pence(100), d)).first;
      return &it->second;
    };
    services.explain = [](const api::ExplainRequest& r) -> Result<report::Explanation> {
      return report::Explanation{"", r.unit + r.force, {"fuzz"}};
    };
    host = std::make_unique<reporting::ScriptHost>(model, services, limits);
  }
};

void render(report::Document& doc) {
  if (!report::complete_document(doc).empty()) return;
  (void)report::render_markdown(doc);
  (void)report::render_csv(doc);
  (void)report::render_json(doc);
  (void)report::render_html(doc);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  const std::string source(reinterpret_cast<const char*>(data), size);
  lua::Sandbox& sandbox = world.host->sandbox();
  lua::RunResult run = sandbox.run("fuzz.lua", source);
  if (!run.ok() || run.values.empty()) return 0;
  std::optional<report::Document> doc;
  try {
    sandbox.inspect("reading the fuzzed document", [&](lua_State* L) {
      run.values[0].push(L);
      const auto made = api::layout_mark(L, -1);
      if (made && made->kind == "document") doc = api::read_document(L, -1, report::DocumentLimits{}).document;
      lua_pop(L, 1);
    });
  } catch (const std::runtime_error&) {
    return 0;  // a fault in the document: an error, as the report command would say
  }
  if (doc) render(*doc);
  return 0;
}
