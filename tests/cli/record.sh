#!/usr/bin/env bash
# The facts of the documents' texts: per-force savings, HMIC's cost comparisons, budgets of other
# years, governance and the links between the record's tables, as collab summary and collab check
# show them, and a year whose only budget is one region-wide figure is not split.
. "$(dirname "$0")/lib.sh"

expect summary 0 "savings the texts state:" -- summary --root "$src"
# pcc-leics-2018 ¶7: "Leicestershire's current annual collaborative savings are approximately
# £4.03m (£20.44m since 2010)".
check leicestershire 0 "leicestershire         £4,030,000 a year; £20,440,000 since 2010 (pcc-leics-2018, paragraph 7)"
# hmic-2013: "the planned saving from regional inter-force collaboration is 7% of the total savings
# requirement"; "apart from Derbyshire Constabulary, where only 1% of the savings requirement".
check region-7 0 "planned-7-percent            region                 7% of the savings requirement"
check derbyshire-1 0 "derbyshire-1-percent         derbyshire             1% of the savings requirement"
check others-above-7 0 "leicestershire, lincolnshire, northamptonshire, nottinghamshire more than 7% of the savings requirement"
# hmic-2013: "economic crime by 54% and procurement by 31% ... the serious and organised crime
# costs are 9% above the average ... major investigations ... slightly less ... (8%)".
check cost-economic 0 "    economic crime                      +54%  (emsou-ffi)"
check cost-procurement 0 "    procurement                         +31%  (em-strategic-commercial)"
check cost-soc 0 "    serious and organised crime          +9%  (emsou-soc)"
check cost-major 0 "    major investigations                 -8%  (emsou-mc)"
check cost-behind 0 "net revenue expenditure: not given; population: not given"
# Years: hmic-2013 "budgeted expenditure of £42m across these portfolios in 2012/13"; plan-2009
# "The team will cost £1.2m in 2009/10"; the 2016/17 table's budgets by unit.
check year-2012 0 "    2012/13 (no unit budgets)
      stated-budget    region-wide (not split by unit): £42,000,000"
check year-2009 0 "programme-team   the collaboration team's cost £1,200,000, funded in proportion to grant (plan-2009)"
check year-2016 0 "    2016/17
      budgets          9 unit budgets (cash £22,569,980, in kind £7,760,487), split by formula (pcp-2017)"
check undated-mc 0 "emsou-mc: £11,200,000 (EMSOU Major Crime Unit's budget, hmic-2013); saving £3,500,000"
# plan-2009 "Increased funding or saving": EMSOU 2.3 + Joint procurement 0.5 + Home Office 0.34 +
# ANPR "800k plus 260k" (1.06) in 2006/07.
check year-2006 0 "funding          increased funding or saving: 4 figures, £4,200,000 (plan-2009)"
# Governance: pcp-2017 "EMSOU: Lincolnshire PCC"; HMIC Figure 2 "Specialist Crime Portfolio (CC
# Mick Creedon)"; pcc-leics-2018 ¶20 "This meets bi-monthly"; plan-2009 "It meets five times a year".
check pcc-emsou 0 "    EMSOU                              Lincolnshire PCC (emsou)"
check cc-specialist 0 "    Specialist Crime                   CC Mick Creedon (emsou-ct, emsou-soc, emsou-forensics and 8 more)"
check board-bimonthly 0 "East Midlands Police and Crime Commissioners and Chief Constables Board meets bi-monthly (pcc-leics-2018)"
check board-five 0 "Collaboration Board                      meets five times a year (plan-2009)"
# Links: HMIC Figure 8's SOC case (4,000) and pcp-2017's SOC saving against baseline (5,143,835).
check link-soc 0 "    EMSOU SOC                  case £4,000,000 -> SERIOUS & ORGANISED CRIME £5,143,835"
check linked 0 "linked to units: 4 of 85 innovation fund bids, 12 of 37 2009 programme projects"

# A year with only a region-wide budget is said to be one, not split.
expect region-only-year 2 "2012/13 has only budgets stated as one figure, which no formula splits: region-wide (not split by unit): £42,000,000" -- contributions --root "$src" --year 2012/13
expect report-region-only-year 1 "the ledger of 2012/13 cannot be computed: no budgets for 2012/13 (2012/13 has only budgets stated as one figure, which no formula splits: region-wide (not split by unit): £42,000,000" -- report contributions --year 2012/13 --root "$src"
expect sixteen-still 0 "9,568,875" -- contributions --root "$src" --year 2016/17

# Cross-checks. HMIC: Major Crime "has a budget of £11.2m, which is a saving of £3.5m", so £14.7m
# before, against Figure 8's 15,000 (£000).
expect check 0 "collab check: 0 errors" -- check --root "$src"
check mc-before 0 "'emsou-mc' before collaboration: £11,200,000.00 + £3,500,000.00 saved = £14,700,000.00"
check mc-figure-8 0 "'Figure 8' row 'Major Crime' gives £15,000,000.00 without collaboration (difference -£300,000.00)"
# The funding table's TOTAL prints "xxx": the missing total is said, with what its rows add to.
check funding-total 0 "'section 5: The Regional Picture, Funding' (plan-2009) TOTAL is not printed ('xxx') for 5 of 5 years; the figures the rows print add up to: 2006/07 £4,200,000.00; 2007/08 £5,650,000.00 ('Automatic Number Plate Recognition project' prints 'xxx')"

# A board whose count of meetings does not follow from its words.
d=$(tree meets)
sed -i 's/"times_per_year": 6,/"times_per_year": 12,/' "$d/data/governance.json"
expect meets-mismatch 0 "board 'pcc-cc-board' meets 'bi-monthly', which is 6 times a year, but 'times_per_year' is 12" -- check --root "$d"
# A force's annual saving above the region's, from the same document.
d=$(tree leics-above-region)
sed -i 's/"per_year": "£4.03m",/"per_year": "£14.03m",/' "$d/data/savings.json"
expect leics-above-region 0 "headline 'leicestershire-annual': £14,030,000 a year for leicestershire is more than the region's £13,700,000" -- check --root "$d"
# Every force above the region's share cannot be: Derbyshire's 1% raised to 8%.
d=$(tree shares)
sed -i 's/"share_of_requirement": "1%"/"share_of_requirement": "8%"/' "$d/data/savings.json"
expect shares-all-above 0 "headline 'planned-7-percent': the region meets 7% of its savings requirement through collaboration, but every force is stated to meet more" -- check --root "$d"
# A PCC lead that the register does not give: EMOpSS given to Derbyshire.
d=$(tree pcc-lead)
python3 - "$d/data/governance.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p))
for lead in d["portfolios"][0]["leads"]:
    if lead["portfolio"] == "EMOpSS": lead["force"] = "derbyshire"
open(p, "w").write(json.dumps(d, indent=2))
PY
expect pcc-lead 0 "'EMOpSS' portfolio lead: derbyshire (Northamptonshire PCC; pcp-2017, 'Governance'), but the register's PCC lead for 'emopss' is northamptonshire" -- check --root "$d"

# The same facts reach Lua through collab.record.*: a report that prints them.
d=$(tree lua)
cat >"$d/scripts/reports/record-probe.lua" <<'LUA'
local lines = {}
local function say(...) lines[#lines + 1] = table.concat({ ... }, " ") end
for _, h in ipairs(collab.record.headlines()) do
  if h.scope == "forces" then say("headline", h.id, table.concat(h.forces, ","), tostring(h.per_year), tostring(h.share_of_requirement)) end
end
local c = collab.record.cost_comparisons()
for _, r in ipairs(c.rows) do say("cost", r["function"], tostring(r.difference), table.concat(r.units, ",")) end
say("population", tostring(c.population))
for _, b in ipairs(collab.record.stated_budgets()) do say("stated", b.id, tostring(b.year), tostring(b.unit), tostring(b.amount)) end
local f = collab.record.increased_funding()
say("funding", f.years[1], f.rows[4].label, tostring(f.rows[4].cells[1].amount), f.rows[4].cells[1].printed, f.total[1].printed, tostring(f.total[1].amount))
local g = collab.record.governance()
say("portfolio", g.portfolios[1].leads[4].portfolio, g.portfolios[1].leads[4].force)
say("board", g.boards[1].id, g.boards[1].meets, tostring(g.boards[1].times_per_year))
for _, y in ipairs(collab.record.years()) do say("year", y.year, tostring(y.unit_budgets), tostring(#y.items)) end
local l = collab.record.savings_links()[1]
say("link", l["function"], tostring(l.case_saving), l.baseline[1].label, tostring(l.baseline[1].saving))
local bid = collab.record.innovation_fund()[1].bids[4]
say("bid", tostring(bid.value), bid.printed, table.concat(bid.units, ","))
for _, p in ipairs(collab.record.programme().projects) do
  if p.name == "Hi-tech crime" then say("project", p.name, table.concat(p.units, ","), p.unit_note) end
end
for _, d in ipairs(collab.record.disagreements()) do
  if d.message:find("Derbyshire in the East Midlands Criminal Justice Service", 1, true) then say("disagreement", d.where) end
end
return collab.report {
  id = "record-probe", title = "record probe",
  build = function()
    local blocks = {}
    for _, line in ipairs(lines) do blocks[#blocks + 1] = collab.layout.paragraph(line) end
    return collab.layout.document { title = "probe", blocks = blocks }
  end,
}
LUA
expect lua-headline 0 "headline derbyshire-1-percent derbyshire nil 1.0" -- report record-probe --root "$d" --format md
check lua-leics 0 "headline leicestershire-annual leicestershire 403000000 nil"
check lua-cost 0 "cost economic crime 54.0 emsou-ffi"
check lua-cost-below 0 "cost major investigations -8.0 emsou-mc"
check lua-population 0 "population nil"
check lua-stated 0 "stated programme-2012-13 2012/13 nil 4200000000"
check lua-stated-mc 0 "stated major-crime-hmic-2013 nil emsou-mc 1120000000"
check lua-funding 0 "funding 2006/07 Automatic Number Plate Recognition project 106000000 800k plus 260k xxx nil"
check lua-portfolio 0 "portfolio EMSOU lincolnshire"
check lua-board 0 "board pcc-cc-board bi-monthly 6"
check lua-year-2012 0 "year 2012/13 false 1"
check lua-year-2016 0 "year 2016/17 true 4"
check lua-link 0 "link EMSOU SOC 400000000 SERIOUS & ORGANISED CRIME 514383500"
check lua-bid 0 "bid 92024400 £920,244 emsou-forensics"
check lua-project 0 "project Hi-tech crime emsou-ecrime"
check lua-disagreement 0 "disagreement data/sources.json:81:5"

finish
