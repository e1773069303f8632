#!/usr/bin/env bash
# collab whatif: the bundled scenarios' comparisons pinned whole (Markdown, JSON, CSV) and their
# key figures by hand (the workings are in host/scenario/scenario_test.cpp); the years before a
# step identical to the baseline's in every format; XLSX differences as formulas; several
# scenarios side by side and --against; every kind of bad input with its line:column and exit 2;
# a rule that fails, exit 1, nothing written. Regenerate goldens with COLLAB_UPDATE_GOLDEN=1.
. "$(dirname "$0")/lib.sh"
python=/usr/bin/python3

scenarios="lincs-joins-ld grant-falls-5 emopss-emcjs-five-force derbys-leaves-forensics"

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
# Forensics without Derbys: Leics 29.4% of £3,939,700 = £1,158,271.80, plus an odd pound.
expect forensics-leics 0 "| EMSOU Forensic Services | cash | Leics | £906,131 | £1,158,272 | £252,141 | 27.8% |" -- whatif derbys-leaves-forensics --year 2017/18 --root "$src"
check forensics-derbys 0 "| EMSOU Forensic Services | cash | Derbys | £858,855 | £0 | -£858,855 | -100.0% |"
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
