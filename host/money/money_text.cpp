#include "money/money_text.h"

namespace collab {

std::string amount_text(Money m) { return m.is_whole_pounds() ? format_pounds(m) : format_money(m); }

std::string amount_cell(Money m, bool pence) {
  std::string text = pence ? format_money(m) : amount_text(m);
  if (auto at = text.find("£"); at != std::string::npos) text.erase(at, std::string("£").size());
  return text;
}

std::string signed_amount(Money m) {
  if (m == Money{}) return "£0";
  return (m > Money{} ? "+" : "") + amount_text(m);
}

}  // namespace collab
