#include "model/collaboration.h"

namespace collab {

const char* status_name(StatusKind k) {
  switch (k) {
    case StatusKind::Live: return "live";
    case StatusKind::Proposed: return "proposed";
    case StatusKind::NotProgressed: return "not progressed";
    case StatusKind::Withdrawn: return "withdrawn";
  }
  return "live";
}

const ParticipationPeriod* Collaboration::participants_in(FinancialYear year) const {
  const ParticipationPeriod* found = nullptr;
  for (const auto& period : participants)
    if (period.from <= year) found = &period;
  return found;
}

const FormulaChoice* Collaboration::formula_in(FinancialYear year) const {
  const FormulaChoice* found = nullptr;
  for (const auto& choice : formula)
    if (!choice.from || *choice.from <= year) found = &choice;
  return found;
}

const ChangeLimit* Collaboration::limit_in(FinancialYear year) const {
  const ChangeLimit* found = nullptr;
  for (const auto& limit : limits)
    if (limit.from <= year) found = &limit;
  return found;
}

}  // namespace collab
