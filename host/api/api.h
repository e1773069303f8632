#pragma once
// The host API scripts see as `collab.*`: read-only views of the model, the figures formulae
// weigh forces by, money and rounding helpers, and the constructors that check a script's table
// when it loads. docs/lua/collab.lua (a LuaLS ---@meta file) documents every name here.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "api/input_read.h"
#include "lua/sandbox.h"
#include "model/model.h"

namespace collab::api {

/// The version of the API scripts and plug-ins are written against (collab.api_version).
inline constexpr int kApiVersion = 1;

/// The formula being evaluated: the figure functions refuse inputs it did not declare and
/// record what it read, for `collab explain`.
struct Evaluation {
  std::string formula_id;
  std::vector<std::string> declared_inputs;
  std::vector<InputRead> reads;
  /// Set by collab.param_error: the parameter (a dotted path into params) the data got wrong.
  std::string bad_param;
  std::string bad_param_message;
  /// Whether anybody will explain this evaluation: when not (a sweep), reads are not recorded
  /// and collab.explaining() tells the formula it may skip its notes.
  bool explaining = true;
};

/// Central grants that answer collab.grant in place of the model's, for one year: a sweep's
/// scenario, without a copy of the model. One per force, in the model's order, in pence.
struct GrantOverride {
  FinancialYear year = FinancialYear::starting(2000);
  std::span<const std::int64_t> pence;
};

/// What the API's functions work on. Outlives the Sandbox it is installed in.
struct ApiContext {
  std::shared_ptr<const Model> model;
  Evaluation* evaluation = nullptr;  // set while a formula's weights function runs
  const GrantOverride* grants = nullptr;  // set while a sweep's scenario moves the grants
  std::vector<std::string> view_ids = {};  // the force ids collab.forces was built with, in its order
  // Each force view's address (lua_topointer) and its index, sorted by address: force_arg finds a
  // view by identity with one call into Lua. The views live in the registry: their addresses hold.
  std::vector<std::pair<const void*, std::uint32_t>> view_index = {};
};

/// Publishes `collab.*` in `sandbox` over `context`. Call once per Sandbox, before any script.
void install(lua::Sandbox& sandbox, ApiContext& context);

}  // namespace collab::api
