#!/usr/bin/env bash
# collab whatif: the bundled scenarios' comparisons pinned whole (Markdown, JSON, CSV) and their
# key figures by hand (the workings are in host/scenario/scenario_test.cpp); the years before a
# step identical to the baseline's in every format; XLSX differences as formulas; several
# scenarios side by side and --against; every kind of bad input with its line:column and exit 2;
# a rule that fails, exit 1, nothing written. Regenerate goldens with COLLAB_UPDATE_GOLDEN=1.
. "$(dirname "$0")/lib.sh"
python=/usr/bin/python3

scenarios="lincs-joins-ld grant-falls-5 emopss-emcjs-five-force derbys-leaves-forensics tri-force-created"

for s in $scenarios; do
  expect_golden "md-$s" 0 "whatif/$s.md" -- whatif "$s" --root "$src"
done
expect_golden json-lincs 0 "whatif/lincs-joins-ld.json" -- whatif lincs-joins-ld --format json --root "$src"
expect_golden csv-lincs-forces 0 "whatif/lincs-joins-ld-forces-2017-18.csv" -- whatif lincs-joins-ld --format csv --table forces-2017-18 --root "$src"
expect_golden md-side-by-side 0 "whatif/side-by-side-2017-18.md" -- whatif lincs-joins-ld derbys-leaves-forensics --year 2017/18 --root "$src"
expect_golden md-against 0 "whatif/forensics-against-lincs.md" -- whatif derbys-leaves-forensics --against lincs-joins-ld --year 2017/18 --root "$src"

# The figures by hand: five-force L&D in 2017/18 at the published shares (Derbys 21.8% of
# £2,398,301 is £522,829.62, and gets one of the two odd pounds), Lincs paying £309,381 more.
expect ld-derbys 0 "| EMCHRS Learning and Development | cash | Derbys | £599,575 | £522,830 | -£76,745 | -12.8% |" -- whatif lincs-joins-ld --year 2017/18 --root "$src"
check ld-lincs 0 "| EMCHRS Learning and Development | cash | Lincs | £0 | £309,381 | £309,381 |  |"
check ld-budget 0 "| **EMCHRS Learning and Development** | **cash** | **budget** | **£2,398,301** | **£2,398,301** | **£0** | **0.0%** |"
check who-pays-more 0 "- Lincs pays £309,381 more (+8.6%)"
check who-pays-less 0 "- Notts pays £98,330 less (-1.2%)"
# Derbys gives a year's notice in 2017/18: that year nothing moves. From 2018/19 it pays only its
# exit liability (21.8% of 10% of £3,939,700 is £85,885, in two instalments, £42,943 and
# £42,942) and the four share the rest: Leics 29.4% of £3,896,757 = £1,145,646.56, plus an odd pound.
expect forensics-notice 0 "- unchanged: Derbys, Leics, Lincs, Northants, Notts" -- whatif derbys-leaves-forensics --year 2017/18 --root "$src"
expect forensics-leics 0 "| EMSOU Forensic Services | cash | Leics | £906,131 | £1,145,647 | £239,516 | 26.4% |" -- whatif derbys-leaves-forensics --year 2018/19 --root "$src"
check forensics-derbys 0 "| EMSOU Forensic Services | cash | Derbys | £858,855 | £42,943 | -£815,912 | -95.0% |"
check forensics-budget 0 "| **EMSOU Forensic Services** | **cash** | **budget** | **£3,939,700** | **£3,939,700** | **£0** | **0.0%** |"
check forensics-charge 0 "Derbys pays £42,943 towards EMSOU Forensic Services (exit liability, instalment 1 of 2); it takes no part, so pays nothing else"
expect forensics-2019 0 "| EMSOU Forensic Services | cash | Derbys | £858,855 | £42,942 | -£815,913 | -95.0% |" -- whatif derbys-leaves-forensics --year 2019/20 --root "$src"
check forensics-2019-notts 0 "| EMSOU Forensic Services | cash | Notts | £1,087,357 | £1,375,556 | £288,199 | 26.5% |"
# The tri-force collaboration: £1,000,000 by 35.2 / 22.5 / 42.3% (23.0, 14.7, 27.6 over 65.3).
expect tri-force 0 "| Tri-force IT and Finance Collaboration | cash | Leics | £0 | £352,000 | £352,000 |  |" -- whatif tri-force-created --year 2018/19 --root "$src"
check tri-force-notts 0 "| Tri-force IT and Finance Collaboration | cash | Notts | £0 | £423,000 | £423,000 |  |"

# --explain: which step moved which figure; a year no step touches says so.
expect explain-step 0 "| 1. withdraw from 2017/18 (data/scenarios/derbys-leaves-forensics.json:8:5) | EMSOU Forensic Services | cash | Derbys | £858,855 | £42,943 | -£815,912 |" -- whatif derbys-leaves-forensics --explain --years 2017/18..2018/19 --root "$src"
check explain-none 0 "**Step by step, 2017/18:** no step of Derbyshire gives notice to leave EMSOU Forensics changes a figure this year."
check_absent explain-no-budget-row "| budget |"
tx=$(tree explain-steps)
cat >"$tx/data/scenarios/x.json" <<'JSON'
{"id": "x", "title": "X", "years": ["2017/18"], "steps": [
  {"rule": "join", "from": "2017/18", "params": {"force": "lincolnshire", "unit": "emchrs-ld"}},
  {"rule": "limit_change", "from": "2017/18", "params": {"unit": "emchrs-ld", "floor": "5%"}}]}
JSON
# Step 1 (Lincs joins) takes Derbys from £599,575 to £522,830; step 2 (a 5% floor) holds it at £569,597.
expect explain-two-steps 0 "| 1. join from 2017/18 (data/scenarios/x.json:2:3) | EMCHRS Learning and Development | cash | Derbys | £599,575 | £522,830 | -£76,745 |" -- whatif x --explain --root "$tx"
check explain-second-step 0 "| 2. limit\\_change from 2017/18 (data/scenarios/x.json:3:3) | EMCHRS Learning and Development | cash | Derbys | £522,830 | £569,597 | £46,767 |"
check explain-limit-note 0 "X: EMCHRS Learning and Development is limited to a change of -5% a year per force; the limit moved Derbys +£46,767, Leics +£49,886, Lincs -£189,468, Northants +£32,498, Notts +£60,317"
expect explain-json 0 '"id": "steps-2017-18"' -- whatif x --explain --format json --root "$tx"

# merge_units: L&D's £2,398,301 merged into Occupational Health's £1,720,005 from 2017/18; L&D's
# forces all take part in OH already, so OH's five share £4,118,306 by the published shares
# (Derbys 21.8% = £897,790.71, plus an odd pound); L&D has no budget left.
t=$(tree merge-split)
cat >"$t/data/scenarios/m.json" <<'JSON'
{"id": "m", "title": "M", "years": ["2017/18"], "steps": [
  {"rule": "merge_units", "from": "2017/18", "params": {"unit": "emchrs-ld", "into": "emchrs-oh"}}]}
JSON
expect merge 0 "| **EMCHRS Occupational Health** | **cash** | **budget** | **£1,720,005** | **£4,118,306** | **£2,398,301** | **139.4%** |" -- whatif m --root "$t"
check merge-derbys 0 "| EMCHRS Occupational Health | cash | Derbys | £374,961 | £897,791 | £522,830 | 139.4% |"
check merge-gone 0 "| **EMCHRS Learning and Development** | **cash** | **budget** | **£2,398,301** | **£0** | **-£2,398,301** | **-100.0%** |"
# split_unit: Forensics' £3,939,700 split 62.5 / 37.5 (£2,462,312.50 and what is left, £1,477,387.50);
# the second part names its own two participants (27.6 and 21.8 renormalised: 55.9 / 44.1%).
cat >"$t/data/scenarios/s.json" <<'JSON'
{"id": "s", "title": "S", "years": ["2017/18"], "steps": [
  {"rule": "split_unit", "from": "2017/18", "params": {"unit": "emsou-forensics", "parts": [
    {"id": "forensics-lab", "name": "Forensics laboratory", "percent": 62.5},
    {"id": "forensics-scene", "name": "Scene examination", "percent": 37.5, "participants": ["derbyshire", "nottinghamshire"]}]}}]}
JSON
expect split-lab 0 "| **Forensics laboratory** | **cash** | **budget** | **£0** | **£2,462,313** | **£2,462,313** |  |" -- whatif s --root "$t"
check split-scene 0 "| Scene examination | cash | Notts | £0 | £825,860 | £825,860 |  |"
check split-gone 0 "| **EMSOU Forensic Services** | **cash** | **budget** | **£3,939,700** | **£0** | **-£3,939,700** | **-100.0%** |"
expect split-exact 0 '"s1": 147738750' -- whatif s --format json --root "$t"
cat >"$t/data/scenarios/s.json" <<'JSON'
{"id": "s", "title": "S", "years": ["2017/18"], "steps": [
  {"rule": "split_unit", "from": "2017/18", "params": {"unit": "emsou-forensics", "parts": [
    {"id": "forensics-lab", "percent": 60}, {"id": "forensics-scene", "percent": 30}]}}]}
JSON
expect split-not-100 2 "data/scenarios/s.json:2:92: error: step 1 (split_unit from 2017/18): the parts' percentages add up to 90, not 100" -- whatif s --root "$t"

# collab explain --scenario: the figure inside a scenario, with its charge.
expect explain-scenario 0 "Derbyshire Constabulary pays £42,943 cash to EMSOU Forensic Services (emsou-forensics) in 2018/19: it does not take part that year, and pays only its charge" -- explain emsou-forensics Derbys 2018/19 --scenario derbys-leaves-forensics --root "$src"
check explain-scenario-head 0 "In scenario derbys-leaves-forensics (Derbyshire gives notice to leave EMSOU Forensics), 2018/19:"
expect explain-scenario-stayer 0 "£42,943 of the budget is charged to named forces" -- explain emsou-forensics Leics 2018/19 --scenario derbys-leaves-forensics --root "$src"
check explain-scenario-stayer-amount 0 "Leicestershire Police pays £1,145,647 cash to EMSOU Forensic Services"
expect explain-scenario-json 0 '"charged_pence": 4294300' -- explain emsou-forensics Leics 2018/19 --scenario derbys-leaves-forensics --format json --root "$src"
expect explain-scenario-limit 0 "each force's change from 2016/17 is limited (at most -5%;" -- explain emchrs-ld Derbys 2017/18 --scenario x --root "$tx"
check explain-scenario-limit-moved 0 "+£46,767 (held at its bound in round 1)"
expect explain-scenario-unknown 2 "unknown scenario 'derbys-leaves'" -- explain emsou-forensics Derbys 2018/19 --scenario derbys-leaves --root "$src"
expect explain-scenario-no-year 2 "--scenario needs a year" -- explain emsou-forensics Derbys --scenario derbys-leaves-forensics --root "$src"
# A 5% a year fall for every force moves no share: every force unchanged in every year.
expect grant-unchanged 0 "- unchanged: Derbys, Leics, Lincs, Northants, Notts" -- whatif grant-falls-5 --root "$src"
check_absent grant-no-change "pays £"
check grant-projected 0 "### 2019/20 (projected)"
check grant-gap 0 "Not compared in 2018/19"
must_fail grant-check-can-fail check grant-none 0 "pays £"

# The years before a step are the baseline's, in every text format: the scenario's amount column
# equals the reference's in every row (CSV), and the JSON cells likewise.
for s in $scenarios; do
  for table in forces units grants; do
    "$collab" whatif "$s" --year 2016/17 --format csv --table "$table-2016-17" --root "$src" >"$tmp/before.csv"
    out=$("$python" - "$tmp/before.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
head = rows[0]
ref = next(i for i, h in enumerate(head) if h.startswith("Baseline"))
bad = [r for r in rows[1:] if r[ref] != r[ref + 1] or r[ref + 2] not in ("0.00", "")]
print(f"{len(rows) - 1} rows, {len(bad)} differ")
PY
)
    code=$?
    check "before-step-$s-$table" 0 " rows, 0 differ"
  done
done
"$collab" whatif lincs-joins-ld --year 2016/17 --format json --root "$src" >"$tmp/before.json"
out=$("$python" - "$tmp/before.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
cells = [(r["reference"], r["s1"]) for b in doc["blocks"] if b.get("type") == "table" for r in b["rows"]]
print(f"{len(cells)} rows, {sum(1 for a, b in cells if a != b)} differ")
PY
)
code=$?
check before-step-json 0 "rows, 0 differ"

# XLSX: the differences and totals are live formulas whose cached values are right.
expect xlsx-out 0 "" -- whatif lincs-joins-ld --format xlsx --out "$tmp/w.xlsx" --root "$src"
out=$("$python" "$src/tests/report/check_xlsx_formulas.py" "$tmp/w.xlsx" 2>&1)
code=$?
check xlsx-formulas 0 "175 formulas checked, 0 pinned totals, 0 failures"
out=$("$python" -c "
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])['By force, 2017-18']
print([c.value for c in ws[6]])" "$tmp/w.xlsx" 2>&1)
code=$?
check xlsx-difference-formula 0 "['Lincs', 3603250, 3912631, '=C6-B6', 0.086]"
expect html 0 "<h3>2017/18 (projected)</h3>" -- whatif lincs-joins-ld --format html --root "$src"

# Bad input, each at its line:column, exit 2, nothing written.
bad() {  # bad NAME FILE_ID JSON: a tree whose data/scenarios/FILE_ID.json is JSON
  local t
  t=$(tree "$1")
  printf '%s\n' "$3" >"$t/data/scenarios/$2.json"
  printf '%s' "$t"
}
t=$(bad unknown-field x '{"id": "x", "title": "X", "years": ["2017/18"],
 "step": []}')
expect unknown-field 2 "data/scenarios/x.json:2:10: error: unknown field 'step' in a scenario" -- whatif x --root "$t"
check unknown-field-hint 2 "did you mean 'steps'?"
t=$(bad unknown-rule x '{"id": "x", "title": "X", "years": ["2017/18"],
 "steps": [{"rule": "withdraws", "from": "2017/18", "params": {"force": "derbyshire", "unit": "emsou-forensics"}}]}')
expect unknown-rule 2 "data/scenarios/x.json:2:21: error: unknown rule 'withdraws' (did you mean 'withdraw'?)" -- whatif x --root "$t"
t=$(bad bad-params x '{"id": "x", "title": "X", "years": ["2017/18"],
 "steps": [{"rule": "grant_change", "from": "2017/18", "params": {"forces": "all", "by": "five", "colour": 1}},
           {"rule": "join", "from": "2017/18", "params": {"force": "lincolnshire"}},
           {"rule": "uplift", "from": "2017/18", "params": {"by": true}}]}')
expect bad-percent 2 "data/scenarios/x.json:2:90: error: parameter 'by' of rule 'grant_change': invalid percentage 'five'" -- whatif x --root "$t"
check unknown-param 2 "data/scenarios/x.json:2:108: error: rule 'grant_change' has no parameter 'colour'"
check missing-param 2 "data/scenarios/x.json:3:12: error: rule 'join' needs parameter 'unit' (unit)"
check wrong-type 2 "data/scenarios/x.json:4:67: error: parameter 'by' of rule 'uplift'"
t=$(bad early-step x '{"id": "x", "title": "X", "years": ["2016/17"],
 "steps": [{"rule": "withdraw", "from": "2015/16", "params": {"force": "derbyshire", "unit": "emsou-forensics"}}]}')
expect early-step 2 "data/scenarios/x.json:2:41: error: the step's year 2015/16 is before the data's first budgeted year, 2016/17" -- whatif x --root "$t"
t=$(bad unknown-names x '{"id": "x", "title": "X", "years": ["2017/18"],
 "steps": [{"rule": "withdraw", "from": "2017/18", "params": {"force": "derby", "unit": "emsou-forensic"}}]}')
expect unknown-force 2 "data/scenarios/x.json:2:72: error: parameter 'force' of rule 'withdraw': unknown force 'derby': did you mean 'derbyshire'?" -- whatif x --root "$t"
check unknown-unit 2 "data/scenarios/x.json:2:89: error: parameter 'unit' of rule 'withdraw': unknown unit 'emsou-forensic': did you mean 'emsou-forensics'?"
t=$(bad not-participant x '{"id": "x", "title": "X", "years": ["2017/18"],
 "steps": [{"rule": "withdraw", "from": "2017/18", "params": {"force": "lincolnshire", "unit": "emchrs-ld"}}]}')
expect check-not-participant 2 "data/scenarios/x.json:2:72: error: step 1 (withdraw from 2017/18)" -- check --root "$t"
expect not-participant 2 "data/scenarios/x.json:2:72: error: step 1 (withdraw from 2017/18): 'lincolnshire' does not take part in 'emchrs-ld' in 2017/18" -- whatif x --root "$t"
check not-participant-nothing 2 "a scenario step was refused; nothing written"
check not-participant-excerpt 2 '     "steps": [{"rule": "withdraw", "from": "2017/18", "params": {"force": "lincolnshire", "unit": "emchrs-ld"}}]}'
expect check-bundled 0 "collab check: 0 errors" -- check --root "$src"
t=$(bad formula-params x '{"id": "x", "title": "X", "years": ["2017/18"],
 "steps": [{"rule": "switch_formula", "from": "2017/18", "params": {"unit": "em-legal", "formula": "fixed", "formula_params": {"shares": {"derbyshire": 100}}}}]}')
expect formula-params 2 "data/scenarios/x.json:2:12: error: parameter 'shares' of formula 'fixed': no share for 'leicestershire', which takes part" -- whatif x --root "$t"
check formula-params-nothing 2 "a step's parameters were rejected; nothing written"
t=$(bad unknown-formula x '{"id": "x", "title": "X", "years": ["2017/18"],
 "steps": [{"rule": "switch_formula", "from": "2017/18", "params": {"unit": "em-legal", "formula": "equal_shares"}}]}')
expect unknown-formula 2 "data/scenarios/x.json:2:12: error: unknown formula 'equal_shares'" -- whatif x --root "$t"
t=$(bad leaving-params x '{"id": "x", "title": "X", "years": ["2017/18"],
 "steps": [{"rule": "withdraw", "from": "2017/18", "params": {"force": "derbyshire", "unit": "emsou-forensics", "liability": 1000, "liability_percent": "5%"}}]}')
expect leaving-both 2 "data/scenarios/x.json:2:126: error: step 1 (withdraw from 2017/18): give 'liability' (an amount) or 'liability_percent', not both" -- whatif x --root "$t"
t=$(bad limit-params x '{"id": "x", "title": "X", "years": ["2017/18"],
 "steps": [{"rule": "limit_change", "from": "2017/18", "params": {"damping": "5%", "cap": "2%"}}]}')
expect limit-both 2 "data/scenarios/x.json:2:78: error: step 1 (limit_change from 2017/18): damping is a cap and a floor alike" -- whatif x --root "$t"
t=$(bad limit-cannot-hold x '{"id": "x", "title": "X", "years": ["2016/17", "2017/18"],
 "steps": [{"rule": "budget_change", "from": "2017/18", "params": {"unit": "em-legal", "by": "20%"}},
           {"rule": "limit_change", "from": "2017/18", "params": {"unit": "em-legal", "cap": "10%"}}]}')
expect limit-cannot-hold 2 "data/scenarios/x.json:3:12: error: the limit on year-on-year change of 'em-legal' in 2017/18: no split holds every bound" -- whatif x --root "$t"
t=$(tree cycle)
printf '{"id": "a", "title": "A", "baseline": "b", "years": ["2017/18"], "steps": []}\n' >"$t/data/scenarios/a.json"
printf '{"id": "b", "title": "B", "baseline": "a", "years": ["2017/18"], "steps": []}\n' >"$t/data/scenarios/b.json"
expect cycle 2 "data/scenarios/a.json:1:39: error: a cycle of baselines: a -> b -> a" -- whatif a --root "$t"
t=$(bad bad-baseline x '{"id": "x", "title": "X", "baseline": "lincs-joins-l", "years": ["2017/18"], "steps": []}')
expect unknown-baseline 2 "data/scenarios/x.json:1:39: error: unknown baseline 'lincs-joins-l'" -- whatif x --root "$t"
check unknown-baseline-hint 2 "did you mean 'lincs-joins-ld'?"
expect unknown-scenario 2 "unknown scenario 'lincs-joins' (did you mean 'lincs-joins-ld'?)" -- whatif lincs-joins --root "$src"
expect bad-years 2 "--years '2019/20..2016/17' must be a range" -- whatif lincs-joins-ld --years 2019/20..2016/17 --root "$src"
expect early-year 2 "2015/16 is before the data's first budgeted year (2016/17)" -- whatif lincs-joins-ld --year 2015/16 --root "$src"
expect both-years 2 "give --year or --years, not both" -- whatif lincs-joins-ld --year 2017/18 --years 2016/17..2017/18 --root "$src"

# A rule whose code fails: exit 1, its script and line named, and --out left as it was.
t=$(tree broken-rule)
cat >"$t/scripts/whatif/boom.lua" <<'LUA'
return collab.rule {
  id = "boom", title = "Boom",
  apply = function(model, params, step)
    error("the rule broke")
  end,
}
LUA
printf '{"id": "x", "title": "X", "years": ["2017/18"], "steps": [{"rule": "boom", "from": "2017/18"}]}\n' >"$t/data/scenarios/x.json"
printf 'earlier good output\n' >"$tmp/keep.md"
expect rule-fails 1 "scripts/whatif/boom.lua:4: error: runtime error: the rule broke" -- whatif x --out "$tmp/keep.md" --root "$t"
check rule-fails-step 1 "while applying step 1 at data/scenarios/x.json:1:59"
out=$(cat "$tmp/keep.md")
code=0
check keep-earlier 0 "earlier good output"
# A rule that catches the host's refusal is still reported at the step.
cat >"$t/scripts/whatif/boom.lua" <<'LUA'
return collab.rule {
  id = "boom", title = "Boom",
  apply = function(model, params, step)
    pcall(model.withdraw, model, "lincolnshire", "emchrs-ld", step.from)
  end,
}
LUA
expect refusal-not-hidden 2 "'lincolnshire' does not take part in 'emchrs-ld' in 2017/18" -- whatif x --root "$t"


# The sandbox holds for rules: an endless loop (hidden behind pcall) stops at the CPU limit, exit 1;
# the model cannot be touched outside apply; a malformed declaration is an error at its line.
t=$(tree sandboxed-rules)
cat >"$t/scripts/whatif/spin.lua" <<'LUA'
return collab.rule {
  id = "spin", title = "Spin",
  apply = function(model, params, step)
    while true do pcall(function() while true do end end) end
  end,
}
LUA
printf '{"id": "x", "title": "X", "years": ["2017/18"], "steps": [{"rule": "spin", "from": "2017/18"}]}\n' >"$t/data/scenarios/x.json"
expect rule-cpu-limit 1 "scripts/whatif/spin.lua:4: error: CPU time limit: CPU time limit exceeded (200 ms)" -- --cpu-limit 200 whatif x --root "$t"
rm "$t/scripts/whatif/spin.lua" "$t/data/scenarios/x.json"
printf 'local years = collab.draft.years(collab.draft)\nreturn collab.rule { id = "early", title = "E", apply = function() end }\n' >"$t/scripts/whatif/early.lua"
printf 'return collab.rule { id = "typo", title = "T", params = { unit = { type = "unt" } }, apply = function() end }\n' >"$t/scripts/whatif/typo.lua"
expect rule-outside-apply 2 "scripts/whatif/early.lua:1: error: runtime error: error in 'collab.draft.years': the model can be used only inside a rule's apply function" -- whatif lincs-joins-ld --root "$t"
check rule-bad-param-type 2 "scripts/whatif/typo.lua:1: error: runtime error: collab.rule: params.unit.type must be one of force, forces, unit, year, percent, money"

# The JSON follows the documented report schema.
"$collab" whatif lincs-joins-ld derbys-leaves-forensics --format json --root "$src" >"$tmp/w.json"
out=$("$python" "$src/tests/report/check_report_json.py" "$tmp/w.json" 2>&1)
code=$?
check json-schema 0 "follow collab.report version 1"

finish
