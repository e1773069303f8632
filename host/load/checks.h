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
/// The facts of the documents' texts against each other and the tables (record_checks.cpp).
void check_record(const Model& model, Diagnostics& out);
/// The disagreements data/sources.json states, each with both places (record_checks.cpp).
void check_stated_disagreements(const Model& model, Diagnostics& out);

}  // namespace collab::load
