// The sweep's pieces: exact percentiles in bounded memory against sorting everything; the draws
// depending on (seed, index) alone; the spec read strictly.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <numeric>

#include "core/splitmix.h"
#include "load/loader.h"
#include "formula/formula_library.h"
#include "scenario/rule_library.h"
#include "scenario/scenario_builder.h"
#include "scenario/scenario_loader.h"
#include "sweep/draws.h"
#include "sweep/engine.h"
#include "sweep/plan_engine.h"
#include "sweep/run.h"
#include "sweep/spec.h"
#include "sweep/stats.h"
#include "test_support.h"

using namespace collab;
using namespace collab::sweep;

namespace {

// The figures by sorting every value: what Summary must match.
Figures sorted_figures(std::vector<std::int64_t> v) {
  std::sort(v.begin(), v.end());
  Figures f;
  f.count = v.size();
  f.min = v.front();
  f.max = v.back();
  f.p5 = v[nearest_rank(5, v.size()) - 1];
  f.p50 = v[nearest_rank(50, v.size()) - 1];
  f.p95 = v[nearest_rank(95, v.size()) - 1];
  Int128 sum = 0;
  for (auto x : v) sum += x;
  const Int128 n = static_cast<Int128>(v.size());
  const Int128 m = sum < 0 ? -sum : sum;
  const Int128 r = (2 * m + n) / (2 * n);
  f.mean = static_cast<std::int64_t>(sum < 0 ? -r : r);
  return f;
}

// Summary over `v`, replaying it (shuffled differently each pass) until it is done.
Figures streamed(const std::vector<std::int64_t>& v, std::size_t bins, std::size_t cap, int* passes = nullptr,
                 bool windows = false) {
  Summary s(bins, cap, windows);
  std::vector<std::int64_t> order = v;
  SplitMix64 random(99);
  for (int pass = 1;; ++pass) {
    for (auto x : order) s.add(x);
    if (s.end_pass()) {
      if (passes) *passes = pass;
      return s.figures();
    }
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);
    REQUIRE(pass < 20);
  }
}

void require_same(const Figures& a, const Figures& b) {
  CHECK(a.count == b.count);
  CHECK(a.min == b.min);
  CHECK(a.max == b.max);
  CHECK(a.p5 == b.p5);
  CHECK(a.p50 == b.p50);
  CHECK(a.p95 == b.p95);
  CHECK(a.mean == b.mean);
}

}  // namespace

TEST_CASE("nearest rank is ceil(p n / 100), at least 1") {
  CHECK(nearest_rank(50, 300) == 150);
  CHECK(nearest_rank(5, 300) == 15);
  CHECK(nearest_rank(95, 301) == 286);  // 285.95 -> 286
  CHECK(nearest_rank(5, 1) == 1);
  CHECK(nearest_rank(50, 2) == 1);
}

TEST_CASE("Summary's percentiles equal sorting every value: small, wide, skewed, negative, constant") {
  SplitMix64 random(7);
  int passes = 0;
  SECTION("few values: one pass, kept exactly") {
    std::vector<std::int64_t> v;
    for (int i = 0; i < 300; ++i) v.push_back(random.between(-5'000'00, 5'000'00));
    require_same(streamed(v, 64, 1024, &passes), sorted_figures(v));
    CHECK(passes == 1);
  }
  SECTION("many values over a wide range: more passes, still exact") {
    std::vector<std::int64_t> v;
    for (int i = 0; i < 50'000; ++i) v.push_back(random.between(0, 4'000'000'000'000LL) + random.between(0, 99));
    require_same(streamed(v, 64, 256, &passes), sorted_figures(v));
    CHECK(passes >= 3);
  }
  SECTION("the whole int64 range") {
    std::vector<std::int64_t> v;
    for (int i = 0; i < 20'000; ++i) v.push_back(static_cast<std::int64_t>(random.next()));
    v.push_back(INT64_MIN);
    v.push_back(INT64_MAX);
    require_same(streamed(v, 16, 32), sorted_figures(v));
  }
  SECTION("clustered: most values in one bin, a few far out") {
    std::vector<std::int64_t> v(20'000, 1'234'567);
    for (int i = 0; i < 500; ++i) v[static_cast<std::size_t>(i)] = random.between(-1'000'000'000, 1'000'000'000);
    for (int i = 500; i < 8000; ++i) v[static_cast<std::size_t>(i)] += random.between(-3, 3);
    require_same(streamed(v, 32, 64), sorted_figures(v));
  }
  SECTION("constant") {
    std::vector<std::int64_t> v(10'000, -42);
    require_same(streamed(v, 8, 16), sorted_figures(v));
  }
  SECTION("means round halves away from zero") {
    require_same(streamed({1, 2}, 8, 16), sorted_figures({1, 2}));    // 1.5 -> 2
    require_same(streamed({-1, -2}, 8, 16), sorted_figures({-1, -2}));  // -1.5 -> -2
    CHECK(streamed({1, 2}, 8, 16).mean == 2);
    CHECK(streamed({-1, -2}, 8, 16).mean == -2);
  }
}

TEST_CASE("Summary with windows: one pass for independent draws, exact whatever the order") {
  SplitMix64 random(11);
  int passes = 0;
  SECTION("200,000 independent draws: one pass") {
    std::vector<std::int64_t> v;
    for (int i = 0; i < 200'000; ++i) v.push_back(random.between(90'000'000, 110'000'000) + random.between(0, 5'000'000));
    require_same(streamed(v, 4096, 8192, &passes, true), sorted_figures(v));
    CHECK(passes == 1);
    require_same(streamed(v, 4096, 8192, &passes, false), sorted_figures(v));
    CHECK(passes == 2);  // without windows: the second pass finds them
  }
  SECTION("skewed draws (a square of a uniform), small windows: one pass") {
    std::vector<std::int64_t> v;
    for (int i = 0; i < 100'000; ++i) {
      const std::int64_t u = random.between(0, 100'000);
      v.push_back(u * u);
    }
    require_same(streamed(v, 256, 1024, &passes, true), sorted_figures(v));
    CHECK(passes == 1);
  }
  SECTION("ascending values: the estimates leave their windows, and later passes stay exact") {
    std::vector<std::int64_t> v(50'000);
    std::iota(v.begin(), v.end(), -20'000);
    Summary s(64, 256, true);
    for (auto x : v) s.add(x);
    int pass = 1;
    while (!s.end_pass()) {
      for (auto x : v) s.add(x);
      REQUIRE(++pass < 20);
    }
    CHECK(pass > 1);
    require_same(s.figures(), sorted_figures(v));
  }
  SECTION("mostly equal values, and constant") {
    std::vector<std::int64_t> v(30'000, 777);
    for (int i = 0; i < 3'000; ++i) v[static_cast<std::size_t>(i) * 10] = random.between(-1'000, 1'000);
    require_same(streamed(v, 32, 64, &passes, true), sorted_figures(v));
    std::vector<std::int64_t> constant(20'000, -5);
    require_same(streamed(constant, 32, 64, &passes, true), sorted_figures(constant));
  }
}

TEST_CASE("a scenario's draws depend on the seed and its index alone, exact multiples of the resolution") {
  Spec spec;
  spec.resolution = 100;  // 0.01%
  Dimension d;
  d.lo = -100'000;
  d.hi = 100'000;
  spec.dimensions = {d, d, d};
  std::vector<std::int64_t> a(3), b(3), c(3);
  draw_values(spec, 5, 1234, a);
  draw_values(spec, 5, 7, c);  // another scenario between
  draw_values(spec, 5, 1234, b);
  CHECK(a == b);
  for (auto x : a) {
    CHECK(x % 100 == 0);
    CHECK(x >= -100'000);
    CHECK(x <= 100'000);
  }
  draw_values(spec, 6, 1234, c);
  CHECK(a != c);
  // The generator's first draws, as tests/bench/numpy_sweep.py reproduces them.
  SplitMix64 g(scenario_seed(1, 0));
  CHECK(g.next() == SplitMix64(1 ^ 0xd1b54a32d192ed03ULL).next());
}

TEST_CASE("a grid's points: every combination, ends included, last dimension fastest") {
  Spec spec;
  spec.method = Method::Grid;
  spec.grid_points = 3;
  spec.resolution = 100;
  Dimension d;
  d.lo = 0;
  d.hi = 10'000;  // 0% .. 1%
  spec.dimensions = {d, d};
  REQUIRE(spec.grid_size() == 9u);
  std::vector<std::int64_t> v(2);
  draw_values(spec, 1, 0, v);
  CHECK(v == std::vector<std::int64_t>{0, 0});
  draw_values(spec, 1, 1, v);
  CHECK(v == std::vector<std::int64_t>{0, 5000});
  draw_values(spec, 1, 8, v);
  CHECK(v == std::vector<std::int64_t>{10'000, 10'000});
}

TEST_CASE("a sweep spec is read strictly, each fault at its line:column") {
  auto outcome = load::load_data_set(COLLAB_SOURCE_DIR);
  REQUIRE(outcome.model);
  const Model& model = *outcome.model;
  auto errors_of = [&](const std::string& text) {
    Diagnostics d;
    auto spec = parse_spec("s.json", text, model, d);
    std::string all;
    for (const auto& item : d.items()) all += format_diagnostic(item) + "\n";
    return std::make_pair(spec.has_value(), all);
  };
  SECTION("a good one") {
    Diagnostics d;
    auto spec = parse_spec("s.json", R"({"year": "2017/18", "vary": [{"grants": "all", "by": ["-10%", "10%"]}]})", model, d);
    REQUIRE(spec);
    CHECK(spec->dimensions.size() == 5);
    CHECK(spec->dimensions[0].name == "grant:derbyshire");
    CHECK(spec->dimensions[0].lo == -100'000);
  }
  SECTION("together") {
    Diagnostics d;
    auto spec = parse_spec("s.json", R"({"year": "2017/18", "vary": [{"grants": "all", "by": ["-10%", "10%"], "each": false}]})", model, d);
    REQUIRE(spec);
    CHECK(spec->dimensions.size() == 1);
    CHECK(spec->dimensions[0].name == "grants:all");
    CHECK(spec->dimensions[0].forces.size() == 5);
  }
  auto [ok1, e1] = errors_of(R"({"year": "2017/18", "varry": [], "vary": [{"grants": "all", "by": ["-10%", "10%"]}]})");
  CHECK_FALSE(ok1);
  CHECK_THAT(e1, Catch::Contains("s.json:1:30") && Catch::Contains("unknown field 'varry'") && Catch::Contains("did you mean 'vary'"));
  auto [ok2, e2] = errors_of("{\"year\": \"2017/18\",\n \"vary\": [{\"grants\": [\"derbyshir\"], \"by\": [\"-10%\", \"10%\"]}]}");
  CHECK_FALSE(ok2);
  CHECK_THAT(e2, Catch::Contains("s.json:2:") && Catch::Contains("unknown force 'derbyshir'") && Catch::Contains("derbyshire"));
  auto [ok3, e3] = errors_of(R"({"year": "2017/18", "vary": [{"budgets": "emsou-soc", "by": ["10%", "-10%"]}]})");
  CHECK_THAT(e3, Catch::Contains("the range is empty: 10% is above -10%"));
  auto [ok4, e4] = errors_of(R"({"year": "2017/18", "vary": [{"budgets": "nope", "by": ["-1%", "1%"]}]})");
  CHECK_THAT(e4, Catch::Contains("unknown unit 'nope'"));
  auto [ok5, e5] = errors_of(R"({"year": "2017/18", "resolution": "0.1%", "vary": [{"budgets": "emsou-soc", "by": ["-1.05%", "1%"]}]})");
  CHECK_THAT(e5, Catch::Contains("not multiples of the resolution 0.1%"));
  auto [ok6, e6] = errors_of(R"({"year": "2017/18", "steps": [{"rule": "limit_change", "from": "2017/18", "params": {"cap": "5%"}}],
                                 "vary": [{"step": 1, "param": "floor", "range": ["1%", "5%"]}]})");
  CHECK_THAT(e6, Catch::Contains("step 1 (limit_change) has no parameter 'floor'"));
  auto [ok7, e7] = errors_of(R"({"year": "2017/18", "method": "grid", "points": 10, "vary": [{"grants": "all", "by": ["-10%", "10%"]}, {"budgets": "all", "by": ["-10%", "10%"]}]})");
  CHECK_THAT(e7, Catch::Contains("more than 10^9 points"));
  auto [ok8, e8] = errors_of(R"({"year": "2017/18", "vary": [{"grants": "all", "by": ["-100%", "10%"]}]})");
  CHECK_THAT(e8, Catch::Contains("-100% would leave nothing"));
}

namespace {

// The East Midlands with its formulae, rules and scenarios loaded, and a sweep's context.
struct Bench {
  std::shared_ptr<const Model> model;
  std::unique_ptr<formula::FormulaLibrary> formulae;
  std::unique_ptr<scenario::RuleLibrary> rules;
  std::unique_ptr<scenario::ScenarioBuilder> builder;
  std::optional<Context> context;

  explicit Bench(const std::string& spec_text, bool per_unit = false) {
    auto outcome = load::load_data_set(COLLAB_SOURCE_DIR);
    REQUIRE(outcome.model);
    model = outcome.model;
    Diagnostics d;
    formulae = formula::FormulaLibrary::load(COLLAB_SOURCE_DIR, model, d);
    rules = scenario::RuleLibrary::load(COLLAB_SOURCE_DIR, model, d);
    builder = std::make_unique<scenario::ScenarioBuilder>(model, scenario::load_scenarios(COLLAB_SOURCE_DIR, *model, d),
                                                          *rules, *formulae);
    builder->check(d);
    auto spec = parse_spec("s.json", spec_text, *model, d);
    REQUIRE(spec);
    context = make_context(std::move(*spec), COLLAB_SOURCE_DIR, {}, nullptr, model, *builder, *rules, *formulae, per_unit, d);
    for (const auto& item : d.items())
      if (item.severity == Severity::Error) FAIL(format_diagnostic(item));
    REQUIRE(context);
  }
};

}  // namespace

TEST_CASE("the general engine: nothing moved gives the baseline; a moved grant gives the ledger of the moved model") {
  Bench bench(R"({"year": "2017/18", "vary": [{"grants": "all", "by": ["-10%", "10%"]}]})", true);
  Diagnostics d;
  auto engine = make_general_engine(*bench.context, d);
  REQUIRE(engine);
  Totals totals;
  std::string why;
  const std::vector<std::int64_t> none(5, 0);
  REQUIRE(engine->evaluate(none, totals, why));
  CHECK(totals.force == bench.context->baseline.force);
  CHECK(totals.pair == bench.context->baseline.pair);
  std::int64_t sum = 0;
  for (auto v : totals.pair) sum += v;
  std::int64_t forces = 0;
  for (auto v : totals.force) forces += v;
  CHECK(sum == forces);  // every unit's parts add up to the forces' totals
  // Derbyshire's grant up 10% (the others as they are): it pays more, and the same scenario twice
  // (after another in between) gives the same figures.
  const std::vector<std::int64_t> derbys{100'000, 0, 0, 0, 0};
  REQUIRE(engine->evaluate(derbys, totals, why));
  const auto first = totals.force;
  CHECK(first[0] > bench.context->baseline.force[0]);
  REQUIRE(engine->evaluate(none, totals, why));
  REQUIRE(engine->evaluate(derbys, totals, why));
  CHECK(totals.force == first);
}

TEST_CASE("run_sweep: the same figures on one thread and two, and a failing scenario listed") {
  Bench bench(R"({"year": "2017/18", "vary": [{"grants": "all", "by": ["-10%", "10%"]}]})");
  auto run_with = [&](int threads) {
    std::vector<std::unique_ptr<Engine>> engines;
    for (int i = 0; i < threads; ++i) {
      Diagnostics d;
      engines.push_back(make_general_engine(*bench.context, d));
    }
    RunOptions options;
    options.runs = 64;
    options.seed = 3;
    options.threads = threads;
    return run_sweep(*bench.context, engines, options);
  };
  const RunResult one = run_with(1), two = run_with(2);
  REQUIRE(one.force.size() == 5);
  for (std::size_t f = 0; f < 5; ++f) {
    CHECK(one.force[f].p50 == two.force[f].p50);
    CHECK(one.force[f].mean == two.force[f].mean);
    CHECK(one.force[f].min <= one.force[f].p5);
    CHECK(one.force[f].p95 <= one.force[f].max);
  }
  CHECK(one.done == 64);
  CHECK(one.failed == 0);
}

// Two threads taking turns: every scenario waits for one on another thread, so a sweep on two
// threads completes only if both keep evaluating to the end. One whose caller's thread stops
// taking work (as oneTBB's does when the workers' stack size exceeds its own) waits it out.
struct Turns {
  std::mutex mutex;
  std::condition_variable changed;
  bool waiting = false;
  std::uint64_t phase = 0;
  bool alone = false;  // a scenario found no partner in time
  std::set<std::thread::id> seen;

  void meet() {
    std::unique_lock lock(mutex);
    seen.insert(std::this_thread::get_id());
    if (alone) return;
    if (waiting) {
      waiting = false;
      ++phase;
      changed.notify_all();
      return;
    }
    waiting = true;
    const std::uint64_t mine = phase;
    // Long enough for any scheduler: only a sweep that has stopped using a thread waits it out.
    if (!changed.wait_for(lock, std::chrono::minutes(2), [&] { return phase != mine; })) alone = true;
  }
};

class TurnTakingEngine final : public Engine {
 public:
  TurnTakingEngine(std::unique_ptr<Engine> inner, Turns& turns) : inner_(std::move(inner)), turns_(turns) {}
  bool evaluate(std::span<const std::int64_t> values, Totals& out, std::string& why) override {
    turns_.meet();
    return inner_->evaluate(values, out, why);
  }

 private:
  std::unique_ptr<Engine> inner_;
  Turns& turns_;
};

TEST_CASE("run_sweep on two threads keeps both evaluating to the end") {
  Bench bench(R"({"year": "2017/18", "vary": [{"grants": "all", "by": ["-10%", "10%"]}]})");
  Turns turns;
  std::vector<std::unique_ptr<Engine>> engines;
  for (int i = 0; i < 2; ++i) {
    Diagnostics d;
    engines.push_back(std::make_unique<TurnTakingEngine>(make_general_engine(*bench.context, d), turns));
  }
  RunOptions options;
  options.runs = 32;  // even, and one scenario per batch
  options.seed = 5;
  options.threads = 2;
  const RunResult result = run_sweep(*bench.context, engines, options);
  CHECK(result.done == 32);
  CHECK(turns.seen.size() == 2);
  CHECK_FALSE(turns.alone);
}

TEST_CASE("the plan engine gives the general engine's figures to the penny, per force and per unit") {
  for (const char* spec : {R"({"year": "2017/18", "vary": [{"grants": "all", "by": ["-10%", "10%"]}, {"budgets": "emsou-soc", "by": ["-20%", "20%"]}]})",
                           R"({"year": "2016/17", "vary": [{"grants": ["derbyshire", "lincolnshire"], "by": ["-30%", "30%"], "each": false}, {"budgets": "all", "by": ["-5%", "5%"]}]})"}) {
    Bench bench(spec, true);
    REQUIRE(plan_engine_fits(*bench.context));
    Diagnostics d;
    auto setup = compile_plan_setup(*bench.context, *bench.formulae, d);
    REQUIRE(setup);
    auto plan = make_plan_engine(*bench.context, setup, d);
    auto general = make_general_engine(*bench.context, d);
    REQUIRE(plan);
    REQUIRE(general);
    std::vector<std::int64_t> values(bench.context->spec.dimensions.size());
    int compared = 0;
    for (std::uint64_t i = 0; i < 200; ++i) {
      draw_values(bench.context->spec, 17, i, values);
      Totals a, b;
      std::string why_a, why_b;
      const bool ok_a = plan->evaluate(values, a, why_a);
      const bool ok_b = general->evaluate(values, b, why_b);
      REQUIRE(ok_a == ok_b);
      if (!ok_a) continue;
      REQUIRE(a.force == b.force);
      REQUIRE(a.pair == b.pair);
      ++compared;
    }
    CHECK(compared == 200);
  }
}

TEST_CASE("the plan engine does not take a spec whose steps are drawn") {
  Bench bench(R"({"year": "2017/18", "steps": [{"rule": "limit_change", "from": "2017/18", "params": {"cap": "5%"}}],
                  "vary": [{"step": 1, "param": "cap", "range": ["0%", "10%"]}]})");
  CHECK_FALSE(plan_engine_fits(*bench.context));
}
