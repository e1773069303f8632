#!/usr/bin/env bash
# collab sweep: a spec read strictly; the same seed gives the same bytes on one thread and two; the
# percentiles equal sorting every scenario's total from the stream; failing scenarios are listed
# exactly and the rest complete, the same on one thread and two; a formula keeping a global counter
# fails clearly, never varying, and one counting in its params sees a fresh table per call; Ctrl-C stops cleanly; a grid; per unit; nothing on stderr but the
# summary when it is not a terminal.
. "$(dirname "$0")/lib.sh"
python=/usr/bin/python3

expect help 0 "--stream-format" -- sweep --help --root "$src"
expect help-percentiles 0 "nearest rank" -- sweep --help --root "$src"

# A spec with a typo, an unknown force and an empty range: every fault at its line:column.
cat >"$tmp/bad.json" <<'JSON'
{
  "year": "2017/18",
  "vary": [{"grants": ["derbyshir"], "by": ["-10%", "10%"]},
           {"budgets": "emsou-soc", "by": ["5%", "-5%"]}],
  "rnus": 10
}
JSON
expect bad-field 2 "$tmp/bad.json:5:11: error: unknown field 'rnus' in a sweep" -- sweep --spec "$tmp/bad.json" --root "$src"
check bad-field-hint 2 "did you mean 'runs'?"
check bad-force 2 "$tmp/bad.json:3:24: error: unknown force 'derbyshir'"
check bad-range 2 "the range is empty: 5% is above -5%"
check bad-nothing 2 "nothing written"

# collab check reads data/sweeps: a bad spec there is an error at its place.
t=$(tree badcheck)
cp "$tmp/bad.json" "$t/data/sweeps/bad.json"
expect check-reads-sweeps 2 "data/sweeps/bad.json:5:11: error: unknown field 'rnus' in a sweep" -- check --root "$t"
printf '{"year": "2017/18", "baseline": "lincs-join-ld", "vary": [{"grants": "all", "by": ["-1%%", "1%%"]}]}' >"$t/data/sweeps/bad.json"
expect check-sweep-baseline 2 "unknown baseline scenario 'lincs-join-ld'" -- check --root "$t"
check check-sweep-baseline-hint 2 "did you mean 'lincs-joins-ld'?"

# Byte-identical on one thread and two, in every text format.
for format in json md csv; do
  extra=""
  [ "$format" = csv ] && extra="--table forces"
  "$collab" sweep --spec "$src/data/sweeps/grants-10.json" --runs 120 --seed 3 --threads 1 --format $format $extra --root "$src" >"$tmp/t1.$format" 2>/dev/null
  "$collab" sweep --spec "$src/data/sweeps/grants-10.json" --runs 120 --seed 3 --threads 2 --format $format $extra --root "$src" >"$tmp/t2.$format" 2>"$tmp/t2.err"
  if cmp -s "$tmp/t1.$format" "$tmp/t2.$format" && [ -s "$tmp/t1.$format" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL threads-$format: one thread and two differ"; diff "$tmp/t1.$format" "$tmp/t2.$format" | head; fi
done
out=$(cat "$tmp/t1.md"); code=0
check md-names-generator 0 "seed 3, generator SplitMix64"
check md-table 0 "Each force's total, 2017/18"
out=$(cat "$tmp/t2.err")
check summary-line 0 "collab sweep: 120 scenarios in"
check_absent no-progress-on-a-pipe $'\r'

# The plan engine and the general engine: the same bytes (grants and budgets move), and the summary says which ran.
for spec in grants-10 budgets-grid; do
  runs="--runs 150"
  [ $spec = budgets-grid ] && runs=""
  "$collab" sweep --spec "$src/data/sweeps/$spec.json" $runs --per-unit --format json --engine plan --root "$src" >"$tmp/plan.json" 2>"$tmp/plan.err"
  "$collab" sweep --spec "$src/data/sweeps/$spec.json" $runs --per-unit --format json --engine general --root "$src" >"$tmp/general.json" 2>"$tmp/general.err"
  if cmp -s "$tmp/plan.json" "$tmp/general.json" && grep -q "plan engine" "$tmp/plan.err" && grep -q "general engine" "$tmp/general.err"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL engines-$spec: the plan and general engines differ"; diff "$tmp/plan.json" "$tmp/general.json" | head; cat "$tmp/plan.err"
  fi
done
run sweep --spec "$src/data/sweeps/cap-seek.json" --runs 5 --engine plan --root "$src"
check plan-refuses-steps 2 "the plan engine moves grants and budgets only"
run sweep --spec "$src/data/sweeps/cap-seek.json" --runs 5 --root "$src"
check auto-general-for-steps 0 "general engine"

# The percentiles equal sorting the stream's totals (nearest rank); the mean is rounded half up.
run sweep --spec "$src/data/sweeps/grants-10.json" --runs 300 --seed 11 --format json --out "$tmp/s.json" --stream "$tmp/s.csv" --root "$src"
check stream-run 0 "300 scenarios"
out=$("$python" - "$tmp/s.json" "$tmp/s.csv" <<'PY'
import csv, json, sys
doc = json.load(open(sys.argv[1]))
table = next(b for b in doc["blocks"] if b.get("id") == "forces")
rows = list(csv.DictReader(open(sys.argv[2])))
bad = 0
for row in table["rows"]:
    v = sorted(int(r[row["force"]]) for r in rows if r["status"] == "ok")
    n = len(v)
    rank = lambda p: max(1, (p * n + 99) // 100)
    mean = (2 * sum(v) + n) // (2 * n)
    want = {"min": v[0], "p5": v[rank(5) - 1], "median": v[rank(50) - 1], "p95": v[rank(95) - 1], "max": v[-1], "mean": mean}
    bad += sum(1 for k in want if row[k] != want[k])
print(f"{len(rows)} streamed, {len(table['rows'])} forces, {bad} differ")
PY
)
code=0
check percentiles-equal-sorting 0 "300 streamed, 5 forces, 0 differ"

# A rule that refuses some draws (above 8%), fails in its own code for others (below -9%), and loops
# for a few (9.9% and up, stopped by the CPU limit): exactly those scenarios are listed, the rest complete.
t=$(tree picky)
cat >"$t/scripts/whatif/picky.lua" <<'LUA'
return collab.rule {
  id = "picky",
  title = "Refuses big changes",
  description = "For the sweep test: refuses, fails or loops on some values.",
  params = { by = { type = "percent", required = true, doc = "a change" } },
  apply = function(model, params, step)
    local n = tonumber((params.by:gsub("%%", "")))
    if n >= 9.9 then while true do end end
    if n > 8 then collab.param_error("by", "more than 8% is refused") end
    if n < -9 then error("below -9% the rule's own code fails") end
  end,
}
LUA
cat >"$tmp/picky.json" <<'JSON'
{
  "year": "2017/18",
  "steps": [{"rule": "picky", "from": "2017/18", "params": {"by": "0%"}}],
  "vary": [{"step": 1, "param": "by", "range": ["-10%", "10%"]},
           {"grants": "all", "by": ["-1%", "1%"]}]
}
JSON
# Explicitly on two threads and on one (each worker's warm state sees a different run of
# scenarios): exactly the same scenarios fail for the same reasons, and the bytes are the same.
for threads in 2 1; do
run --cpu-limit 100 sweep --spec "$tmp/picky.json" --runs 2000 --seed 5 --threads $threads --format json --out "$tmp/picky-out-$threads.json" --stream "$tmp/picky-$threads.jsonl" --stream-format jsonl --root "$t"
check picky-exit-1-threads-$threads 1 "2000 scenarios in"
check picky-threads-$threads 1 "$threads thread"
out=$("$python" - "$tmp/picky-out-$threads.json" "$tmp/picky-$threads.jsonl" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
listed = {r["scenario"]: r["reason"] for b in doc["blocks"] if b.get("id") == "failures" for r in b["rows"]}
lines = [json.loads(l) for l in open(sys.argv[2])]
def pct(s): return float(s.rstrip("%"))
want = {l["scenario"] for l in lines if pct(l["values"]["step1:by"]) > 8 or pct(l["values"]["step1:by"]) < -9}
failed = {l["scenario"] for l in lines if l["status"] == "failed"}
kinds = {"refused": sum("more than 8% is refused" in r for r in listed.values()),
         "error": sum("own code fails" in r for r in listed.values()),
         "cpu": sum("CPU" in r or "limit" in r for r in listed.values())}
ok = len(lines) == 2000 and failed == want and set(listed) == want and all(kinds.values())
print(f"{len(lines)} scenarios, {len(want)} should fail, {len(failed)} failed, {len(listed)} listed, exact: {ok}")
forces = next(b for b in doc["blocks"] if b.get("id") == "forces")
print("computed", 2000 - len(want), "in the figures" if doc["blocks"][0]["spans"][0]["text"].find(f"{2000 - len(want)} computed") >= 0 else "MISSING")
PY
)
code=0
check picky-exact-threads-$threads 0 "exact: True"
check picky-rest-computed-threads-$threads 0 "in the figures"
done
for file in picky-out-%s.json picky-%s.jsonl; do
  one=$tmp/$(printf "$file" 1) two=$tmp/$(printf "$file" 2)
  if cmp -s "$one" "$two" && [ -s "$one" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL picky-threads-same: $(basename "$one") and $(basename "$two") differ"; diff "$one" "$two" | head -5; fi
done

# A formula that keeps a counter in a global. Its globals are frozen once it has loaded, so the
# assignment fails the call at its line, on every thread, and no scenario's figures depend on the
# ones a worker ran before: counting on every call, the sweep refuses at start (the baseline fails);
# counting only when Derbyshire's moved grant is an odd number of pence, exactly the scenarios that
# assign fail, the same ones with one thread and two, on both engines, and every other scenario's
# totals are those of the bundled grant_share.
t=$(tree counter)
counter() {  # counter CONDITION: grant_share, counting calls in a global when CONDITION holds
  "$python" - "$src/scripts/formulae/grant_share.lua" "$t/scripts/formulae/grant_share.lua" "$1" <<'PY'
import sys
s = open(sys.argv[1]).read()
edited = s.replace("local grants_of, shares_of", "calls = 0\nlocal grants_of, shares_of", 1)
edited = edited.replace("    local weights = {}\n", f"    if {sys.argv[3]} then calls = calls + 1 end\n    local weights = {{}}\n", 1)
if edited.count("calls = ") != 2:
    sys.exit("sweep.sh: the counter edit of grant_share.lua did not apply")
s = edited
open(sys.argv[2], "w").write(s)
PY
}
reason="error in formula 'grant_share': assigns global 'calls' (state kept between calls would make a sweep's scenarios depend on each other; use a local)"
counter true
count_line=$(grep -n 'calls = calls + 1' "$t/scripts/formulae/grant_share.lua" | cut -d: -f1)
for threads in 1 2; do
  expect counter-refused-threads-$threads 2 "scripts/formulae/grant_share.lua:$count_line: error: runtime error: $reason" -- sweep --spec "$src/data/sweeps/grants-10.json" --runs 50 --seed 3 --threads $threads --root "$t"
  check counter-refused-nothing-$threads 2 "cannot run; nothing written"
done
counter "grant[1] % 2 == 1"
"$collab" sweep --spec "$src/data/sweeps/grants-10.json" --runs 200 --seed 3 --format json --stream "$tmp/clean.jsonl" --stream-format jsonl --root "$src" >/dev/null 2>&1
for run in "1 plan" "2 plan" "1 general" "2 general"; do
  read -r threads engine <<<"$run"
  "$collab" sweep --spec "$src/data/sweeps/grants-10.json" --runs 200 --seed 3 --threads $threads --engine $engine --format json --out "$tmp/counter-$threads-$engine.json" --stream "$tmp/counter-$threads-$engine.jsonl" --stream-format jsonl --root "$t" 2>/dev/null
  code=$?
  out=$("$python" - "$tmp/counter-$threads-$engine.jsonl" "$tmp/clean.jsonl" "$reason" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
clean = {l["scenario"]: l for l in map(json.loads, open(sys.argv[2]))}
failed = [l for l in lines if l["status"] == "failed"]
ok = [l for l in lines if l["status"] == "ok"]
clear = all(sys.argv[3] in l["reason"] for l in failed)
same = all(l["totals"] == clean[l["scenario"]]["totals"] for l in ok)
print(f"{len(lines)} scenarios, {len(failed)} failed, {len(ok)} computed; reasons clear: {clear}; the rest as clean: {same}")
print("counter-exact" if len(lines) == 200 and failed and ok and clear and same else "counter-WRONG")
print("failed:", [l["scenario"] for l in failed])
PY
)
  check "counter-threads-$threads-$engine" 1 "counter-exact"
  grep '^failed:' <<<"$out" >"$tmp/counter-failed-$threads-$engine"
  out=$(cat "$tmp/counter-$threads-$engine.jsonl")  # each engine's reason names the line, on one line
  check "counter-line-$threads-$engine" 1 "scripts/formulae/grant_share.lua:$count_line: error: runtime error: $reason; while computing the weights for 2017/18"
  check_absent "counter-one-line-$threads-$engine" "traceback"
done
# The same scenarios fail on both engines; each engine's bytes are the same on one thread and two
# (the general engine's reason also names the unit whose row failed).
for engine in plan general; do
  for ext in json jsonl; do
    if cmp -s "$tmp/counter-1-$engine.$ext" "$tmp/counter-2-$engine.$ext"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL counter-threads-same-$engine.$ext: one thread and two differ"; diff "$tmp/counter-1-$engine.$ext" "$tmp/counter-2-$engine.$ext" | head -5; fi
  done
done
if cmp -s "$tmp/counter-failed-1-plan" "$tmp/counter-failed-2-general"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL counter-engines-same-failures"; fi

# A formula that counts its calls in its params table instead, and weighs by the count. Every call
# is given its own params, so the count is 1 in each and no scenario sees another's: every scenario
# computes, on both engines, on one thread and two, with the totals of the bundled grant_share.
t=$(tree params-counter)
"$python" - "$src/scripts/formulae/grant_share.lua" "$t/scripts/formulae/grant_share.lua" <<'PY'
import sys
s = open(sys.argv[1]).read()
edited = s.replace("weights = function(year, forces)\n", "weights = function(year, forces, params)\n    params.calls = (params.calls or 0) + 1\n", 1)
edited = edited.replace("weights[forces[i].id] = share[i] end", "weights[forces[i].id] = share[i] + (params.calls - 1) * i end", 1)
if edited.count("params.calls") != 3:
    sys.exit("sweep.sh: the params-counter edit of grant_share.lua did not apply")
open(sys.argv[2], "w").write(edited)
PY
for run in "1 plan" "2 plan" "1 general" "2 general"; do
  read -r threads engine <<<"$run"
  "$collab" sweep --spec "$src/data/sweeps/grants-10.json" --runs 200 --seed 3 --threads $threads --engine $engine --format json --out "$tmp/params-$threads-$engine.json" --stream "$tmp/params-$threads-$engine.jsonl" --stream-format jsonl --root "$t" 2>/dev/null
  code=$?
  out=$("$python" - "$tmp/params-$threads-$engine.jsonl" "$tmp/clean.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
clean = {l["scenario"]: l for l in map(json.loads, open(sys.argv[2]))}
ok = [l for l in lines if l["status"] == "ok" and l["totals"] == clean[l["scenario"]]["totals"]]
print(f"{len(lines)} scenarios, {len(ok)} as the bundled formula gives them")
print("params-exact" if len(lines) == 200 and len(ok) == 200 else "params-WRONG")
PY
)
  check "params-counter-threads-$threads-$engine" 0 "params-exact"
done

# Ctrl-C: a long sweep stopped once its stream has lines: in-flight scenarios finish, nothing at --out,
# every stream line whole, and it says how far it got.
"$collab" sweep --spec "$src/data/sweeps/grants-10.json" --runs 1000000 --out "$tmp/never.md" --stream "$tmp/long.csv" --root "$src" 2>"$tmp/long.err" &
pid=$!
for _ in $(seq 1 600); do
  [ -f "$tmp/long.csv" ] && [ "$(wc -l <"$tmp/long.csv")" -ge 20 ] && break
  sleep 0.1
done
kill -INT $pid
wait $pid
code=$?
out=$(cat "$tmp/long.err")
check interrupted 1 "collab sweep: interrupted:"
check interrupted-how-far 1 "of 1000000 scenarios done"
check interrupted-nothing-written 1 "nothing written to $tmp/never.md"
if [ ! -e "$tmp/never.md" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL interrupted-no-out: $tmp/never.md exists"; fi
out=$(awk -F, 'NR > 1 && NF != 13 { bad++ } END { print NR - 1 " lines, " bad + 0 " broken" }' "$tmp/long.csv")
code=0
check interrupted-stream-whole 0 " 0 broken"

# A grid: 5 x 5 points; per unit.
run sweep --spec "$src/data/sweeps/budgets-grid.json" --per-unit --format csv --table units --root "$src"
check grid-per-unit 0 "emsou-soc,nottinghamshire,"
run sweep --spec "$src/data/sweeps/budgets-grid.json" --runs 10 --root "$src"
check grid-no-runs 2 "--runs is for Monte Carlo"
run sweep --spec "$src/data/sweeps/budgets-grid.json" --root "$src"
check grid-size 0 "25 scenarios (grid, 5 points per range"

finish
