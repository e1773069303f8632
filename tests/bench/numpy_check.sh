#!/usr/bin/env bash
# ctest numpy-sweep: collab sweep and the numpy sweep an analyst would write (numpy_sweep.py) give the
# same percentiles, min, max and mean to the penny, for every force: 300 scenarios of every force's
# grant within ±10% on a generated national set (43 forces, 300 units, four formulae) and on the East
# Midlands (data/sweeps/grants-10.json, 2017/18: projected budgets and grants); and 12,000 East
# Midlands scenarios, beyond what a sweep keeps whole (8,192 values a force), so its percentiles
# come from the windows it keeps around them (host/sweep/stats.h) in one pass.
#   numpy_check.sh COLLAB SOURCE_DIR
set -u
collab=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
python=/usr/bin/python3  # Debian's, with python3-numpy

"$collab" generate national --seed 4 --out "$tmp/national" --root "$src" >/dev/null || exit 1
cat >"$tmp/national.json" <<'JSON'
{"year": "2016/17", "vary": [{"grants": "all", "by": ["-10%", "10%"]}]}
JSON

compare() {  # NAME ROOT SPEC RUNS
  local name=$1 root=$2 spec=$3 runs=$4
  "$collab" sweep --spec "$spec" --runs "$runs" --seed 9 --format json --out "$tmp/$name-collab.json" --root "$root" 2>"$tmp/$name.err" \
    || { echo "FAIL $name: collab sweep failed"; cat "$tmp/$name.err"; status=1; return; }
  "$python" "$src/tests/bench/numpy_sweep.py" --root "$root" --spec "$spec" --runs "$runs" --seed 9 >"$tmp/$name-numpy.json" \
    || { echo "FAIL $name: numpy_sweep.py failed"; status=1; return; }
  "$python" - "$tmp/$name-collab.json" "$tmp/$name-numpy.json" "$name" "$runs" <<'PY' || status=1
import json, sys
collab = json.load(open(sys.argv[1]))
numpy = json.load(open(sys.argv[2]))
table = next(b for b in collab["blocks"] if b.get("id") == "forces")
differ = []
for row in table["rows"]:
    mine = numpy["forces"][row["force"]]
    for key in ("min", "p5", "median", "p95", "max", "mean"):
        if row[key] != mine[key]:
            differ.append(f"{row['force']} {key}: collab {row[key]}, numpy {mine[key]}")
print(f"{sys.argv[3]}: {len(table['rows'])} forces, {numpy['computed']} scenarios, {len(differ)} figures differ")
for d in differ[:20]:
    print("  " + d)
sys.exit(1 if differ or numpy["computed"] != int(sys.argv[4]) else 0)
PY
}

compare national "$tmp/national" "$tmp/national.json" 300
compare east-midlands "$src" "$src/data/sweeps/grants-10.json" 300
compare east-midlands-12k "$src" "$src/data/sweeps/grants-10.json" 12000
exit $status
