// collab.record.*: the model's published tables copied into fresh Lua tables. A small writer
// keeps each copy to a few lines per field; nothing here computes a figure.

#include "api/record_api.h"

#include <fmt/format.h>

#include "api/arguments.h"
#include "load/checks.h"
#include "model/year_holdings.h"

namespace collab::api {

namespace {

// Pushes fields onto the table on top of the stack.
class Fields {
 public:
  explicit Fields(lua_State* L, int narr = 0, int nrec = 8) : L_(L) { lua_createtable(L, narr, nrec); }
  Fields& text(const char* key, std::string_view value) {
    lua_pushlstring(L_, value.data(), value.size());
    lua_setfield(L_, -2, key);
    return *this;
  }
  Fields& text_if(const char* key, const std::string& value) { return value.empty() ? *this : text(key, value); }
  Fields& integer(const char* key, int64_t value) {
    lua_pushinteger(L_, value);
    lua_setfield(L_, -2, key);
    return *this;
  }
  Fields& money(const char* key, const std::optional<Money>& value) {
    return value ? integer(key, value->pence()) : *this;
  }
  Fields& percent(const char* key, const std::optional<Percent>& value) {
    if (!value) return *this;
    lua_pushnumber(L_, static_cast<double>(value->units()) / static_cast<double>(Percent::kUnitsPerPercent));
    lua_setfield(L_, -2, key);
    return *this;
  }
  Fields& boolean(const char* key, const std::optional<bool>& value) {
    if (!value) return *this;
    lua_pushboolean(L_, *value ? 1 : 0);
    lua_setfield(L_, -2, key);
    return *this;
  }
  Fields& year(const char* key, const std::optional<FinancialYear>& value) {
    return value ? text(key, value->str()) : *this;
  }
  Fields& date(const char* key, const std::optional<PartialDate>& value) { return value ? text(key, value->str()) : *this; }
  Fields& strings(const char* key, const std::vector<std::string>& items) {
    lua_createtable(L_, static_cast<int>(items.size()), 0);
    for (size_t i = 0; i < items.size(); ++i) {
      lua_pushlstring(L_, items[i].data(), items[i].size());
      lua_rawseti(L_, -2, static_cast<lua_Integer>(i + 1));
    }
    lua_setfield(L_, -2, key);
    return *this;
  }
  Fields& amounts(const char* key, const std::map<ForceId, Money>& items) {
    lua_createtable(L_, 0, static_cast<int>(items.size()));
    for (const auto& [force, amount] : items) {
      lua_pushinteger(L_, amount.pence());
      lua_setfield(L_, -2, force.c_str());
    }
    lua_setfield(L_, -2, key);
    return *this;
  }
  Fields& source(const Source& s) {
    Fields(L_, 0, 3).text("document", s.document).text("table", s.table).text_if("note", s.note);
    lua_setfield(L_, -2, "source");
    return *this;
  }
  /// Sets the value on top (pushed by the caller after this table) as field `key`.
  Fields& set(const char* key) {
    lua_setfield(L_, -2, key);
    return *this;
  }

 private:
  lua_State* L_;
};

// A list of items, each pushed by `push`.
template <class T, class Push>
void push_list(lua_State* L, const std::vector<T>& items, Push push) {
  lua_createtable(L, static_cast<int>(items.size()), 0);
  for (size_t i = 0; i < items.size(); ++i) {
    push(L, items[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

const Model& model_of(lua_State* L) { return *api_context(L).model; }

const char* total_of_name(TotalOf of) {
  switch (of) {
    case TotalOf::Cash: return "cash";
    case TotalOf::InKind: return "in_kind";
    case TotalOf::All: return "all";
  }
  return "all";
}

int documents(lua_State* L) {
  push_list(L, model_of(L).documents, [](lua_State* S, const Document& d) {
    Fields(S).text("id", d.id).text("title", d.title).text("date", d.date).text("file", d.file);
  });
  return 1;
}

// collab.record.contributions(year): the published contributions table of `year`, or nil.
int contributions(lua_State* L) {
  const FinancialYear year = year_arg(L, 1);
  for (const PublishedContributions& t : model_of(L).published_contributions) {
    if (t.year != year) continue;
    Fields table(L);
    table.year("year", t.year).source(t.source);
    push_list(L, t.columns, [](lua_State* S, const PublishedColumn& c) {
      Fields(S).text("force", c.force).text("label", c.label).percent("percent", c.percent);
    });
    table.set("columns");
    push_list(L, t.rows, [](lua_State* S, const PublishedRow& r) {
      Fields(S).text("unit", r.unit.value_or("")).text("label", r.label)
          .text("kind", r.kind == ContributionKind::Cash ? "cash" : "in_kind").amounts("amounts", r.amounts)
          .money("total", r.published_total);
    });
    table.set("rows");
    push_list(L, t.totals, [](lua_State* S, const PublishedTotalRow& r) {
      Fields(S).text("label", r.label).text("of", total_of_name(r.of)).amounts("amounts", r.amounts)
          .money("total", r.published_total);
    });
    table.set("totals");
    return 1;
  }
  lua_pushnil(L);
  return 1;
}

// collab.record.grants(): every central grant table, in data order.
int grants(lua_State* L) {
  push_list(L, model_of(L).central_grants, [](lua_State* S, const GrantTable& t) {
    Fields(S).year("year", t.year).source(t.source).amounts("amounts", t.amounts).money("total", t.published_total);
  });
  return 1;
}

// collab.record.formula_shares(): every published formula-share table.
int formula_shares(lua_State* L) {
  push_list(L, model_of(L).published_formula, [](lua_State* S, const FormulaShareTable& t) {
    Fields f(S);
    f.year("year", t.year).text("label", t.label).source(t.source).percent("total", t.published_total);
    lua_createtable(S, 0, static_cast<int>(t.shares.size()));
    for (const auto& [force, share] : t.shares) {
      lua_pushnumber(S, static_cast<double>(share.units()) / static_cast<double>(Percent::kUnitsPerPercent));
      lua_setfield(S, -2, force.c_str());
    }
    f.set("shares");
  });
  return 1;
}

int savings_baseline(lua_State* L) {
  const auto& s = model_of(L).savings_against_baseline;
  if (!s) return lua_pushnil(L), 1;
  Fields f(L);
  f.source(s->source).money("total", s->published_total).percent("percent", s->published_percent);
  push_list(L, s->rows, [](lua_State* S, const BaselineSaving& r) {
    Fields(S).text("unit", r.unit.value_or("")).text("label", r.label).date("established", r.established)
        .money("saving", r.annual_saving).percent("percent", r.percent_of_baseline).boolean("cashable", r.cashable)
        .text("comment", r.comment);
  });
  f.set("rows");
  return 1;
}

int savings_by_year(lua_State* L) {
  const auto& s = model_of(L).savings_by_year;
  if (!s) return lua_pushnil(L), 1;
  Fields f(L);
  f.source(s->source).money("target", s->published_target).money("actual", s->published_actual);
  push_list(L, s->rows, [](lua_State* S, const YearSaving& r) {
    Fields(S).year("year", r.year).money("target", r.target).money("actual", r.actual).boolean("projected", r.projected);
  });
  f.set("rows");
  return 1;
}

int headlines(lua_State* L) {
  push_list(L, model_of(L).headline_savings, [](lua_State* S, const HeadlineSaving& h) {
    Fields f(S);
    f.text("id", h.id).text("text", h.text).money("amount", h.amount).money("per_year", h.per_year).source(h.source)
        .text("scope", h.scope).strings("forces", h.forces).percent("share_of_requirement", h.share_of_requirement);
    if (h.share_of_requirement) f.boolean("share_above", h.share_above);
    if (h.from_year) f.integer("from_year", *h.from_year);
    if (h.to_year) f.integer("to_year", *h.to_year);
  });
  return 1;
}

int workforce(lua_State* L) {
  const auto& w = model_of(L).workforce;
  if (!w) return lua_pushnil(L), 1;
  Fields f(L);
  f.date("as_at", w->as_at).source(w->source).text_if("region_note", w->region_note)
      .percent("officer_share", w->published_officer_share).percent("staff_share", w->published_staff_share)
      .percent("total_share", w->published_total_share);
  auto headcount = [&](const char* key, const std::optional<Headcount>& h) {
    if (!h) return;
    Fields(L).integer("officers", h->officers).integer("staff", h->staff).integer("total", h->total);
    f.set(key);
  };
  headcount("total", w->published_total);
  headcount("region", w->region_total);
  push_list(L, w->rows, [](lua_State* S, const WorkforceRow& r) {
    Fields g(S);
    g.text("function", r.function).strings("units", r.units).integer("officers", r.officers).integer("staff", r.staff);
    if (r.published_total) g.integer("total", *r.published_total);
  });
  f.set("rows");
  return 1;
}

int business_cases(lua_State* L) {
  const auto& b = model_of(L).business_cases;
  if (!b) return lua_pushnil(L), 1;
  Fields f(L);
  f.source(b->source);
  push_list(L, b->rows, [](lua_State* S, const BusinessCase& r) {
    Fields(S).text("function", r.function).strings("units", r.units).money("budget", r.budget_without_collaboration)
        .money("saving", r.saving).percent("percent", r.percent);
  });
  f.set("rows");
  return 1;
}

int retained_resources(lua_State* L) {
  const auto& r = model_of(L).retained_resources;
  if (!r) return lua_pushnil(L), 1;
  Fields f(L);
  f.source(r->source).money("total", r->published_total);
  push_list(L, r->rows, [](lua_State* S, const RetainedResource& x) {
    Fields(S).text("force", x.force).integer("officers", x.officers).integer("staff", x.staff).money("cost", x.approximate_cost);
  });
  f.set("rows");
  return 1;
}

int forecast(lua_State* L) {
  const auto& fc = model_of(L).forecast;
  if (!fc) return lua_pushnil(L), 1;
  Fields f(L);
  f.source(fc->source);
  std::vector<std::string> years;
  for (FinancialYear y : fc->years) years.push_back(y.str());
  f.strings("years", years);
  push_list(L, fc->rows, [](lua_State* S, const ForecastRow& r) {
    Fields g(S);
    g.text("label", r.label).money("total", r.published_total).strings("sum_of", r.sum_of);
    lua_createtable(S, static_cast<int>(r.values.size()), 0);
    for (size_t i = 0; i < r.values.size(); ++i) {
      lua_pushinteger(S, r.values[i].pence());
      lua_rawseti(S, -2, static_cast<lua_Integer>(i + 1));
    }
    g.set("values");
  });
  f.set("rows");
  push_list(L, fc->assumptions, [](lua_State* S, const ForecastAssumption& a) {
    Fields(S).text("text", a.text).text("kind", a.kind).percent("percent", a.percent);
  });
  f.set("assumptions");
  return 1;
}

int programme(lua_State* L) {
  const auto& p = model_of(L).programme;
  if (!p) return lua_pushnil(L), 1;
  Fields f(L);
  f.source(p->source).money("team_cost", p->team_cost_per_year).year("team_year", p->team_year)
      .text_if("team_funding", p->team_funding);
  push_list(L, p->projects, [](lua_State* S, const ProgrammeProject& x) {
    Fields g(S);
    g.text("name", x.name).text("area", x.area).text("status", x.status).text("period", x.period.value_or(""))
        .strings("apacs", x.apacs).strings("units", x.units).text_if("unit_note", x.unit_note);
    lua_createtable(S, static_cast<int>(x.psa.size()), 0);
    for (size_t i = 0; i < x.psa.size(); ++i) {
      lua_pushinteger(S, x.psa[i]);
      lua_rawseti(S, -2, static_cast<lua_Integer>(i + 1));
    }
    g.set("psa");
  });
  f.set("projects");
  return 1;
}

int innovation_fund(lua_State* L) {
  push_list(L, model_of(L).innovation_fund, [](lua_State* S, const InnovationRound& r) {
    Fields f(S);
    f.text("round", r.round).year("year", r.year).source(r.source);
    push_list(S, r.bids, [](lua_State* T, const InnovationBid& b) {
      Fields(T).text("lead", b.lead.value_or("")).text("lead_force", b.lead_force.value_or("")).strings("others", b.others)
          .strings("other_forces", b.other_forces).text("description", b.description).money("value", b.value)
          .text_if("printed", b.printed).strings("units", b.units).text_if("note", b.note);
    });
    f.set("bids");
  });
  return 1;
}

int cost_comparisons(lua_State* L) {
  const auto& c = model_of(L).cost_comparisons;
  if (!c) return lua_pushnil(L), 1;
  Fields f(L);
  f.source(c->source).year("year", c->year).text("measure", c->measure).text("average", c->average)
      .money("net_revenue_expenditure", c->net_revenue_expenditure).text_if("note", c->note);
  if (c->population) f.integer("population", *c->population);
  push_list(L, c->rows, [](lua_State* S, const CostComparison& r) {
    Fields(S).text("function", r.function).strings("units", r.units).percent("difference", r.difference).text("quote", r.quote);
  });
  f.set("rows");
  return 1;
}

int stated_budgets(lua_State* L) {
  push_list(L, model_of(L).stated_budgets, [](lua_State* S, const StatedBudget& b) {
    Fields(S).text("id", b.id).year("year", b.year).text_if("unit", b.unit.value_or("")).text("what", b.what)
        .money("amount", b.amount).text_if("bound", b.bound).money("saving", b.saving).text("quote", b.quote)
        .source(b.source).text_if("note", b.note);
  });
  return 1;
}

void push_cells(lua_State* L, const std::vector<PrintedCell>& cells) {
  push_list(L, cells, [](lua_State* S, const PrintedCell& c) { Fields(S, 0, 2).money("amount", c.amount).text_if("printed", c.printed); });
}

int increased_funding(lua_State* L) {
  const auto& t = model_of(L).increased_funding;
  if (!t) return lua_pushnil(L), 1;
  Fields f(L);
  f.source(t->source);
  std::vector<std::string> years;
  for (FinancialYear y : t->years) years.push_back(y.str());
  f.strings("years", years);
  push_list(L, t->rows, [](lua_State* S, const FundingRow& r) {
    Fields g(S);
    g.text("label", r.label).text_if("note", r.note);
    push_cells(S, r.cells);
    g.set("cells");
  });
  f.set("rows");
  push_cells(L, t->total);
  f.set("total");
  return 1;
}

int governance(lua_State* L) {
  const Governance& g = model_of(L).governance;
  Fields f(L);
  push_list(L, g.portfolios, [](lua_State* S, const PortfolioLeads& p) {
    Fields t(S);
    t.text("id", p.id).text("role", p.role).year("year", p.year).source(p.source);
    push_list(S, p.leads, [](lua_State* T, const PortfolioLead& l) {
      Fields(T).text("portfolio", l.portfolio).text_if("force", l.force.value_or("")).text("lead", l.lead)
          .strings("units", l.units).text_if("note", l.note);
    });
    t.set("leads");
  });
  f.set("portfolios");
  push_list(L, g.boards, [](lua_State* S, const Board& b) {
    Fields t(S);
    t.text("id", b.id).text("name", b.name).text_if("role", b.role).text_if("meets", b.meets).text_if("since", b.since)
        .text("quote", b.quote).source(b.source);
    if (b.times_per_year) t.integer("times_per_year", *b.times_per_year);
  });
  f.set("boards");
  return 1;
}

// collab.record.years(): what the data holds for each year, as `collab summary` lists it.
int years(lua_State* L) {
  auto push_items = [](lua_State* S, const std::vector<YearHolding>& items) {
    push_list(S, items, [](lua_State* T, const YearHolding& h) { Fields(T, 0, 2).text("kind", h.kind).text("what", h.what); });
  };
  const auto held = holdings_by_year(model_of(L));
  push_list(L, held, [&](lua_State* S, const YearHoldings& y) {
    Fields f(S);
    f.year("year", y.year).boolean("unit_budgets", y.has_unit_budgets());
    push_items(S, y.items);
    f.set("items");
  });
  return 1;
}

// collab.record.savings_links(): each business case with the later baseline savings of its units.
int savings_links(lua_State* L) {
  push_list(L, collab::savings_links(model_of(L)), [](lua_State* S, const SavingsLink& link) {
    Fields f(S);
    f.text("function", link.business_case->function).strings("units", link.business_case->units)
        .money("case_saving", link.business_case->saving).money("case_budget", link.business_case->budget_without_collaboration);
    push_list(S, link.baseline, [](lua_State* T, const BaselineSaving* b) {
      Fields(T).text("label", b->label).text("unit", b->unit.value_or("")).money("saving", b->annual_saving)
          .percent("percent", b->percent_of_baseline);
    });
    f.set("baseline");
  });
  return 1;
}

void push_period(lua_State* L, const ParticipationPeriod& p) {
  Fields f(L);
  f.year("from", p.from).text_if("note", p.note).text_if("why", p.why).source(p.source);
  if (p.forces) f.strings("forces", *p.forces);
  if (p.count) f.integer("count", *p.count);
}

// collab.record.register(): every collaboration with the register's facts.
int register_(lua_State* L) {
  push_list(L, model_of(L).collaborations, [](lua_State* S, const Collaboration& c) {
    Fields f(S, 0, 16);
    f.text("id", c.id).text("name", c.name).text("short_name", c.short_name).text_if("parent", c.parent.value_or(""))
        .text_if("portfolio", c.portfolio).text("section22", c.section22 == Section22::National ? "national" : "regional")
        .text("status", status_name(c.status.kind)).text_if("stage", c.status.stage)
        .text_if("rationale", c.status.rationale).text_if("comments", c.comments);
    if (c.established) f.date("established", c.established->value);
    if (c.source) f.source(*c.source);
    push_list(S, c.participants, push_period);
    f.set("participants");
    Fields leads(S);
    leads.text_if("pcc", c.leads.pcc.value_or("")).text_if("chief_officer", c.leads.chief_officer)
        .text_if("operational", c.leads.operational).text_if("finance", c.leads.finance.value_or(""));
    f.set("leads");
    lua_createtable(S, 0, static_cast<int>(c.host_services.size()));
    for (const auto& [force, services] : c.host_services) {
      lua_createtable(S, static_cast<int>(services.size()), 0);
      for (size_t i = 0; i < services.size(); ++i) {
        lua_pushlstring(S, services[i].data(), services[i].size());
        lua_rawseti(S, -2, static_cast<lua_Integer>(i + 1));
      }
      lua_setfield(S, -2, force.c_str());
    }
    f.set("host_services");
  });
  return 1;
}

// collab.record.disagreements(): each place two documents disagree, as `collab check` lists it.
int disagreements(lua_State* L) {
  Diagnostics found;
  load::check_disagreements(model_of(L), found);
  lua_createtable(L, static_cast<int>(found.items().size()), 0);
  lua_Integer i = 0;
  for (const Diagnostic& d : found.items()) {
    Fields(L).text("message", d.message).text_if("why", d.hint).text("where", d.where.str())
        .text("severity", d.severity == Severity::Note ? "note" : d.severity == Severity::Warning ? "warning" : "error");
    lua_rawseti(L, -2, ++i);
  }
  return 1;
}

}  // namespace

void install_record_api(lua::Sandbox& sandbox, ApiContext& context) {
  static const luaL_Reg kFunctions[] = {
      {"documents", documents},
      {"contributions", contributions},
      {"grants", grants},
      {"formula_shares", formula_shares},
      {"savings_baseline", savings_baseline},
      {"savings_by_year", savings_by_year},
      {"headlines", headlines},
      {"workforce", workforce},
      {"business_cases", business_cases},
      {"retained_resources", retained_resources},
      {"forecast", forecast},
      {"programme", programme},
      {"innovation_fund", innovation_fund},
      {"register", register_},
      {"disagreements", disagreements},
      {"cost_comparisons", cost_comparisons},
      {"stated_budgets", stated_budgets},
      {"increased_funding", increased_funding},
      {"governance", governance},
      {"years", years},
      {"savings_links", savings_links},
  };
  sandbox.expose("collab.record", kFunctions, &context);
}

}  // namespace collab::api
