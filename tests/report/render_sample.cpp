// collab_render_sample OUTDIR: writes OUTDIR/sample.html, the sample document rendered to HTML,
// for the browser test (tests/browser/sample.sh) to load in headless Chromium.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "report/render.h"
#include "sample_document.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: collab_render_sample OUTDIR\n");
    return 2;
  }
  const std::filesystem::path file = std::filesystem::path(argv[1]) / "sample.html";
  std::ofstream out(file, std::ios::binary);
  out << collab::report::render_html(collab::test::sample_document());
  out.close();
  if (!out) {
    fmt::print(stderr, "collab_render_sample: cannot write {}\n", file.string());
    return 1;
  }
  return 0;
}
