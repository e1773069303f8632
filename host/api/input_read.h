#pragma once
// InputRead: one figure a formula read (plain data, no Lua), kept for `collab explain`.

#include <cstdint>
#include <string>

#include "core/diagnostic.h"
#include "model/provenance.h"
#include "money/calendar.h"

namespace collab::api {

/// One figure a formula read through collab.grant, collab.population or collab.nre.
struct InputRead {
  std::string input;  // "grant", "population", "nre"
  ForceId force;
  FinancialYear year = FinancialYear::starting(2000);
  std::int64_t value = 0;  // pence, or people
  std::string source;      // "pcp-2017, Police Core Settlement plus formula grant 2015/16"
  SourceLocation where;
};

}  // namespace collab::api
