// Fuzz target: one data file of any kind, in memory. The first byte picks the kind (sources,
// forces, collaborations, budgets...); the rest is its JSON text, parsed with the loader's limits
// and loaded over a model that already holds what that kind refers to (the bundled data set's
// earlier files), then the whole set checked. Every input must end in diagnostics, never a crash.

#include <cstddef>
#include <cstdint>
#include <string>

#include "load/checks.h"
#include "load/loader.h"

using namespace collab;

namespace {

// The bundled data loaded file by file: bases[i] holds the files before the i-th.
const std::vector<Model>& bases() {
  static const std::vector<Model> models = [] {
    std::vector<Model> out;
    Model model;
    for (const std::string& name : load::data_file_names()) {
      out.push_back(model);
      Diagnostics ignored;
      auto doc = load::JsonDocument::read(std::string(COLLAB_SOURCE_DIR) + "/data/" + name, "data/" + name, ignored);
      if (doc) load::load_document(name, *doc, model, ignored);
    }
    return out;
  }();
  return models;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const auto names = load::data_file_names();
  const std::size_t kind = data[0] % names.size();
  Model model = bases()[kind];
  Diagnostics diagnostics;
  auto doc = load::JsonDocument::parse("data/" + names[kind], std::string(reinterpret_cast<const char*>(data + 1), size - 1),
                                       diagnostics);
  if (!doc) return 0;
  load::load_document(names[kind], *doc, model, diagnostics);
  if (diagnostics.errors() == 0) load::check_data_set(model, diagnostics);
  for (const Diagnostic& d : diagnostics.items()) (void)format_diagnostic(d);
  return 0;
}
