#pragma once
// What scripts say, shown as it comes: each print and warn line on stderr, prefixed with the
// script and line that said it, and (with --limits) the limit report of every script run.

#include "formula/formula_library.h"

namespace collab::cli {

formula::RunObserver script_output_observer(bool show_limits);

}  // namespace collab::cli
