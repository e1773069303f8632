#include "model/model.h"

#include <algorithm>
#include <set>

namespace collab {

namespace {
template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [id](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const Force* Model::force(std::string_view id) const { return find_by_id(forces, id); }
const Collaboration* Model::collaboration(std::string_view id) const { return find_by_id(collaborations, id); }
const Document* Model::document(std::string_view id) const { return find_by_id(documents, id); }

std::optional<Money> Model::central_grant(std::string_view force_id, FinancialYear year) const {
  for (const auto& table : central_grants) {
    if (table.year != year) continue;
    auto it = table.amounts.find(std::string(force_id));
    if (it != table.amounts.end()) return it->second;
  }
  return std::nullopt;
}

std::vector<FinancialYear> Model::years() const {
  std::set<FinancialYear> years;
  for (const auto& t : central_grants) years.insert(t.year);
  for (const auto& t : published_formula) years.insert(t.year);
  for (const auto& t : budgets) years.insert(t.year);
  for (const auto& t : published_contributions) years.insert(t.year);
  for (const auto& c : collaborations)
    for (const auto& p : c.participants) years.insert(p.from);
  if (savings_by_year)
    for (const auto& r : savings_by_year->rows) years.insert(r.year);
  for (const auto& r : innovation_fund) years.insert(r.year);
  if (forecast) years.insert(forecast->years.begin(), forecast->years.end());
  return {years.begin(), years.end()};
}

}  // namespace collab
