#pragma once
// An explanation as text for the terminal: a headline, then one labelled step a line.

#include <string>

#include "ledger/explain.h"

namespace collab::cli {

std::string explanation_text(const Model& model, const ledger::Explanation& e);
std::string total_explanation_text(const Model& model, const ledger::TotalExplanation& e);

}  // namespace collab::cli
