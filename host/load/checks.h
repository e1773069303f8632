#pragma once
// Checks across a loaded data set: published totals against their rows
// (warnings: the data stays as published), shares that must add up (errors),
// and every fact on which two sources disagree (notes saying which is used and why).

#include "core/diagnostic.h"
#include "model/model.h"

namespace collab::load {

void check_data_set(const Model& model, Diagnostics& out);

void check_published_totals(const Model& model, Diagnostics& out);
void check_formula_shares(const Model& model, Diagnostics& out);
void check_disagreements(const Model& model, Diagnostics& out);

}  // namespace collab::load
