#!/usr/bin/env bash
# What check catches, a failed row among computed ones, budgets with pence in every view, what
# scripts print, and the lists of units and forces.
. "$(dirname "$0")/lib.sh"

# ld_formula DIR ID [PARAMS]: EMCHRS L&D (emchrs-ld) names formula ID with PARAMS from 2016/17.
ld_formula() {
  sed -i "/\"id\": \"emchrs-ld\"/,/\"params\": {}/ { s/\"id\": \"grant_share\",/\"id\": \"$2\",/; s/\"params\": {}/\"params\": ${3:-{\}}/ }" \
    "$1/data/collaborations.json"
}
# formula DIR ID BODY: scripts/formulae/ID.lua whose weights function has BODY.
formula() {
  printf 'return collab.formula{ id = "%s", title = "%s",\n  weights = function(year, forces)\n%s\n  end }\n' "$2" "$2" "$3" \
    >"$1/scripts/formulae/$2.lua"
}

# check runs every formula for every year with budgets: each broken formula is caught there.
d=$(tree nil)
formula "$d" nil_weights "    return nil"
ld_formula "$d" nil_weights
expect check-nil 2 "scripts/formulae/nil_weights.lua: error: runtime error: weights must return a table of weights by force id, got nil" -- check --root "$d"
run check --root "$src"
must_fail check-nil-can-fail check check-nil-on-good 2 "nil_weights"

d=$(tree stranger)
formula "$d" stranger "    local w = {} for _, f in ipairs(forces) do w[f.id] = 1 end w.rutland = 1 return w"
ld_formula "$d" stranger
expect check-unknown-force 2 "weights returned a weight for 'rutland', which is not a force id" -- check --root "$d"

d=$(tree loop)
formula "$d" loop "    while true do end"
ld_formula "$d" loop
expect check-endless 2 "scripts/formulae/loop.lua:3: error: " -- check --cpu-limit 200 --root "$d"
check check-endless-limit 2 "CPU time limit exceeded (200 ms)"

d=$(tree ninety)
ld_formula "$d" fixed '{"shares": {"nottinghamshire": 30, "leicestershire": 20, "derbyshire": 20, "northamptonshire": 20}}'
expect check-fixed-90 2 "data/collaborations.json:1284:32: error: parameter 'shares' of formula 'fixed': the shares add up to 90%, not 100%" -- check --root "$d"
check check-fixed-90-hint 2 "hint: raised at scripts/formulae/fixed.lua:"

# One failing row: every other row is computed and shown, the failed one is marked, exit 1.
expect one-failed-row 1 "| EMSOU Serious and Organised Crime | £2,086,015 | £2,200,841 | £1,234,385 | £1,406,625 | £2,641,009 | £9,568,875 | £9,568,875 | £0 | ok |" -- contributions --root "$d"
check one-failed-row-marked 1 "| EMCHRS Learning and Development |  |  |  |  |  |  | £2,398,301 |  | FAILED |"
check one-failed-row-note 1 "1 row FAILED: could not be computed (the errors say why); the totals leave it out"
# The totals leave the failed row out: cash £22,569,980 less L&D's £2,398,301.
check one-failed-row-total 1 "| **Total cash** | **£4,397,426** | **£4,639,486** | **£2,602,147** | **£2,965,238** | **£5,567,382** | **£20,171,679** |"
check one-failed-row-error 1 "collab contributions: 1 of 9 rows could not be computed in 2016/17"
expect one-failed-row-csv 1 "EMCHRS Learning and Development,,,,,,,2398301.00,,FAILED" -- contributions --csv --root "$d"
check one-failed-row-csv-others 1 "EMSOU Serious and Organised Crime,2086015.00,2200841.00,1234385.00,1406625.00,2641009.00,9568875.00,9568875.00,0.00,ok"
# The same report under collab report: the same marks, the same exit.
expect one-failed-row-report 1 "collab report: 1 of 9 rows could not be computed in 2016/17" -- report contributions --root "$d"
check one-failed-row-report-marked 1 "| EMCHRS Learning and Development |  |  |  |  |  |  | £2,398,301 |  | FAILED |"
check one-failed-row-report-error 1 "scripts/formulae/fixed.lua:"
expect one-failed-row-explain 1 "collab explain: the cash row of 'emchrs-ld' could not be computed in 2016/17" -- explain emchrs-ld Notts --root "$d"
expect one-failed-row-reconcile 1 "the ledger could not compute this row: its errors say why" -- reconcile --root "$d"

# A budget with pence: every view shows the same exact parts, adding up to the budget.
d=$(tree pence)
sed -i 's/"cash": 9568875$/"cash": 9568875.50/' "$d/data/budgets.json"
expect pence-table 0 "| EMSOU Serious and Organised Crime | £2,086,015 | £2,200,841 | £1,234,385 | £1,406,625 | £2,641,009.50 | £9,568,875.50 | £9,568,875 | £0.50 |" -- contributions --root "$d"
check pence-table-note 0 "A budget with pence is split in whole pounds and its odd pence go to one part"
expect pence-csv 0 "EMSOU Serious and Organised Crime,2086015.00,2200841.00,1234385.00,1406625.00,2641009.50,9568875.50,9568875.00,0.50" -- contributions --csv --root "$d"
expect pence-explain 0 "£2,641,009.50; the row adds up to £9,568,875.50" -- explain emsou-soc Notts --root "$d"
check pence-explain-budget 0 "budget        £9,568,875.50 cash"
check_absent pence-explain-not-rounded "£9,568,876"

# What a formula prints is shown on stderr, named by its script.
d=$(tree talk)
formula "$d" talk "    print('weighing', year, #forces) local w = {} for _, f in ipairs(forces) do w[f.id] = 1 end return w"
ld_formula "$d" talk
expect print-shown 0 "scripts/formulae/talk.lua:3: weighing	2016/17	4" -- contributions --root "$d"
# Once: L&D is the one unit that names it, and its weights are computed once.
[ "$(grep -c 'weighing' <<<"$out")" = 1 ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL print-shown-once"; }

# --limits: the limit report of every script run, each limit named.
expect limits-report 0 "limits: scripts/formulae/talk.lua (weights 2016/17 for derbyshire, leicestershire, northamptonshire, nottinghamshire): CPU " -- contributions --limits --root "$d"
check limits-report-load 0 "limits: scripts/formulae/grant_share.lua (load): CPU "
check limits-report-fields 0 " ms of 2000 ms; wall "
check limits-report-memory 0 "MiB of 64.0 MiB; log 1 line kept, 0 dropped"
expect limits-report-check 0 "limits: scripts/formulae/fixed.lua (load)" -- check --limits --memory-limit 32 --root "$d"
check limits-report-check-limit 0 "MiB of 32.0 MiB"
expect no-limits-report 0 "# Force financial contributions 2016/17" -- contributions --root "$d"
check_absent no-limits-report-absent "limits: "

# What there is to ask about.
expect units 0 "emchrs-ld        EMCHRS L&D  EMCHRS Learning and Development" -- units --budgeted --root "$src"
check units-count 0 "9 of 72 units"
expect units-all 0 "72 of 72 units" -- units --root "$src"
expect forces 0 "nottinghamshire   Notts       Nottinghamshire Police   NOTTS, Notts, Nottinghamshire            £126,777,533" -- forces --root "$src"

finish
