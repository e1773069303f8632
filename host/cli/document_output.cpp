// Rendering a document and writing it atomically: the format dispatch of the report commands.

#include "cli/document_output.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli/atomic_file.h"
#include "cli/command.h"
#include "core/text.h"
#include "report/render.h"

namespace collab::cli {

namespace {

int emit(const OutputRequest& r, const std::string& file, const std::string& text) {
  if (file.empty() || file == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0 ? kOk : kFailed;
  }
  if (auto error = write_file_atomically(file, text)) {
    fmt::print(stderr, "{}: {}\n", r.command, *error);
    return kFailed;
  }
  return kOk;
}

int no_such_table(const report::Document& doc, const OutputRequest& r) {
  std::string ids;
  for (const auto& block : doc.blocks)
    if (const auto* t = std::get_if<report::Table>(&block)) ids += (ids.empty() ? "" : ", ") + t->id;
  if (!r.table.empty()) fmt::print(stderr, "{}: the document has no table '{}'\n", r.command, visible_text(r.table));
  fmt::print(stderr, "{}: its tables: {}\n", r.command, ids.empty() ? "none" : ids);
  return kBadInput;
}

int write_csv(const report::Document& doc, const OutputRequest& r) {
  auto files = report::render_csv(doc);
  if (!r.table.empty()) {
    const std::string name = fmt::format("{}-{}.csv", doc.id, r.table);
    auto it = std::find_if(files.begin(), files.end(), [&](const report::CsvFile& f) { return f.name == name; });
    return it == files.end() ? no_such_table(doc, r) : emit(r, r.out, it->text);
  }
  if (files.size() == 1) return emit(r, r.out, files.front().text);
  if (r.out.empty() || r.out == "-") {
    fmt::print(stderr, "{}: the document has {} tables: choose one with --table, or give --out FOLDER for one CSV file "
                       "each\n", r.command, files.size());
    return no_such_table(doc, r);
  }
  std::error_code ec;
  std::filesystem::create_directories(r.out, ec);
  for (const auto& f : files)
    if (int exit = emit(r, (std::filesystem::path(r.out) / f.name).string(), f.text); exit != kOk) return exit;
  return kOk;
}

int write_xlsx(const report::Document& doc, const OutputRequest& r) {
  if (!r.out.empty() && r.out != "-") {
    auto error = write_path_atomically(r.out, [&](const std::filesystem::path& p) { return report::render_xlsx(doc, p); });
    if (error) fmt::print(stderr, "{}: {}\n", r.command, *error);
    return error ? kFailed : kOk;
  }
  char pattern[] = "/tmp/collab-output-XXXXXX";  // standard output that is not a terminal: via a file
  const int fd = mkstemp(pattern);
  if (fd < 0) return kFailed;
  ::close(fd);
  auto error = report::render_xlsx(doc, pattern);
  std::string bytes;
  if (std::FILE* in = std::fopen(pattern, "rb")) {
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, in)) > 0;) bytes.append(buffer, n);
    std::fclose(in);
  }
  ::unlink(pattern);
  if (error) {
    fmt::print(stderr, "{}: {}\n", r.command, *error);
    return kFailed;
  }
  return emit(r, "", bytes);
}

}  // namespace

bool output_refused(const OutputRequest& r) {
  if (r.format == "xlsx" && (r.out.empty() || r.out == "-") && isatty(STDOUT_FILENO)) {
    fmt::print(stderr, "{}: XLSX is binary: give --out FILE.xlsx, or redirect the output to a file\n", r.command);
    return true;
  }
  return false;
}

std::string render_text(const report::Document& doc, const std::string& format, bool explanations) {
  return format == "json"   ? report::render_json(doc)
         : format == "html" ? report::render_html(doc)
                            : report::render_markdown(doc, explanations);
}

int write_document(const report::Document& doc, const OutputRequest& r) {
  if (r.format == "csv") return write_csv(doc, r);
  if (r.format == "xlsx") return write_xlsx(doc, r);
  return emit(r, r.out, render_text(doc, r.format, r.explanations));
}

std::optional<std::string> render_into(run::Staging& staging, const std::string& folder, const std::string& stem,
                                       const report::Document& doc, const std::string& format) {
  const std::string base = folder.empty() ? stem : folder + "/" + stem;
  if (format == "xlsx")
    return staging.write_with(base + ".xlsx", [&doc](const std::filesystem::path& p) { return report::render_xlsx(doc, p); });
  if (format != "csv") return staging.write(base + "." + format, render_text(doc, format));
  const auto files = report::render_csv(doc);
  for (const auto& f : files) {
    // One table: <stem>.csv; several: one file each in a folder <stem>-csv/, named as render_csv names them.
    const std::string name = files.size() == 1 ? base + ".csv" : base + "-csv/" + f.name;
    if (auto error = staging.write(name, f.text)) return error;
  }
  return std::nullopt;
}

}  // namespace collab::cli
