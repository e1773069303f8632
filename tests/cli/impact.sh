#!/usr/bin/env bash
# collab impact: every figure one input moves for a stated change, in every format; bad inputs
# exit 2 with nothing written.
. "$(dirname "$0")/lib.sh"
python=/usr/bin/python3

# Derbys' 2015/16 grant +1%: £100,405,768 becomes £101,409,825.68 of £460,585,680.68, so the
# shares rounded to 0.1% become 22.0 / 22.9 / 12.8 / 14.7 / 27.5 (from 21.8 / 23.0 / 12.9 /
# 14.7 / 27.6): every five-force line moves, each force's total with it, and the sum does not.
expect grant-moves 0 "| EMSOU Serious and Organised Crime | cash | Derbys | £2,086,015 | £2,107,260 | £21,245 | 1.0% |" -- impact grant:derbyshire:2015/16 --root "$src"
check grant-title 0 "# Impact: Derbyshire Constabulary's central grant 2015/16 +1%"
check grant-count 0 "44 figures move in 2016/17."
check grant-total 0 "| **Total** | **£30,330,467** | **£30,330,467** | **£0** | **0.0%** |"
check_absent grant-no-budget "| budget |"
# A unit's budget +10%: its line and its five parts move, nothing else; the odd pence are handed out.
expect budget-moves 0 "| EMSOU Serious and Organised Crime | cash | budget | £9,568,875 | £10,525,762.50 | £956,887.50 | 10.0% |" -- impact budget:emsou-soc:2016/17 --by 10% --root "$src"
check budget-count 0 "5 figures move in 2016/17."
check_absent budget-only "EMSOU Forensic Services"
# A change too small to move a share (Derbys + £100.41) moves nothing, and says so.
expect nothing-moves 0 "Nothing moves in 2016/17" -- impact grant:derbyshire:2015/16 --by 0.0001% --root "$src"
# Every format, from the document renderers.
expect csv 0 "Derbys,6688787.00,6757392.00,68605.00,1" -- impact grant:derbyshire:2015/16 --format csv --table forces-2016-17 --root "$src"
"$collab" impact grant:derbyshire:2015/16 --format json --root "$src" >"$tmp/i.json"
out=$("$python" "$src/tests/report/check_report_json.py" "$tmp/i.json" 2>&1)
code=$?
check json-schema 0 "follow collab.report version 1"
expect html 0 "<h3>2016/17</h3>" -- impact grant:derbyshire:2015/16 --format html --root "$src"
expect xlsx 0 "" -- impact grant:derbyshire:2015/16 --format xlsx --out "$tmp/i.xlsx" --root "$src"
out=$("$python" "$src/tests/report/check_xlsx_formulas.py" "$tmp/i.xlsx" 2>&1)
code=$?
check xlsx-formulas 0 "0 failures"
# Inside a scenario: its model, projected. Forensics' 2018/19 budget +1% in the leaving scenario
# moves the four stayers' parts; Derbys' liability was fixed by 2017/18's budget, so it does not.
expect scenario-budget 0 "| EMSOU Forensic Services | cash | Leics | £1,145,647 | £1,157,229 | £11,582 | 1.0% |" -- impact budget:emsou-forensics:2018/19 --scenario derbys-leaves-forensics --year 2018/19 --root "$src"
check scenario-count 0 "4 figures move in 2018/19."
check scenario-subtitle 0 "*Every figure it moves, 2018/19, in the scenario Derbyshire gives notice to leave EMSOU Forensics*"
check_absent scenario-derbys "| EMSOU Forensic Services | cash | Derbys |"
expect scenario-projected-grant 0 "35 figures move in 2018/19." -- impact grant:derbyshire:2017/18 --scenario grant-falls-5 --year 2018/19 --root "$src"
expect no-projection 2 "the data gives no central grant for derbyshire in 2017/18" -- impact grant:derbyshire:2017/18 --year 2018/19 --root "$src"
expect unknown-scenario 2 "unknown scenario 'nope'" -- impact grant:derbyshire:2015/16 --scenario nope --root "$src"
# Bad input: exit 2.
expect bad-form 2 "'grant:derbyshire' is not an input: give grant:<force>:<year>" -- impact grant:derbyshire --root "$src"
expect bad-force 2 "unknown force 'derbys-x'" -- impact grant:derbys-x:2015/16 --root "$src"
expect no-grant 2 "the data gives no central grant for derbyshire in 2014/15" -- impact grant:derbyshire:2014/15 --root "$src"
expect bad-by 2 "--by 'five': invalid percentage 'five'" -- impact grant:derbyshire:2015/16 --by five --root "$src"
expect too-low 2 "a change must be above -100%" -- impact grant:derbyshire:2015/16 --by -100% --root "$src"
expect no-param 2 "'em-legal' names no numeric parameter 'mix.grant' in the data" -- impact param:em-legal:mix.grant --root "$src"
# A formula parameter: a unit given a blend in its own tree moves when the blend's weight moves.
t=$(tree param)
"$python" - "$t/data/collaborations.json" <<'PY'
import json, sys
path = sys.argv[1]
doc = json.load(open(path))
for c in doc["collaborations"]:
    if c["id"] == "em-legal":
        c["formula"] = [{"from": "2016/17", "id": "blended", "params": {"mix": {"grant": 50, "equal": 50}}}]
json.dump(doc, open(path, "w"), indent=2)
PY
expect param-moves 0 "| East Midlands Legal Services | cash | Derbys |" -- impact param:em-legal:mix.grant --by 10% --root "$t"
check param-title 0 "parameter 'mix.grant' of East Midlands Legal Services's formula +10%"

finish
