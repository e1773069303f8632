#!/usr/bin/env bash
# Contributions, explanations and the reconciliation of the bundled 2016/17 figures; formulae
# edited in a copy of the tree.
. "$(dirname "$0")/lib.sh"


expect contributions 0 "| EMSOU Serious and Organised Crime | £2,086,015 | £2,200,841 | £1,234,385 | £1,406,625 | £2,641,009 | £9,568,875 | £9,568,875 | £0 |" -- contributions --root "$src" --year 2016/17
expect contributions-default-year 0 "# Force financial contributions 2016/17" -- contributions --root "$src"
expect contributions-csv 0 "EMCHRS Learning and Development,599575.00,633152.00,,405313.00,760261.00,2398301.00,2398301.00,0.00" -- contributions --root "$src" --csv
expect contributions-pence 0 "| EMSOU Serious and Organised Crime | £2,086,014.75 | £2,200,841.25 | £1,234,384.87 | £1,406,624.63 | £2,641,009.50 | £9,568,875.00 | £9,568,875 | £0.00 |" -- contributions --root "$src" --pence
expect contributions-no-budgets 2 "no budgets for 2019/20" -- contributions --root "$src" --year 2019/20
expect contributions-bad-year 2 "collab contributions: --year: " -- contributions --root "$src" --year 2016-18
# collab contributions is the contributions report: the same document in every format. At a
# terminal Markdown leaves out the explanations (collab explain gives one) unless asked.
run contributions --root "$src"
check_absent contributions-no-explanations "## Where the figures come from"
expect contributions-explanations 0 "## Where the figures come from" -- contributions --root "$src" --explanations
expect contributions-report-same 0 "| EMSOU Serious and Organised Crime | £2,086,015 | £2,200,841 | £1,234,385 | £1,406,625 | £2,641,009 | £9,568,875 | £9,568,875 | £0 |" -- report contributions --root "$src"
check contributions-report-explains 0 "## Where the figures come from"
expect contributions-table 0 "Notts,2641009.00,573086.00,260391.00,1087357.00,760261.00,474721.00,388029.00,142789.00,2141894.00,8469537.00" -- contributions --root "$src" --format csv --table by-force
expect contributions-csv-not-json 2 "--csv is CSV: it cannot be given with --format json" -- contributions --root "$src" --csv --format json
expect contributions-no-table 2 "its tables: contributions, by-force, published" -- contributions --root "$src" --format csv --table nope
run contributions --root "$src" --format html --out "$tmp/contributions.html"
check contributions-html-exit 0 ""
if grep -qF '£2,641,009' "$tmp/contributions.html" && grep -qF '<svg' "$tmp/contributions.html"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL contributions-html: no figure or chart in the HTML"; fi
# --pence on collab report apportions every ledger the report reads to the penny.
expect report-pence 0 "EMSOU Serious and Organised Crime,2086014.75,2200841.25,1234384.87,1406624.63,2641009.50,9568875.00,9568875.00,0.00" -- report contributions --root "$src" --pence --format csv --table contributions
expect report-pence-caption 0 "largest remainder to the penny" -- report contributions --root "$src" --pence
expect explain 0 "Notts: its remainder ranks 4 of 5: nothing added" -- explain emsou-soc notts 2016/17 --root "$src"
expect explain-renormalised 0 "23 / 87.1 = 26.4064% of the participants' weights" -- explain "EMCHRS L&D" Leics --year 2016/17 --root "$src"
expect explain-in-kind 0 "Nottinghamshire Police pays £2,141,894 in kind to East Midlands Special Operations Unit (overarching agreement) (emsou) in 2016/17" -- explain emsou Notts --root "$src"
expect explain-no-part 0 "Lincolnshire Police pays nothing to EMCHRS Learning and Development (emchrs-ld) in 2016/17: it does not take part that year" -- explain emchrs-ld lincolnshire --root "$src"
expect explain-unknown-force 2 "collab explain: unknown force 'Rutland'; 'collab forces' lists them" -- explain emsou-soc Rutland --root "$src"
expect explain-unknown-force-near 2 "unknown force 'Nottz' (did you mean 'Notts'?)" -- explain emsou-soc Nottz --root "$src"
expect explain-unknown-unit 2 "unknown unit 'emsou-xyz' (did you mean 'emsou-soc'?)" -- explain emsou-xyz Notts --root "$src"
expect explain-unknown-unit-near 2 "unknown unit 'emsou-scc' (did you mean 'emsou-soc'?)" -- explain emsou-scc Notts --root "$src"
expect explain-row-label 0 "Nottinghamshire Police pays £2,141,894 in kind to" -- explain "EMSOU - Officers in Kind" Notts --root "$src"
expect explain-total 0 "Nottinghamshire Police pays £8,469,537 in all in 2016/17: the sum of its 9 rows" -- explain Total Notts --root "$src"
expect explain-total-published 0 "£8,469,539 in pcp-2017, Force Financial Contributions 2016/17 (data/contributions.json:168:9): variance -£2" -- explain Total Notts --root "$src"
expect explain-total-cash 0 "Derbyshire Constabulary pays £4,997,001 in cash in 2016/17: the sum of its 8 rows" -- explain "Total cash" Derbys --root "$src"
expect explain-total-published-label 0 "pays £4,997,001 in cash in 2016/17" -- explain "Total Cash Contributions" Derbys --root "$src"
expect explain-no-budget 0 "Nottinghamshire Police pays nothing to East Midlands Criminal Justice Service (overarching agreement) (emcjs) in 2016/17: the unit has no budget line that year" -- explain emcjs Notts --root "$src"
expect reconcile 0 "54 cells, 46 match, 8 differ; 11 totals, 9 match, 2 differ; 4 agree with the ledger but are not the exact figure rounded half up on its own; the largest variance is £2" -- reconcile --root "$src"
expect reconcile-cause 0 "the source rounded each cell on its own: the exact share £260,391.65 rounds to £260,392" -- reconcile --root "$src"
expect reconcile-tolerance 1 "beyond the tolerance of £1" -- reconcile --root "$src" --tolerance 1

# Formulae are scripts: edit one in a copy of the tree and the same binary gives new figures.
mkdir -p "$tmp/edited"
cp -r "$src/data" "$src/scripts" "$tmp/edited/"
sed -i 's/weights\[forces\[i\]\.id\] = share\[i\]/weights[forces[i].id] = 1/' \
  "$tmp/edited/scripts/formulae/grant_share.lua"
expect edited-formula 0 "EMSOU Serious and Organised Crime,1913775.00,1913775.00,1913775.00,1913775.00,1913775.00,9568875.00,9568875.00,0.00" -- contributions --root "$tmp/edited" --csv
expect edited-formula-explain 0 "Notts: 1" -- explain emsou-soc Notts --root "$tmp/edited"
expect edited-formula-reconcile 1 "beyond the tolerance of £2" -- reconcile --root "$tmp/edited"

# A broken formula: exit 2 and the script's line; an endless one: exit 1 and the limit.
cp -r "$tmp/edited" "$tmp/broken"
printf 'return collab.formula{ id = "grant_share",\n  title = "x" weights = 1 }\n' >"$tmp/broken/scripts/formulae/grant_share.lua"
expect broken-formula 2 "scripts/formulae/grant_share.lua:2: error: syntax error:" -- contributions --root "$tmp/broken"
expect broken-formula-check 2 "scripts/formulae/grant_share.lua:2: error: syntax error:" -- check --root "$tmp/broken"
check_absent broken-formula-check-once "unknown formula"
printf 'return collab.formula{ id = "grant_share", title = "x",\n  weights = function() while true do end end }\n' >"$tmp/broken/scripts/formulae/grant_share.lua"
expect endless-formula 1 "scripts/formulae/grant_share.lua:2: error: " -- contributions --cpu-limit 300 --root "$tmp/broken"
check endless-formula-limit 1 "CPU time limit exceeded (300 ms)"

finish
