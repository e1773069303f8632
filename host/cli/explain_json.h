#pragma once
// An explanation as JSON, schema "collab.explain" version 2 (docs/explain-json.md): money in
// integer pence, exact decimals as strings, every input with its place and provenance, and the
// tool's version and the SHA-256 of every input file, so one figure's explanation can be filed
// as evidence.

#include <nlohmann/json.hpp>

#include <filesystem>

#include "ledger/explain.h"

namespace collab::cli {

inline constexpr int kExplainSchemaVersion = 2;

nlohmann::json explanation_json(const Model& model, const ledger::Explanation& e);
nlohmann::json total_explanation_json(const Model& model, const ledger::TotalExplanation& e);
/// A published figure's cause: null when it agrees and rounds alone, else {"kind", "text", ...}.
nlohmann::json cause_json(const ledger::CellCheck& cell);
/// Every data/*.json and scripts/formulae/*.lua under `root`, sorted: {"path", "sha256"}.
nlohmann::json input_digests(const std::filesystem::path& root);
/// The envelope: schema, tool, the input files' SHA-256 under `root`, and the explanations.
nlohmann::json explain_document(const std::filesystem::path& root, FinancialYear year, Money rounding_unit,
                                nlohmann::json explanations);

}  // namespace collab::cli
