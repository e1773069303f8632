#include "model/model.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace collab {

namespace {
template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [id](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

template <class T>
const T* find_by_name(const std::vector<T>& items, std::string_view name) {
  for (const auto& item : items) {
    if (same_name(item.id, name) || same_name(item.name, name) || same_name(item.short_name, name)) return &item;
    for (const auto& alias : item.aliases)
      if (same_name(alias, name)) return &item;
  }
  return nullptr;
}
}  // namespace

const Force* Model::force(std::string_view id) const { return find_by_id(forces, id); }
const Collaboration* Model::collaboration(std::string_view id) const { return find_by_id(collaborations, id); }
const Force* Model::find_force(std::string_view name) const { return find_by_name(forces, name); }
const Collaboration* Model::find_collaboration(std::string_view name) const {
  return find_by_name(collaborations, name);
}
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
