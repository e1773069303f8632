#include "load/loader.h"

#include <fmt/format.h>

#include "load/checks.h"
#include "load/context.h"
#include "load/read_file.h"

#include <variant>

namespace collab::load {
namespace {

/// The data files in dependency order: each may refer to what the earlier ones define.
struct DataFile {
  const char* name;
  bool required;
  void (*load)(const Node&, Context&);
  // Whether later files can be checked against what this one gave: if not,
  // checking them would only cascade into errors that are not theirs.
  bool (*usable)(const Model&);
};

bool always(const Model&) { return true; }
bool has_documents(const Model& m) { return !m.documents.empty(); }
bool has_forces(const Model& m) { return !m.forces.empty(); }
bool has_collaborations(const Model& m) { return !m.collaborations.empty(); }

constexpr DataFile kDataFiles[] = {
    {"sources.json", true, load_sources, has_documents},
    {"forces.json", true, load_forces, has_forces},
    {"collaborations.json", true, load_collaborations, has_collaborations},
    {"budgets.json", false, load_budgets, always},
    {"contributions.json", false, load_contributions, always},
    {"savings.json", false, load_savings, always},
    {"workforce.json", false, load_workforce, always},
    {"retained-resources.json", false, load_retained_resources, always},
    {"business-cases.json", false, load_business_cases, always},
    {"innovation-fund.json", false, load_innovation_fund, always},
    {"forecast.json", false, load_forecast, always},
    {"programme-2009.json", false, load_programme, always},
    {"cost-comparisons.json", false, load_cost_comparisons, always},
    {"governance.json", false, load_governance, always},
};

void report_duplicate_keys(const JsonDocument& doc, Diagnostics& out) {
  for (const auto& dup : doc.duplicate_keys()) {
    auto key = dup.pointer.substr(dup.pointer.rfind('/') + 1);
    out.add({Severity::Error, {doc.name(), dup.line, dup.column},
             fmt::format("duplicate key '{}': only the last would be kept", key), "remove or rename one of them",
             doc.line_text(dup.line), {}});
  }
}

// Loads one parsed file; false if its root is no object.
bool load_parsed(const DataFile& file, const JsonDocument& doc, Model& model, Diagnostics& out) {
  report_duplicate_keys(doc, out);
  FieldReader reader(out);
  Context cx{reader, model};
  Node root_node(doc, doc.root(), "");
  if (!root_node.json().is_object()) {
    reader.error(root_node, "the file must hold a JSON object", "see docs/data-format.md");
    return false;
  }
  file.load(root_node, cx);
  return true;
}

// Reads one file; returns false if it could not be read at all.
bool load_file(const std::filesystem::path& root, const DataFile& file, const LoadOptions& options, Model& model,
               Diagnostics& out) {
  auto path = root / "data" / file.name;
  std::string display = std::string("data/") + file.name;
  auto text = read_bounded(path, options.limits.max_bytes);
  if (auto* failure = std::get_if<ReadFailure>(&text)) {
    if (!failure->missing) out.error({display, 0, 0}, failure->message, failure->hint);
    else if (file.required)
      out.error({display, 0, 0}, "missing data file", fmt::format("create {} (see docs/data-format.md)", display));
    return failure->missing && !file.required;
  }
  auto doc = JsonDocument::parse(display, std::move(std::get<std::string>(text)), out, options.limits);
  if (!doc) return false;
  return load_parsed(file, *doc, model, out);
}

}  // namespace

std::vector<std::string> data_file_names() {
  std::vector<std::string> names;
  for (const auto& file : kDataFiles) names.emplace_back(file.name);
  return names;
}

bool load_document(std::string_view name, const JsonDocument& doc, Model& model, Diagnostics& out) {
  for (const auto& file : kDataFiles)
    if (name == file.name) {
      (void)load_parsed(file, doc, model, out);  // a root that is no object is an error in `out`
      return true;
    }
  return false;
}

LoadOutcome load_data_set(const std::filesystem::path& root, const LoadOptions& options) {
  LoadOutcome outcome;
  auto model = std::make_shared<Model>();
  for (const auto& file : kDataFiles) {
    bool readable = load_file(root, file, options, *model, outcome.diagnostics);
    if (!readable || !file.usable(*model)) {
      outcome.diagnostics.note({}, fmt::format("the files after data/{} were not checked: they refer to it", file.name));
      return outcome;
    }
  }
  check_data_set(*model, outcome.diagnostics);
  if (outcome.diagnostics.errors() == 0) outcome.model = std::move(model);
  return outcome;
}

}  // namespace collab::load
