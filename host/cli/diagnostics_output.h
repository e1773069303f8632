#pragma once
// Printing diagnostics for a person: errors and warnings first-class, one blank
// line between entries so multi-line excerpts stay readable.

#include <cstdio>

#include "core/diagnostic.h"

namespace collab::cli {

/// Prints every diagnostic at least as severe as `threshold` (Error > Warning > Note) to `out`.
void print_diagnostics(const Diagnostics& diagnostics, Severity threshold, std::FILE* out = stdout);

}  // namespace collab::cli
