#pragma once
// A collaboration: a unit or agreement the forces pool under section 22A.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/force.h"
#include "model/provenance.h"
#include "money/calendar.h"
#include "money/percent.h"

namespace collab {

enum class StatusKind { Live, Proposed, NotProgressed, Withdrawn };
enum class Section22 { Regional, National };

const char* status_name(StatusKind k);  // "live", "proposed", "not progressed", "withdrawn"

/// Whether a collaboration runs, is proposed (at a stage), was not progressed (and why) or was withdrawn.
struct Status {
  StatusKind kind = StatusKind::Live;
  std::string stage;      // proposed: "scoping", "outline business case", "full business case"
  std::string rationale;  // not progressed: why
  std::optional<FinancialYear> year;  // withdrawn: from when
  std::optional<Source> source;
};

/// Who takes part from `from` onwards (until the next period). When a register
/// lost which forces, `forces` is empty and `count` says how many take part.
struct ParticipationPeriod {
  FinancialYear from;
  std::optional<std::vector<ForceId>> forces;
  std::optional<int> count;
  std::string note;
  std::string why;  // why it differs from the previous period
  Source source;
  SourceLocation where;

  bool known() const { return forces.has_value(); }
};

/// The leads named in the section 22 register. PCC and finance leads are forces.
struct Leads {
  std::optional<ForceId> pcc;
  std::string chief_officer;
  std::string operational;
  std::optional<ForceId> finance;
  std::optional<Source> source;
};

/// A limit an agreement puts on each force's year-on-year change in what it pays for the unit
/// (charges apart), from a year on: the ledger redistributes what the limited forces give up.
struct ChangeLimit {
  FinancialYear from;
  std::optional<Percent> rise;  // a cap: at most this much more than last year
  std::optional<Percent> fall;  // a floor: at most this much less
  SourceLocation where;
};

/// A collaboration. Invariant: participants are in year order and within the region.
struct Collaboration {
  UnitId id;
  std::string name;
  std::string short_name;
  std::vector<std::string> aliases;
  std::optional<UnitId> parent;
  std::string portfolio;
  Section22 section22 = Section22::Regional;
  Status status;
  std::vector<ParticipationPeriod> participants;
  std::optional<ForceId> lead_force;
  std::map<ForceId, std::vector<std::string>> host_services;
  Leads leads;
  std::optional<Claimed<PartialDate>> established;
  std::vector<FormulaChoice> formula;
  std::vector<ChangeLimit> limits;  // in year order; only scenarios set them
  std::string comments;
  std::optional<Source> source;
  SourceLocation where;

  /// The participation period in force in `year`, or null before the first.
  const ParticipationPeriod* participants_in(FinancialYear year) const;
  /// The formula named for `year`, or null to use the region default.
  const FormulaChoice* formula_in(FinancialYear year) const;
  /// The change limit in force in `year`, or null.
  const ChangeLimit* limit_in(FinancialYear year) const;
};

}  // namespace collab
