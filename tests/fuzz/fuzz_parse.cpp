// Fuzz target: the parsers of what people and documents write: money ("£9,568,874.60", in
// pounds, £000 or £m), JSON number literals as money and as percentages, percentages ("27.6%"),
// financial years ("2016/17") and partial dates ("Sep 2011"). Each must give a value or an error,
// and a value must print and read back to itself.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "money/calendar.h"
#include "money/money.h"
#include "money/percent.h"

using namespace collab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (MoneyUnit unit : {MoneyUnit::Pounds, MoneyUnit::Thousands, MoneyUnit::Millions}) {
    if (auto m = parse_money(text, unit); m && unit == MoneyUnit::Pounds) {
      auto again = parse_money(format_money(m.value()));
      if (!again || again.value() != m.value()) std::abort();  // printed money reads back exactly
    }
    (void)parse_json_number(text, unit);
  }
  if (auto p = parse_percent(text)) {
    for (int decimals = 0; decimals <= 4; ++decimals) (void)format_percent(p.value(), decimals);
  }
  (void)parse_percent_json_number(text);
  if (auto y = FinancialYear::parse(text)) {
    auto again = FinancialYear::parse(y.value().str());
    if (!again || again.value() != y.value()) std::abort();
  }
  if (auto d = PartialDate::parse(text)) (void)d.value().str();
  return 0;
}
