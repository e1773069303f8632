// ReportLibrary::build: parameters typed and checked, the build function called with ctx and
// params, the returned document read, its explanations resolved and its totals completed. Each
// step is a function; each failure a diagnostic at the script or at the parameter.

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "api/document_reader.h"
#include "core/text.h"
#include "ledger/ledger.h"
#include "report/complete.h"
#include "reporting/report_library.h"
#include "reporting/script_host.h"

namespace collab::reporting {

namespace {

/// A parameter's value as typed on the command line, converted to its declared type.
struct TypedParam {
  const api::ParamSpec* spec = nullptr;
  std::string text;
  double number = 0;
  bool boolean = false;
};

std::optional<TypedParam> typed_param(const api::ParamSpec& spec, const std::string& text, std::string& error) {
  TypedParam p{&spec, text, 0, false};
  if (spec.type == "number") {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, p.number);
    if (ec != std::errc() || ptr != end || !std::isfinite(p.number)) {
      error = fmt::format("parameter '{}' must be a number, not '{}'", spec.name, visible_text(text));
      return std::nullopt;
    }
  } else if (spec.type == "boolean") {
    if (text != "true" && text != "false") {
      error = fmt::format("parameter '{}' must be true or false, not '{}'", spec.name, visible_text(text));
      return std::nullopt;
    }
    p.boolean = text == "true";
  } else if (spec.type == "table") {
    error = fmt::format("parameter '{}' is a table: it cannot be given on the command line", spec.name);
    return std::nullopt;
  }
  return p;
}

std::string param_names(const api::ReportDefinition& definition) {
  std::string out;
  for (const auto& p : definition.params) out += (out.empty() ? "" : ", ") + p.name;
  return out.empty() ? "none" : out;
}

// Checks what was asked against what the report declares; the typed values, or nullopt.
std::optional<std::vector<TypedParam>> check_params(const ReportScript& report, const BuildRequest& request,
                                                    Diagnostics& diagnostics) {
  std::vector<TypedParam> typed;
  bool ok = true;
  const SourceLocation at{"--param"};
  for (const auto& given : request.params) {
    const std::string& name = given.first;  // not a structured binding: clang 14 cannot capture one
    const std::string& text = given.second;
    const auto& specs = report.definition.params;
    auto spec = std::find_if(specs.begin(), specs.end(), [&](const api::ParamSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      diagnostics.error(at, fmt::format("report '{}' has no parameter '{}'", report.definition.id, visible_text(name)),
                        fmt::format("its parameters: {} ('collab reports' lists them)", param_names(report.definition)));
      ok = false;
      continue;
    }
    std::string error;
    if (auto p = typed_param(*spec, text, error)) typed.push_back(*p);
    else diagnostics.error(at, error, spec->doc), ok = false;
  }
  for (const auto& spec : report.definition.params)
    if (spec.required && std::none_of(typed.begin(), typed.end(), [&](const TypedParam& p) { return p.spec == &spec; })) {
      diagnostics.error(at, fmt::format("report '{}' needs parameter '{}'", report.definition.id, spec.name),
                        fmt::format("give it with --param {}=...; {}", spec.name, spec.doc));
      ok = false;
    }
  if (!ok) return std::nullopt;
  return typed;
}

// The params table: what was given, then the script's defaults for the rest.
void push_params(lua_State* L, const ReportScript& report, const std::vector<TypedParam>& typed) {
  lua_createtable(L, 0, static_cast<int>(report.definition.params.size()));
  const int p = lua_gettop(L);
  for (const TypedParam& t : typed) {
    if (t.spec->type == "number") lua_pushnumber(L, t.number);
    else if (t.spec->type == "boolean") lua_pushboolean(L, t.boolean ? 1 : 0);
    else lua_pushlstring(L, t.text.data(), t.text.size());
    lua_setfield(L, p, t.spec->name.c_str());
  }
  report.table.push(L);
  lua_pushliteral(L, "params");
  if (lua_rawget(L, -2) == LUA_TTABLE) {
    for (const auto& spec : report.definition.params) {
      if (!spec.has_default || std::any_of(typed.begin(), typed.end(), [&](const TypedParam& t) { return t.spec == &spec; }))
        continue;
      lua_pushstring(L, spec.name.c_str());
      lua_rawget(L, -2);
      lua_pushliteral(L, "default");
      lua_rawget(L, -2);
      lua_setfield(L, p, spec.name.c_str());
      lua_pop(L, 1);
    }
  }
  lua_settop(L, p);
}

// ctx: the year asked for (or the latest with budgets), the years with budgets, the report's id.
void push_ctx(lua_State* L, const ReportScript& report, const Model& model, const std::optional<FinancialYear>& year) {
  lua_createtable(L, 0, 4);
  lua_pushstring(L, report.definition.id.c_str());
  lua_setfield(L, -2, "report");
  if (year) {
    lua_pushstring(L, year->str().c_str());
    lua_setfield(L, -2, "year");
  }
  const auto years = ledger::budget_years(model);
  lua_createtable(L, static_cast<int>(years.size()), 0);
  for (size_t i = 0; i < years.size(); ++i) {
    lua_pushstring(L, years[i].str().c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "budget_years");
}

// The parameters a document records: the year, then every declared parameter as given or
// defaulted, as text.
std::vector<report::DocumentParam> document_params(const ReportScript& report, const std::vector<TypedParam>& typed,
                                                   const std::optional<FinancialYear>& year) {
  std::vector<report::DocumentParam> out;
  if (year) out.push_back({"year", year->str()});
  for (const auto& spec : report.definition.params) {
    auto given = std::find_if(typed.begin(), typed.end(), [&](const TypedParam& t) { return t.spec == &spec; });
    if (given != typed.end()) out.push_back({spec.name, given->text});
  }
  return out;
}

}  // namespace

std::optional<report::Document> ReportLibrary::build(const ReportScript& report, const BuildRequest& request,
                                                     Diagnostics& diagnostics) {
  auto typed = check_params(report, request, diagnostics);
  if (!typed) return std::nullopt;
  const std::optional<FinancialYear> year = request.year ? request.year : ledger::latest_budget_year(*model_);
  ScriptHost& host = *report.host;
  std::optional<api::ReadDocument> read;
  const report::DocumentLimits limits;
  lua::RunResult result = host.sandbox().call(
      report.chunk, report.build,
      [&](lua_State* L) {
        push_ctx(L, report, *model_, year);
        push_params(L, report, *typed);
        return 2;
      },
      [&](lua_State* L, int n) {
        if (n < 1) throw std::runtime_error("build returned nothing: end it with return collab.layout.document{...}");
        read = api::read_document(L, 1, limits);
      });
  if (observer_) observer_(formula::ScriptRun{report.chunk, "build " + report.definition.id, result.report, result.log});
  if (!result.ok()) {
    Diagnostic d = host.diagnostic(*result.error);
    d.message = fmt::format("report '{}': {}", report.definition.id, d.message);
    diagnostics.add(d);
    return std::nullopt;
  }
  report::Document doc = std::move(read->document);
  doc.id = report.definition.id;
  doc.params = document_params(report, *typed, year);
  bool ok = true;
  for (const api::ExplainRequest& request_ : read->explains) {
    if (request_.kind == api::ExplainRequest::Kind::Text) {
      doc.explanations.push_back(report::Explanation{request_.id, request_.title, request_.lines});
      continue;
    }
    auto explanation = services_.explain ? services_.explain(request_) : Result<report::Explanation>(fail("no explanations here"));
    if (!explanation) {
      diagnostics.error(SourceLocation{report.chunk}, fmt::format("report '{}': {}: explain: {}", report.definition.id,
                                                                  request_.where, explanation.error()));
      ok = false;
      continue;
    }
    explanation.value().id = request_.id;
    doc.explanations.push_back(std::move(explanation.value()));
  }
  for (const std::string& problem : report::complete_document(doc)) {
    diagnostics.error(SourceLocation{report.chunk}, fmt::format("report '{}': {}", report.definition.id, problem));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return doc;
}

}  // namespace collab::reporting
