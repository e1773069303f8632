#pragma once
// A reconciliation as JSON, schema "collab.reconcile" version 1 (docs/reconcile-json.md): how the
// published table was made (every candidate process, its fit, the budgets' feasible pence) and
// every published figure against the ledger's. Money in integer pence; the inputs' SHA-256.

#include <nlohmann/json.hpp>

#include <filesystem>

#include "ledger/reconcile.h"

namespace collab::cli {

inline constexpr int kReconcileSchemaVersion = 1;

nlohmann::json reconcile_document(const std::filesystem::path& root, const ledger::Reconciliation& r);

}  // namespace collab::cli
