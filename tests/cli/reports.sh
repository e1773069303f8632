#!/usr/bin/env bash
# collab reports / report / plugins: every bundled report in every format (Markdown, CSV and JSON
# pinned whole by golden files; the JSON checked against its schema; the XLSX opened with
# openpyxl), the command's errors, and plug-ins dropped into a tree without a rebuild.
# Regenerate the goldens after an intended change with COLLAB_UPDATE_GOLDEN=1; review the diff.
. "$(dirname "$0")/lib.sh"
python=/usr/bin/python3  # Debian's, with python3-openpyxl (a PATH python may lack it)

reports="board-pack business-cases contributions disagreements forecast formula-and-grant programme reconciliation s22-register savings-baseline savings-targets workforce"

expect reports-list 0 "contributions        Force financial contributions" -- reports --root "$src"
for id in $reports; do check "reports-lists-$id" 0 "$id"; done
check reports-plugin 0 "board-pack           PCC board pack (plug-in pcc-board-pack)"

# Markdown and JSON, whole; CSV, every table's file in turn.
for id in $reports; do
  expect_golden "md-$id" 0 "reports/$id.md" -- report "$id" --root "$src"
  expect_golden "json-$id" 0 "reports/$id.json" -- report "$id" --format json --root "$src"
  "$collab" report "$id" --format json --root "$src" >"$tmp/$id.json"
  out=$("$python" "$src/tests/report/check_report_json.py" "$tmp/$id.json" 2>&1)
  code=$?
  check "json-schema-$id" 0 "follow collab.report version 1"
  mkdir -p "$tmp/csv-$id"
  "$collab" report "$id" --format csv --out "$tmp/csv-$id" --root "$src"
  csv=$(for f in "$tmp/csv-$id"/*.csv; do printf '==> %s <==\n' "$(basename "$f")"; tr -d '\r' <"$f"; done)
  if [ "${COLLAB_UPDATE_GOLDEN:-0}" = 1 ]; then printf '%s\n' "$csv" >"$src/tests/golden/reports/$id.csv"; fi
  if diff -u "$src/tests/golden/reports/$id.csv" - <<<"$csv" >"$tmp/diff"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); printf 'FAIL csv-%s:\n%s\n---\n' "$id" "$(cat "$tmp/diff")"; fi
done

# The documents' figures in the reports: Notts' 2016/17 SOC share (pcp-2017 prints £2,641,009), the
# computed cash total against the published £22,569,979, the baseline savings' £13,757,887.
expect md-soc-notts 0 "| EMSOU Serious and Organised Crime | £2,086,015 | £2,200,841 | £1,234,385 | £1,406,625 | £2,641,009 | £9,568,875 | £9,568,875 | £0 |" -- report contributions --root "$src"
check md-cash-total 0 "| **Total cash** | **£4,997,001** | **£5,272,638** | **£2,602,147** | **£3,370,551** | **£6,327,643** | **£22,569,980** | **£22,569,979** | **£1** |"
expect md-baseline-total 0 "**£13,757,887** | **32.76%**" -- report savings-baseline --root "$src"
expect md-reconciliation 0 "Fit: 65 of 65 published numbers reproduced, an exact fit." -- report reconciliation --root "$src"
check md-reconciliation-pence 0 "| EMSOU SOC | £9,568,875 | £9,568,874.50 to £9,568,874.99 | £9,568,874.51 to £9,568,874.99 |"
expect md-reconciliation-all 0 "| EMSOU SOC | Derbys | £2,086,015 | £2,086,015 | £0 |  |" -- report reconciliation --param all=true --root "$src"
expect md-business-case-flags 0 "Printed percentages that do not follow from their own figures: Major Crime, Learning and Development, Occupational Health." -- report business-cases --root "$src"

# CSV: one table with --table, to standard output; money as numbers, text that a spreadsheet would
# run as a formula quoted.
expect csv-table 0 "EMSOU Serious and Organised Crime,2086015.00,2200841.00,1234385.00,1406625.00,2641009.00,9568875.00,9568875.00,0.00" -- report contributions --format csv --table contributions --root "$src"
expect csv-needs-table 2 "the document has 3 tables: choose one with --table, or give --out FOLDER" -- report contributions --format csv --root "$src"
check csv-lists-tables 2 "its tables: contributions, by-force, published"
expect csv-unknown-table 2 "the document has no table 'nope'" -- report contributions --format csv --table nope --root "$src"

# XLSX: written whole to --out, opened with openpyxl; totals are formulas whose cached values are
# the computed totals (Total cost of collaboration, Notts: £8,469,537; all forces: £30,330,467).
expect xlsx-out 0 "" -- report contributions --format xlsx --out "$tmp/c.xlsx" --root "$src"
out=$("$python" "$src/tests/report/check_xlsx_formulas.py" "$tmp/c.xlsx" \
  --expect-sum "'contributions'!F15=846953700" \
  --expect-sum "'contributions'!G15=3033046700" 2>&1)
code=$?
check xlsx-formulas 0 "2 pinned totals, 0 failures"
# A binary format refuses a terminal (script(1) gives the command one).
out=$(script -qec "$collab report contributions --format xlsx --root $src" /dev/null 2>&1)
code=$?
check xlsx-not-to-terminal 2 "XLSX is binary: give --out FILE.xlsx, or redirect the output to a file"
"$collab" report contributions --format xlsx --root "$src" >"$tmp/piped.xlsx"
out=$(head -c 2 "$tmp/piped.xlsx")
code=$?
check xlsx-to-pipe 0 "PK"
for id in $reports; do
  "$collab" report "$id" --format xlsx --out "$tmp/$id.xlsx" --root "$src" 2>"$tmp/err" || echo "xlsx $id failed" >>"$tmp/err"
  out=$("$python" "$src/tests/report/check_xlsx_formulas.py" "$tmp/$id.xlsx" 2>&1; cat "$tmp/err")
  code=0
  check_absent "xlsx-$id" "FAIL"
done

# Errors: an unknown report (with a suggestion), a bad parameter, a bad year: exit 2, nothing written.
expect unknown-report 2 "unknown report 'contribution' (did you mean 'contributions'?)" -- report contribution --root "$src"
expect unknown-param 2 "report 'contributions' has no parameter 'colour'" -- report contributions --param colour=red --root "$src"
expect bad-param-form 2 "--param 'colour' must be name=value" -- report contributions --param colour --root "$src"
expect bad-year 2 "--year" -- report contributions --year 2016-99 --root "$src"
expect no-budget-year 1 "the ledger of 2012/13 cannot be computed: no budgets for 2012/13" -- report contributions --year 2012/13 --root "$src"

# --out is written whole or not at all: a failed report leaves the earlier file as it was.
printf 'earlier good output\n' >"$tmp/keep.md"
expect keep-failed 1 "was not written" -- report contributions --year 2012/13 --out "$tmp/keep.md" --root "$src"
out=$(cat "$tmp/keep.md")
code=0
check keep-earlier 0 "earlier good output"
expect out-missing-dir 1 "cannot create a file in" -- report contributions --out "$tmp/no/such/dir/x.md" --root "$src"

# Plug-ins: copied into a tree, listed and rendered without a rebuild; a broken one is listed with
# its error and every other report still renders; a plug-in's <script> shows as text.
t=$(tree plugins)
mkdir -p "$t/plugins"
cp -r "$src/plugins/pcc-board-pack" "$t/plugins/"
expect plugin-listed 0 "pcc-board-pack 1.0.0         loaded" -- plugins list --root "$t"
expect plugin-renders 0 "# Collaboration: board pack 2016/17" -- report board-pack --root "$t"
check plugin-narrative 0 "**Nottinghamshire Police** pays most: £8,469,537, 27.9% of the whole."
mkdir -p "$t/plugins/broken"
printf '{"name": "broken", "version": "0.1", "api_version": 1, "reports": ["r.lua"]}' >"$t/plugins/broken/plugin.json"
printf 'return collab.report { id = "broken-report", title = "x",\n  build = function() return nil .. 1 end,\n  oops = 1 }\n' >"$t/plugins/broken/r.lua"
mkdir -p "$t/plugins/future"
printf '{"name": "future", "version": "9", "api_version": 99, "reports": ["r.lua"]}' >"$t/plugins/future/plugin.json"
printf 'return 1\n' >"$t/plugins/future/r.lua"
expect plugin-broken-listed 0 "plugins/broken/r.lua:1: runtime error: collab.report: unknown field 'oops'" -- plugins list --root "$t"
check plugin-broken-state 0 "broken 0.1                   error"
check plugin-future-state 0 "future 9                     incompatible"
check plugin-future-why 0 "the plug-in needs host API version 99; this collab provides version 1"
check plugin-others-loaded 0 "pcc-board-pack 1.0.0         loaded"
expect plugin-others-render 0 "# Collaboration: board pack 2016/17" -- report board-pack --root "$t"
check plugin-skipped-warning 0 "warning: plug-in skipped"
expect builtin-still-renders 0 "# Force financial contributions 2016/17" -- report contributions --root "$t"

mkdir -p "$t/plugins/hostile"
printf '{"name": "hostile", "version": "1", "api_version": 1, "reports": ["h.lua"]}' >"$t/plugins/hostile/plugin.json"
cat >"$t/plugins/hostile/h.lua" <<'LUA'
return collab.report { id = "hostile", title = "<script>alert(1)</script>", build = function()
  return collab.layout.document { title = "<script>alert('title')</script>", blocks = {
    collab.layout.paragraph("<img src=x onerror=alert(2)>"),
    collab.layout.table { id = "t", title = "<b>T</b>", columns = { { key = "c", title = "=1+1" }, { key = "m", type = "money" } },
      rows = { { c = "=1+1", m = 100 }, { c = "+1", m = -250 }, { c = "-1+2", m = 0 }, { c = "@SUM(A1)", m = 1 } } } } }
end }
LUA
expect hostile-html 0 "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" -- report hostile --format html --root "$t"
check_absent hostile-no-script "<script>"
check_absent hostile-no-img "<img"
"$collab" report hostile --format csv --root "$t" >"$tmp/hostile.csv"
out=$("$python" - "$tmp/hostile.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
for text, money in rows[1:]:
    assert not text[0] in "=+-@", f"{text!r} would run as a formula"
    float(money)
print("text cells read back as text:", [r[0] for r in rows[1:]], "money:", [float(r[1]) for r in rows[1:]])
PY
)
code=$?
check hostile-csv 0 "text cells read back as text: [\"'=1+1\", \"'+1\", \"'-1+2\", \"'@SUM(A1)\"] money: [1.0, -2.5, 0.0, 0.01]"

# collab check builds every report: a built-in report that fails is an error (exit 2); a
# plug-in's is a warning, and under --strict a failure (exit 1).
t=$(tree check)
sed -i 's/local w = collab.record.workforce()/local w = collab.record.workforce() .. 1/' "$t/scripts/reports/workforce.lua"
expect check-builtin-report 2 "scripts/reports/workforce.lua:11: error: report 'workforce': runtime error: attempt to concatenate a table value" -- check -q --root "$t"
t=$(tree check-plugin)
mkdir -p "$t/plugins/fails"
printf '{"name": "fails", "version": "1", "api_version": 1, "reports": ["r.lua"]}' >"$t/plugins/fails/plugin.json"
printf 'return collab.report { id = "fails", title = "x", build = function() error("no figures today") end }\n' >"$t/plugins/fails/r.lua"
expect check-plugin-report 0 "plugins/fails/r.lua:1: warning: plug-in fails: report 'fails': runtime error: no figures today" -- check --root "$t"
expect check-plugin-strict 1 "plug-in fails" -- check --strict --root "$t"

finish
