#!/usr/bin/env bash
# collab generate national: a synthetic 43-force data set that every command runs on; the same
# seed gives the same files; each of its hundreds of rows adds up exactly to its budget.
. "$(dirname "$0")/lib.sh"
python=/usr/bin/python3

expect generated 0 "wrote $tmp/a: 43 forces, 300 units with budgets for 2016/17 (seed 7, SplitMix64)" -- generate national --seed 7 --out "$tmp/a" --root "$src"
expect same-seed 0 "wrote $tmp/b" -- generate national --seed 7 --out "$tmp/b" --root "$src"
if diff -r "$tmp/a/data" "$tmp/b/data" >/dev/null; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL same-seed-bytes: seed 7 twice gave different files"; fi
expect other-seed 0 "wrote $tmp/c" -- generate national --seed 8 --units 40 --out "$tmp/c" --root "$src"
if ! diff -q "$tmp/a/data/forces.json" "$tmp/c/data/forces.json" >/dev/null; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL other-seed: seeds 7 and 8 gave the same forces"; fi
expect not-empty 2 "exists and is not an empty folder: nothing written" -- generate national --out "$tmp/a" --root "$src"
expect bad-kind 2 "kind" -- generate regional --out "$tmp/d" --root "$src"

expect checks 0 "collab check: 0 errors, 0 warnings, 0 notes" -- check --root "$tmp/a"
expect explains 0 "participants  4 forces from 2016/17: GMP, Norfolk, N Yorks, S Wales" -- explain unit-001 avon-somerset --root "$tmp/a"

# Every row (300 units' cash, and in kind for the 24 of seed 7 that have it) adds up to its budget, and every unit is there with 2 to 43 payers.
"$collab" contributions --csv --root "$tmp/a" >"$tmp/a.csv" 2>&1
code=$?
out=$("$python" - "$tmp/a.csv" "$tmp/a/data/budgets.json" <<'PY'
import csv, json, sys
from decimal import Decimal
rows = list(csv.reader(open(sys.argv[1], newline="")))
budgets = {l["unit"]: l for l in json.load(open(sys.argv[2]))["budgets"][0]["lines"]}
header, body = rows[0], [r for r in rows[1:] if not r[0].startswith("Total")]
forces = [i for i, h in enumerate(header) if h.startswith("Computed: ")]
total = header.index("Total")
bad = 0
for r in body:
    parts = [Decimal(r[i]) for i in forces if r[i] != ""]
    if sum(parts) != Decimal(r[total]) or not 2 <= len(parts) <= 43:
        bad += 1
in_kind = sum(1 for b in budgets.values() if "in_kind" in b)
print(f"{len(body)} rows ({len(budgets)} cash, {in_kind} in kind), {bad} bad")
PY
)
check rows-add-up 0 "324 rows (300 cash, 24 in kind), 0 bad"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
