#pragma once
// People: officers and staff in collaborative functions, and specialist
// resources forces kept for themselves.

#include <optional>
#include <string>
#include <vector>

#include "model/provenance.h"
#include "money/calendar.h"
#include "money/money.h"
#include "money/percent.h"

namespace collab {

/// Officers and staff working in one collaborative function.
struct WorkforceRow {
  std::string function;
  std::vector<UnitId> units;
  int64_t officers = 0;
  int64_t staff = 0;
  std::optional<int64_t> published_total;
  SourceLocation where;
};

struct Headcount {
  int64_t officers = 0;
  int64_t staff = 0;
  int64_t total = 0;
};

struct Workforce {
  PartialDate as_at;
  Source source;
  std::vector<WorkforceRow> rows;
  std::optional<Headcount> published_total;
  std::optional<Headcount> region_total;
  std::string region_note;
  std::optional<Percent> published_officer_share, published_staff_share, published_total_share;
  SourceLocation where;
};

/// Serious organised crime resources a force retained outside the regional unit.
struct RetainedResource {
  ForceId force;
  int64_t officers = 0;
  int64_t staff = 0;
  std::optional<Money> approximate_cost;
  SourceLocation where;
};

struct RetainedResources {
  Source source;
  std::vector<RetainedResource> rows;
  std::optional<Money> published_total;
  SourceLocation where;
};

}  // namespace collab
