// collab_render_sample_xlsx OUTDIR: writes OUTDIR/sample.xlsx from the sample document, for
// check_xlsx.py to open with a real reader (the xlsx-sample ctest).

#include <cstdio>
#include <filesystem>

#include "report/render.h"
#include "sample_document.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: collab_render_sample_xlsx OUTDIR\n");
    return 2;
  }
  const auto file = std::filesystem::path(argv[1]) / "sample.xlsx";
  if (const auto error = collab::report::render_xlsx(collab::test::sample_document(), file)) {
    std::fprintf(stderr, "collab_render_sample_xlsx: %s\n", error->c_str());
    return 1;
  }
  return 0;
}
