// Scenarios end to end inside the library: the bundled scenarios load and check; each one's
// figures worked out by hand from the published shares (largest remainder at £1); the data model
// untouched; the years before a step identical to the baseline's; the Draft's refusals; exact
// percentages.

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "formula/formula_library.h"
#include "ledger/ledger.h"
#include "load/loader.h"
#include "report/complete.h"
#include "report/render.h"
#include "scenario/draft_api.h"
#include "scenario/scenario_builder.h"
#include "scenario/scenario_loader.h"
#include "scenario/whatif_document.h"
#include "test_support.h"

using namespace collab;
using namespace collab::scenario;

namespace {

const FinancialYear y2016 = FinancialYear::starting(2016);
const FinancialYear y2017 = FinancialYear::starting(2017);
const FinancialYear y2018 = FinancialYear::starting(2018);
const FinancialYear y2019 = FinancialYear::starting(2019);

// The bundled data, formulae, rules and scenarios, loaded once per test.
struct Bundled {
  Diagnostics diagnostics;
  std::shared_ptr<const Model> data;
  std::unique_ptr<formula::FormulaLibrary> formulae;
  std::unique_ptr<RuleLibrary> rules;
  std::unique_ptr<ScenarioBuilder> builder;

  Bundled() {
    auto outcome = load::load_data_set(test::source_dir());
    REQUIRE(outcome.model);
    data = outcome.model;
    formulae = formula::FormulaLibrary::load(test::source_dir(), data, diagnostics);
    rules = RuleLibrary::load(test::source_dir(), data, diagnostics);
    auto scenarios = load_scenarios(test::source_dir(), *data, diagnostics);
    builder = std::make_unique<ScenarioBuilder>(data, std::move(scenarios), *rules, *formulae);
    builder->check(diagnostics);
  }

  ledger::Ledger ledger(const std::string& id, FinancialYear year, FinancialYear through) {
    Built built = builder->build(id, through, diagnostics);
    REQUIRE(built.status == Applied::Ok);
    return ledger::compute_ledger(*formulae, built.model, year, Money::from_pounds(1), diagnostics);
  }
};

// Each force's part of a line, in pounds, by force id.
std::map<std::string, int64_t> parts(const ledger::Ledger& l, const UnitId& unit,
                                     ContributionKind kind = ContributionKind::Cash) {
  const ledger::LedgerRow* row = l.find(unit, kind);
  REQUIRE(row != nullptr);
  REQUIRE_FALSE(row->failed());
  std::map<std::string, int64_t> out;
  for (const auto& c : row->contributions) out[c.force] = c.amount().pence() / 100;
  return out;
}

// Every computed line's parts (unit, kind, force -> pence) and shares, for comparing ledgers.
std::map<std::string, std::string> fingerprint(const ledger::Ledger& l) {
  std::map<std::string, std::string> out;
  for (const auto& row : l.rows) {
    const std::string line = row.unit + "/" + ledger::kind_name(row.kind);
    out[line] = row.failed() ? "failed" : format_money(row.budget);
    for (const auto& c : row.contributions)
      out[line + "/" + c.force] = fmt::format("{} {}e-{}", c.amount().pence(), c.share.apportioned_by.units, c.share.apportioned_by.scale);
  }
  return out;
}


// A scenario written inline, built over the bundled data and rules; the ledger of one year.
struct Inline {
  Bundled b;
  std::unique_ptr<ScenarioBuilder> builder;

  explicit Inline(const std::string& steps, const std::string& years = "2016/17..2018/19") {
    auto s = parse_scenario("data/scenarios/t.json", "t",
                            fmt::format(R"({{"id": "t", "title": "T", "years": "{}", "steps": [{}]}})", years, steps),
                            *b.data, b.diagnostics);
    REQUIRE(s);
    std::vector<Scenario> all{*s};
    builder = std::make_unique<ScenarioBuilder>(b.data, std::move(all), *b.rules, *b.formulae);
    REQUIRE(builder->check(b.diagnostics));
  }
  Built built(FinancialYear through) { return builder->build("t", through, b.diagnostics); }
  ledger::Ledger ledger(FinancialYear year) {
    Built m = built(y2018);
    REQUIRE(m.status == Applied::Ok);
    return ledger::compute_ledger(*b.formulae, m.model, year, Money::from_pounds(1), b.diagnostics);
  }
};

Money budget_of(const Model& m, const UnitId& unit, FinancialYear year) {
  for (const auto& t : m.budgets)
    if (t.year == year)
      for (const auto& line : t.lines)
        if (line.unit == unit) return line.cash.value_or(Money{});
  return Money::from_pence(-1);
}

}  // namespace

TEST_CASE("the bundled scenarios and rules load and check without a word") {
  Bundled b;
  for (const auto& d : b.diagnostics.items()) INFO(format_diagnostic(d));
  CHECK(b.diagnostics.empty());
  CHECK(b.rules->rules().size() == 12);
  CHECK(b.builder->scenarios().size() == 5);
  REQUIRE(b.builder->find("lincs-joins-ld") != nullptr);
  CHECK(b.builder->find("lincs-joins-ld")->first_change() == y2017);
}

TEST_CASE("Lincolnshire joining L&D in 2017/18 splits its budget five ways by the grant shares") {
  Bundled b;
  // The baseline (flat from 2016/17): L&D is four-force. The published 2015/16 grant shares,
  // 27.6 (Notts) 23.0 (Leics) 21.8 (Derbys) 14.7 (Northants), add to 87.1 and renormalise to
  // 31.7 / 26.4 / 25.0 / 16.9%. Of £2,398,301: 760,261.42 / 633,151.46 / 599,575.25 / 405,312.87;
  // the floors leave £2, which go to the largest remainders, Northants (.87) and Leics (.46).
  const auto before = parts(b.ledger("data", y2017, y2017), "emchrs-ld");
  CHECK(before == std::map<std::string, int64_t>{{"derbyshire", 599575}, {"leicestershire", 633152},
                                                 {"northamptonshire", 405313}, {"nottinghamshire", 760261}});
  // Five-force, the shares are the published ones themselves: 21.8 / 23.0 / 12.9 / 14.7 / 27.6%
  // give 522,829.62 / 551,609.23 / 309,380.83 / 352,550.25 / 661,931.08; the floors leave £2,
  // to Lincs (.83) and Derbys (.62).
  const auto after = parts(b.ledger("lincs-joins-ld", y2017, y2017), "emchrs-ld");
  CHECK(after == std::map<std::string, int64_t>{{"derbyshire", 522830}, {"leicestershire", 551609},
                                                {"lincolnshire", 309381}, {"northamptonshire", 352550},
                                                {"nottinghamshire", 661931}});
  int64_t sum = 0;
  for (const auto& [force, pounds] : after) sum += pounds;
  CHECK(sum == 2398301);
  // Every other line is as in the baseline.
  auto base = fingerprint(b.ledger("data", y2017, y2017));
  auto scen = fingerprint(b.ledger("lincs-joins-ld", y2017, y2017));
  std::erase_if(base, [](const auto& kv) { return kv.first.starts_with("emchrs-ld/"); });
  std::erase_if(scen, [](const auto& kv) { return kv.first.starts_with("emchrs-ld/"); });
  CHECK(base == scen);
}

TEST_CASE("Derbyshire's year of notice to leave Forensics, then its exit liability in two instalments") {
  Bundled b;
  auto forensics = [&](FinancialYear year) { return parts(b.ledger("derbys-leaves-forensics", year, y2019), "emsou-forensics"); };
  // 2016/17 and 2017/18 (the notice year): five-force, as in the data. Of £3,939,700 at the
  // published shares 21.8 / 23.0 / 12.9 / 14.7 / 27.6%: 858,854.60 / 906,131.00 / 508,221.30 /
  // 579,135.90 / 1,087,357.20; £2 left, to Northants (.90) and Derbys (.60).
  const std::map<std::string, int64_t> five{{"derbyshire", 858855}, {"leicestershire", 906131}, {"lincolnshire", 508221},
                                            {"northamptonshire", 579136}, {"nottinghamshire", 1087357}};
  CHECK(forensics(y2016) == five);
  CHECK(forensics(y2017) == five);
  // The liability: 10% of the 2017/18 budget, £393,970, split as 2017/18 split the unit: Derbys
  // 21.8% is £85,885.46 (the £2 left over go to Notts .72 and Northants .59, not to Derbys .46):
  // £85,885, in two instalments of £42,942.50: the odd pound to the first, £42,943 and £42,942.
  // 2018/19: Derbys pays £42,943 towards the budget; the other four share the £3,896,757 left
  // by 23.0 + 12.9 + 14.7 + 27.6 = 78.2 renormalised: 29.4 / 16.5 / 18.8 / 35.3%, that is
  // 1,145,646.558 / 642,964.905 / 732,590.316 / 1,375,555.221; £2 left, to Lincs and Leics.
  CHECK(forensics(y2018) == std::map<std::string, int64_t>{{"derbyshire", 42943}, {"leicestershire", 1145647},
                                                           {"lincolnshire", 642965}, {"northamptonshire", 732590},
                                                           {"nottinghamshire", 1375555}});
  // 2019/20: £42,942; the others share £3,896,758: 1,145,646.852 / 642,965.07 / 732,590.504 /
  // 1,375,555.574; £2 left, to Leics and Notts.
  CHECK(forensics(y2019) == std::map<std::string, int64_t>{{"derbyshire", 42942}, {"leicestershire", 1145647},
                                                           {"lincolnshire", 642965}, {"northamptonshire", 732590},
                                                           {"nottinghamshire", 1375556}});
  // Every year's rows add up exactly to the budgets; the leaver is no participant after notice.
  for (FinancialYear y : {y2016, y2017, y2018, y2019}) {
    const auto l = b.ledger("derbys-leaves-forensics", y, y2019);
    for (const auto& row : l.rows)
      if (!row.failed()) CHECK(row.total() == row.budget);
    const auto* row = l.find("emsou-forensics", ContributionKind::Cash);
    CHECK(row->find("derbyshire")->participant == (y <= y2017));
    CHECK(row->charged == Money::from_pounds(y == y2018 ? 42943 : y == y2019 ? 42942 : 0));
  }
  CHECK(b.ledger("derbys-leaves-forensics", y2018, y2019).find("emsou-forensics", ContributionKind::Cash)
            ->find("derbyshire")->charge_label == "exit liability, instalment 1 of 2");
}

TEST_CASE("withdraw: no notice leaves at once; a stated liability and share; its parameters checked") {
  // Leaving at once, no liability: the four share all of £3,939,700 in 2017/18 (29.4 / 16.5 /
  // 18.8 / 35.3%: 1,158,271.8 / 650,050.5 / 740,663.6 / 1,390,714.1; £2 to Leics .8, Northants .6).
  Inline now(R"({"rule": "withdraw", "from": "2017/18", "params": {"force": "derbyshire", "unit": "emsou-forensics"}})");
  CHECK(parts(now.ledger(y2017), "emsou-forensics") ==
        std::map<std::string, int64_t>{{"leicestershire", 1158272}, {"lincolnshire", 650050},
                                       {"northamptonshire", 740664}, {"nottinghamshire", 1390714}});
  // A stated base (£100,000 of redundancy) and share (50%): £50,000 in 2017/18, one instalment.
  Inline stated(R"({"rule": "withdraw", "from": "2017/18", "params": {"force": "derbyshire", "unit": "emsou-forensics",
                    "liability": 100000, "liability_share": "50%"}})");
  CHECK(parts(stated.ledger(y2017), "emsou-forensics").at("derbyshire") == 50000);
  CHECK(stated.ledger(y2018).find("emsou-forensics", ContributionKind::Cash)->find("derbyshire") == nullptr);
  auto refused = [](const std::string& step) {
    Inline s(step);
    CHECK(s.built(y2018).status == Applied::Refused);
    return format_diagnostic(s.b.diagnostics.items().back());
  };
  CHECK_THAT(refused(R"({"rule": "withdraw", "from": "2017/18", "params": {"force": "derbyshire", "unit": "emsou-forensics",
                         "liability": 1, "liability_percent": "1%"}})"),
             Catch::Contains("t.json:2:39: error") && Catch::Contains("give 'liability' (an amount) or 'liability_percent', not both"));
  CHECK_THAT(refused(R"({"rule": "withdraw", "from": "2017/18", "params": {"force": "derbyshire", "unit": "emsou-forensics",
                         "notice": -1}})"),
             Catch::Contains("notice is a whole number of years from 0 to 10"));
  CHECK_THAT(refused(R"({"rule": "withdraw", "from": "2017/18", "params": {"force": "lincolnshire", "unit": "emchrs-ld",
                         "notice": 1}})"),
             Catch::Contains("'lincolnshire' does not take part in 'emchrs-ld' in 2017/18"));
}

TEST_CASE("limit_change holds every force within its bound and redistributes exactly") {
  // Lincs joins L&D and a 5% floor holds the four who paid in 2016/17 (£599,575 / £633,152 /
  // £405,313 / £760,261) at 95%, rounded up to the pound so the floor holds: £569,597 (569,596.25),
  // £601,495 (601,494.40), £385,048 (385,047.35), £722,248 (722,247.95). Lincs, with no 2016/17
  // part and so no bound, pays the rest of £2,398,301: £119,913.
  Inline floor(R"({"rule": "join", "from": "2017/18", "params": {"force": "lincolnshire", "unit": "emchrs-ld"}},
                  {"rule": "limit_change", "from": "2017/18", "params": {"unit": "emchrs-ld", "floor": "5%"}})");
  CHECK(parts(floor.ledger(y2017), "emchrs-ld") ==
        std::map<std::string, int64_t>{{"derbyshire", 569597}, {"leicestershire", 601495}, {"lincolnshire", 119913},
                                       {"northamptonshire", 385048}, {"nottinghamshire", 722248}});
  // EM Legal switches to fixed shares 40 / 30 / 10 / 10 / 10 under a 10% cap: Derbys and Leics
  // rise far more than 10% and are held; the others take the difference, which pushes some of
  // them over in turn. Every force stays within 110% of 2016/17 and the row adds up.
  Inline cap(R"({"rule": "switch_formula", "from": "2017/18", "params": {"unit": "em-legal", "formula": "fixed",
                 "formula_params": {"shares": {"derbyshire": 40, "leicestershire": 30, "lincolnshire": 10,
                                               "northamptonshire": 10, "nottinghamshire": 10}}}},
                {"rule": "limit_change", "from": "2017/18", "params": {"cap": "10%"}})");
  const auto before = parts(cap.ledger(y2016), "em-legal");
  const auto l = cap.ledger(y2017);
  const auto* row = l.find("em-legal", ContributionKind::Cash);
  REQUIRE(row != nullptr);
  REQUIRE_FALSE(row->failed());
  CHECK(row->total() == row->budget);
  Money moved;
  int later_rounds = 0;
  for (const auto& c : row->contributions) {
    CHECK(c.amount().pence() <= before.at(c.force) * 110);  // pounds x 110 = pence x 1.1
    moved += c.limited;
    later_rounds += c.limit_round > 1 ? 1 : 0;
  }
  CHECK(moved == Money{});
  CHECK(later_rounds > 0);  // redistribution pushed a force over, held in a later round
  // A limit is not a budget: a 10% cap on every unit cannot hold when every budget rises 20%.
  Inline tight(R"({"rule": "budget_change", "from": "2017/18", "params": {"unit": "em-legal", "by": "20%"}},
                  {"rule": "limit_change", "from": "2017/18", "params": {"unit": "em-legal", "damping": "10%"}})");
  Built m = tight.built(y2018);
  REQUIRE(m.status == Applied::Ok);
  Diagnostics d;
  const auto failed = ledger::compute_ledger(*tight.b.formulae, m.model, y2017, Money::from_pounds(1), d);
  CHECK(failed.find("em-legal", ContributionKind::Cash)->failed());
  REQUIRE(d.errors() > 0);
  CHECK_THAT(format_diagnostic(d.items().back()), Catch::Contains("t.json:2:19: error") && Catch::Contains("no split holds every bound"));
}

TEST_CASE("flat_fee, net_grant and usage_share: charging bases beyond shares") {
  // A £100,000 fee each out of EM Legal's £1,405,900; the £905,900 left by the shares 21.8 / 23.0
  // / 12.9 / 14.7 / 27.6%: 197,486.2 / 208,357 / 116,861.1 / 133,167.3 / 250,028.4; £1 left, to
  // Notts (.4). With the fee: £297,486 / £308,357 / £216,861 / £233,167 / £350,029.
  Inline fee(R"({"rule": "flat_fee", "from": "2017/18", "params": {"unit": "em-legal", "fee": 100000}})");
  CHECK(parts(fee.ledger(y2017), "em-legal") ==
        std::map<std::string, int64_t>{{"derbyshire", 297486}, {"leicestershire", 308357}, {"lincolnshire", 216861},
                                       {"northamptonshire", 233167}, {"nottinghamshire", 350029}});
  CHECK(fee.ledger(y2017).find("em-legal", ContributionKind::Cash)->total().pence() == 140590000);
  // A £1,000,000 grant netted off EMSOU SOC's £9,568,875: the forces share £8,568,875.
  Inline grant(R"({"rule": "net_grant", "from": "2017/18", "params": {"unit": "emsou-soc", "grant": 1000000}})");
  CHECK(grant.ledger(y2017).find("emsou-soc", ContributionKind::Cash)->total().pence() == 856887500);
  CHECK(grant.ledger(y2016).find("emsou-soc", ContributionKind::Cash)->total().pence() == 956887500);
  // Usage in 2016/17 of 40 : 30 : 10 : 10 : 10 charges 2017/18's £1,405,900 exactly so.
  Inline usage(R"({"rule": "switch_formula", "from": "2017/18", "params": {"unit": "em-legal", "formula": "usage_share",
                   "formula_params": {"usage": {"2016/17": {"derbyshire": 40, "leicestershire": 30, "lincolnshire": 10,
                                                            "northamptonshire": 10, "nottinghamshire": 10}}}}})");
  CHECK(parts(usage.ledger(y2017), "em-legal") ==
        std::map<std::string, int64_t>{{"derbyshire", 562360}, {"leicestershire", 421770}, {"lincolnshire", 140590},
                                       {"northamptonshire", 140590}, {"nottinghamshire", 140590}});
}

TEST_CASE("the tri-force collaboration, created with a budget from 2018/19, is split over its three forces") {
  Bundled b;
  // 23.0 (Leics) + 14.7 (Northants) + 27.6 (Notts) = 65.3, renormalised: 35.2 / 22.5 / 42.3% of
  // £1,000,000: £352,000 / £225,000 / £423,000 exactly. 2017/18 has no budget for it.
  CHECK(parts(b.ledger("tri-force-created", y2018, y2018), "tri-force-it-finance") ==
        std::map<std::string, int64_t>{{"leicestershire", 352000}, {"northamptonshire", 225000}, {"nottinghamshire", 423000}});
  CHECK(b.ledger("tri-force-created", y2017, y2018).find("tri-force-it-finance", ContributionKind::Cash) == nullptr);
}

TEST_CASE("a 5% a year fall in every force's grant leaves every share, and so every bill, the same") {
  Bundled b;
  Built built = b.builder->build("grant-falls-5", y2019, b.diagnostics);
  REQUIRE(built.status == Applied::Ok);
  // Notts' 2015/16 grant, £126,777,533, projected flat to 2016/17, falls 5% in 2017/18 to
  // £120,438,656.35 exactly, and 5% again in 2018/19: £114,416,723.5325, half up £114,416,723.53.
  CHECK(built.model->central_grant("nottinghamshire", y2016)->pence() == 12677753300);
  CHECK(built.model->central_grant("nottinghamshire", y2017)->pence() == 12043865635);
  CHECK(built.model->central_grant("nottinghamshire", y2018)->pence() == 11441672353);
  // Every grant falls by the same factor, so each share of the total, to 0.1%, stays put: the
  // ledgers of 2018/19 and 2019/20 (which weigh the fallen grants of the year before) equal the
  // baseline's, line by line and force by force.
  for (FinancialYear y : {y2018, y2019}) CHECK(fingerprint(b.ledger("grant-falls-5", y, y2019)) == fingerprint(b.ledger("data", y, y2019)));
}

TEST_CASE("EMOpSS and EMCJS growing to five forces changes membership but no bill: the data has no budget for them") {
  Bundled b;
  Built built = b.builder->build("emopss-emcjs-five-force", y2017, b.diagnostics);
  REQUIRE(built.status == Applied::Ok);
  CHECK(built.model->collaboration("emopss")->participants_in(y2017)->forces->size() == 5);
  CHECK(built.model->collaboration("emcjs")->participants_in(y2017)->forces->size() == 5);
  CHECK(fingerprint(b.ledger("emopss-emcjs-five-force", y2017, y2017)) == fingerprint(b.ledger("data", y2017, y2017)));
}

TEST_CASE("building every scenario leaves the data model as it was") {
  Bundled b;
  const auto before = fingerprint(b.ledger("data", y2016, y2016));
  const std::size_t budgets = b.data->budgets.size(), grants = b.data->central_grants.size();
  for (const auto& s : b.builder->scenarios()) REQUIRE(b.builder->build(s.id, y2019, b.diagnostics).status == Applied::Ok);
  CHECK(b.data->budgets.size() == budgets);
  CHECK(b.data->central_grants.size() == grants);
  CHECK(b.data->collaboration("emchrs-ld")->participants.size() == 3);
  CHECK(b.data->collaboration("emchrs-ld")->participants_in(y2017)->forces->size() == 4);
  CHECK(b.data->collaboration("emsou-forensics")->participants_in(y2017)->forces->size() == 5);
  const auto after = ledger::compute_ledger(*b.formulae, b.data, y2016, Money::from_pounds(1), b.diagnostics);
  CHECK(fingerprint(after) == before);
}

TEST_CASE("the years before a scenario's first step are the baseline's, in the ledger and in the document") {
  Bundled b;
  for (const auto& s : b.builder->scenarios()) {
    INFO(s.id);
    for (FinancialYear y = y2016; y < *s.first_change(); y = y.next())
      CHECK(fingerprint(b.ledger(s.id, y, y2019)) == fingerprint(b.ledger("data", y, y2019)));
    // The document of that year: every scenario cell equals the reference cell beside it.
    Comparison c;
    c.years = {y2016};
    c.reference = Side{"data", "Baseline", "", {}, b.builder->build("data", y2019, b.diagnostics).model};
    c.reference.ledgers.emplace(2016, b.ledger("data", y2016, y2019));
    c.scenarios.push_back(Side{s.id, s.title, "", {}, b.builder->build(s.id, y2019, b.diagnostics).model});
    c.scenarios.back().ledgers.emplace(2016, b.ledger(s.id, y2016, y2019));
    report::Document doc = whatif_document(c, *b.data);
    REQUIRE(report::complete_document(doc).empty());
    for (const auto& block : doc.blocks)
      if (const auto* t = std::get_if<report::Table>(&block)) {
        const auto ref = *report::column_index(*t, "reference"), amount = *report::column_index(*t, "s1");
        for (const auto& row : t->rows) CHECK(row.cells[ref].value == row.cells[amount].value);
      }
  }
}

TEST_CASE("percentages change pence exactly, half up to the penny") {
  auto pct = [](const char* text) { return parse_percent(text).value(); };
  CHECK(change_by_percent(Money::from_pence(12677753300), pct("-5%")).pence() == 12043865635);
  CHECK(change_by_percent(Money::from_pence(10), pct("-5%")).pence() == 10);   // 9.5 -> 10
  CHECK(change_by_percent(Money::from_pence(30), pct("-5%")).pence() == 29);   // 28.5 -> 29
  CHECK(change_by_percent(Money::from_pence(1), pct("50%")).pence() == 2);     // 1.5 -> 2
  CHECK(change_by_percent(Money::from_pence(-1), pct("50%")).pence() == -2);   // halves away from zero
  CHECK(change_by_percent(Money::from_pence(100), pct("0.0001%")).pence() == 100);
  CHECK(change_by_percent(Money::from_pence(1000000), pct("0.0001%")).pence() == 1000001);
}

TEST_CASE("the draft refuses edits before the step, of non-participants, and below zero") {
  Bundled b;
  Model copy = *b.data;
  project(copy, y2018);
  Draft d(std::move(copy), {y2016, y2017, y2018});
  d.begin_step(y2017, {"data/scenarios/t.json", 4, 5});
  CHECK_THROWS_WITH(d.withdraw("derbyshire", "emsou-forensics", y2016),
                    Catch::Contains("the step starts in 2017/18, and the years before a step stay the baseline's"));
  CHECK_THROWS_WITH(d.withdraw("lincolnshire", "emchrs-ld", y2017),
                    Catch::Contains("'lincolnshire' does not take part in 'emchrs-ld' in 2017/18"));
  CHECK_THROWS_WITH(d.join("derbyshire", "emchrs-ld", y2017), Catch::Contains("already takes part"));
  CHECK_THROWS_WITH(d.set_budget("emsou-soc", y2017, {Money::from_pence(-1), std::nullopt}),
                    Catch::Contains("a budget cannot be negative"));
  CHECK_THROWS_WITH(d.set_grant("nottinghamshire", y2018.next(), Money{}), Catch::Contains("the scenario computes years up to 2018/19"));
  CHECK_THROWS_WITH(d.add_unit({"emsou-soc", "x", {"derbyshire"}, y2017}), Catch::Contains("exists already"));
  CHECK_THROWS_WITH(d.add_unit({"tri", "x", {"derbyshire", "derbyshire"}, y2017}), Catch::Contains("listed twice"));
  // Nothing refused changed anything; a good edit splits the period at the step's year only.
  d.withdraw("derbyshire", "emsou-forensics", y2017);
  const Collaboration& f = *d.model().collaboration("emsou-forensics");
  CHECK(f.participants_in(y2016)->forces->size() == 5);
  CHECK(f.participants_in(y2017)->forces->size() == 4);
  CHECK(f.participants_in(y2018)->forces->size() == 4);  // the register's 2018/19 period too
  CHECK(f.participants_in(y2017)->where.line == 4);
}

TEST_CASE("projection copies the last year flat and says which years it made up") {
  Bundled b;
  Model copy = *b.data;
  const Projection p = project(copy, y2019);
  CHECK(p.last_budgeted == y2016);
  CHECK(p.last_granted == FinancialYear::starting(2015));
  CHECK(p.budget_years == std::vector<FinancialYear>{y2017, y2018, y2019});
  CHECK(p.grant_years == std::vector<FinancialYear>{y2016, y2017, y2018, y2019});
  CHECK_FALSE(p.projected(y2016));
  CHECK(copy.central_grant("lincolnshire", y2019) == b.data->central_grant("lincolnshire", FinancialYear::starting(2015)));
}


TEST_CASE("uplift compounds every budget by its percentage a year, half up to the penny each year") {
  Inline s(R"({"rule": "uplift", "from": "2017/18", "params": {"by": "2%"}})");
  const Built m = s.built(y2018);
  REQUIRE(m.status == Applied::Ok);
  // EMSOU SOC, £9,568,875: x 1.02 = £9,760,252.50 in 2017/18, x 1.02 again = £9,955,457.55.
  CHECK(budget_of(*m.model, "emsou-soc", y2016).pence() == 956887500);
  CHECK(budget_of(*m.model, "emsou-soc", y2017).pence() == 976025250);
  CHECK(budget_of(*m.model, "emsou-soc", y2018).pence() == 995545755);
  // The pence are apportioned too: the parts still add up to the budget exactly.
  CHECK(s.ledger(y2018).find("emsou-soc", ContributionKind::Cash)->total().pence() == 995545755);
}

TEST_CASE("budget_change moves one unit's budget by a percentage or to an amount") {
  Inline by(R"({"rule": "budget_change", "from": "2017/18", "params": {"unit": "em-legal", "by": "+10%"}})");
  CHECK(budget_of(*by.built(y2018).model, "em-legal", y2017).pence() == 154649000);  // £1,405,900 + 10%
  CHECK(budget_of(*by.built(y2018).model, "em-legal", y2018).pence() == 154649000);  // once, not again
  CHECK(budget_of(*by.built(y2018).model, "emsou-soc", y2017).pence() == 956887500);
  Inline to(R"({"rule": "budget_change", "from": "2018/19", "params": {"unit": "em-legal", "to": "£2,000,000"}})");
  CHECK(budget_of(*to.built(y2018).model, "em-legal", y2017).pence() == 140590000);
  CHECK(budget_of(*to.built(y2018).model, "em-legal", y2018).pence() == 200000000);
}

TEST_CASE("grant_change to an amount sets one force's grant from the step's year on") {
  Inline s(R"({"rule": "grant_change", "from": "2017/18", "params": {"forces": "lincolnshire", "to": 70000000}})");
  const Built m = s.built(y2018);
  CHECK(m.model->central_grant("lincolnshire", y2016)->pence() == 5906493900);
  CHECK(m.model->central_grant("lincolnshire", y2017)->pence() == 7000000000);
  CHECK(m.model->central_grant("derbyshire", y2017)->pence() == 10040576800);
}

TEST_CASE("new_unit creates a unit whose budget its participants share by the region's formula") {
  // Tri-force, £1,000,000: the published shares 23.0 (Leics) 14.7 (Northants) 27.6 (Notts) add
  // to 65.3 and renormalise to 35.2 / 22.5 / 42.3%: £352,000 / £225,000 / £423,000 exactly.
  Inline s(R"({"rule": "new_unit", "from": "2017/18", "params": {"id": "tri-force-it", "name": "Tri-force IT",
               "cash": 1000000, "participants": ["leicestershire", "northamptonshire", "nottinghamshire"]}})");
  CHECK(parts(s.ledger(y2017), "tri-force-it") ==
        std::map<std::string, int64_t>{{"leicestershire", 352000}, {"northamptonshire", 225000}, {"nottinghamshire", 423000}});
  CHECK(s.ledger(y2016).find("tri-force-it", ContributionKind::Cash) == nullptr);
}

TEST_CASE("switch_formula splits a unit by another formula from the step's year") {
  // Equal shares of £1,405,900 among five: £281,180 each, exactly.
  Inline s(R"({"rule": "switch_formula", "from": "2017/18", "params": {"unit": "em-legal", "formula": "equal_share"}})");
  for (const auto& [force, pounds] : parts(s.ledger(y2017), "em-legal")) CHECK(pounds == 281180);
  CHECK(parts(s.ledger(y2016), "em-legal").at("nottinghamshire") == 388029);  // the grant share before
  Inline unknown(R"({"rule": "switch_formula", "from": "2017/18", "params": {"unit": "em-legal", "formula": "equal_shares"}})");
  CHECK(unknown.built(y2018).status == Applied::Refused);
  CHECK(format_diagnostic(unknown.b.diagnostics.items().back()).find("unknown formula 'equal_shares'") != std::string::npos);
}

TEST_CASE("a scenario file's faults are errors at their line:column in one pass") {
  Bundled b;
  Diagnostics d;
  auto s = parse_scenario("data/scenarios/t.json", "t", R"({
  "id": "t", "title": "T", "years": "2016/17..2015/16", "baseline": "data",
  "steps": [
    {"rule": "join", "from": "2014/15", "params": {}},
    {"rul": "join", "from": "2017/18"},
    {"rule": "join", "from": "2017-18x"}
  ]
})", *b.data, d);
  REQUIRE(s);  // kept, with the steps that could be read, so their rules are checked too
  CHECK(s->steps.empty());
  std::vector<std::string> got;
  for (const auto& item : d.items()) got.push_back(item.where.str() + " " + item.message);
  CHECK(got == std::vector<std::string>{
                   "data/scenarios/t.json:2:37 'years' \"2016/17..2015/16\" is not a range of years",
                   "data/scenarios/t.json:4:30 the step's year 2014/15 is before the data's first budgeted year, 2016/17",
                   "data/scenarios/t.json:5:13 unknown field 'rul' in a step",
                   "data/scenarios/t.json:5:5 missing field 'rule'",
                   "data/scenarios/t.json:6:30 invalid financial year '2017-18x': expected a year and the next, like '2016/17'"});
}

TEST_CASE("baselines must exist and must not come back round") {
  Diagnostics d;
  auto make = [](std::string id, std::string baseline) {
    Scenario s;
    s.id = std::move(id);
    s.baseline = std::move(baseline);
    s.baseline_where = {"data/scenarios/" + s.id + ".json", 1, 40};
    return s;
  };
  std::vector<Scenario> all{make("a", "b"), make("b", "c"), make("c", "a"), make("d", "data"), make("e", "dd"),
                            make("f", "d")};
  check_baselines(all, d);
  REQUIRE(all.size() == 2);
  CHECK(all[0].id == "d");
  CHECK(all[1].id == "f");
  REQUIRE(d.errors() == 4);
  CHECK(d.items()[0].message == "a cycle of baselines: a -> b -> c -> a");
  CHECK(d.items()[3].message == "unknown baseline 'dd'");
  CHECK(d.items()[3].hint == "did you mean 'd'? (\"data\" or a scenario's id)");
}
