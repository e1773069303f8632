#!/usr/bin/env bash
# collab run, verify and test: a run promoted to latest with its manifest; two runs on the same
# inputs byte-identical with an empty change summary; a changed budget in changes.md with the
# difference in every figure it moves; a failing expectation exits 1 naming its file:line and
# leaves latest where it was; a failing plug-in leaves latest on the previous run; the lock (a
# concurrent run refused, a stale lock taken over); SIGTERM and a killed run's leftovers; a
# missing or read-only output folder exits 2; run.json read strictly; JSON log lines; pruning.
. "$(dirname "$0")/lib.sh"

# A copy of the inputs (data, scripts, plug-ins) to edit: copy NAME prints its path.
copy() {
  local dir=$tmp/$1
  mkdir -p "$dir"
  cp -r "$src/data" "$src/scripts" "$src/plugins" "$dir/"
  printf '%s' "$dir"
}
small=(--years 2016/17 --reports contributions,s22-register --formats md,json,csv --scenarios lincs-joins-ld)

# ---- collab test on the bundled expectations, and one that moved ----
expect test-bundled 0 "collab test: 7 of 7 expectations hold" -- test --root "$src"
root=$(copy moved)
sed -i 's/"£2,641,009"/"£2,641,010"/' "$root/data/expectations/pcp-2017.json"
expect test-moved 1 "data/expectations/pcp-2017.json:3:5: 2016/17 EMSOU Serious and Organised Crime: Notts cash is £2,641,009, pinned at £2,641,010 (exactly): moved -£1" -- test --root "$root"
check test-moved-count 1 "collab test: 6 of 7 expectations hold"
root=$(copy typo)
sed -i 's/"tolerance_pence": 100/"tolerence_pence": 100/; s/"force": "lincolnshire", "kind": "cash"/"force": "lincs", "kind": "cash"/' "$root/data/expectations/pcp-2017.json"
expect test-unknown-key 2 "unknown key 'tolerence_pence' (did you mean 'tolerance_pence'?)" -- test --root "$root"
check test-unknown-force 2 "unknown force 'lincs'"
expect check-sees-expectations 2 "data/expectations/pcp-2017.json:" -- check -q --root "$root"

# ---- a run on a copy: promoted, verified, manifest complete ----
root=$(copy main)
o1=$tmp/out
mkdir "$o1"
expect run-first 0 "latest -> runs/" -- run --out "$o1" --root "$root" "${small[@]}"
check run-first-changes 0 "This is the first run"
first=$(readlink "$o1/latest")
out=$(cd "$o1/latest" && find . -type f | sort); code=0
for f in ./manifest.json ./reports/2016-17/contributions.md ./reports/2016-17/contributions.json ./reports/2016-17/s22-register.md \
  ./whatif/lincs-joins-ld.md ./whatif/lincs-joins-ld-csv/whatif-forces-2017-18.csv ./changes.md ./changes.json ./figures.json; do
  check "run-file $f" 0 "$f"
done
expect verify-ok 0 "outputs match the manifest" -- verify "$o1/latest"
expect verify-out-folder 0 "outputs match the manifest" -- verify "$o1"
manifest=$(cat "$o1/latest/manifest.json")
for key in '"schema": "collab.manifest"' '"lua": "Lua 5.4' '"path": "data/budgets.json"' '"path": "plugins/pcc-board-pack/plugin.json"' \
  '"path": "scripts/formulae/grant_share.lua"' '"step": "report contributions 2016/17"' '"duration_ms"' '"path": "reports/2016-17/contributions.md"' \
  '"status": "ok"' '"started"' '"finished"' '"cpu_limit_ms": 2000' '"warnings"'; do
  out=$manifest; code=0; check "manifest-has-$key" 0 "$key"
done
must_fail verify-can-fail check verify-ok-fake 0 "outputs match the manifest"

# Tampering is named.
cp -r "$o1/latest/" "$tmp/tampered"
echo extra >>"$tmp/tampered/reports/2016-17/contributions.md"
echo new >"$tmp/tampered/stray.txt"
rm "$tmp/tampered/whatif/lincs-joins-ld.json"
expect verify-tampered 1 "reports/2016-17/contributions.md: " -- verify "$tmp/tampered"
check verify-stray 1 "stray.txt: not in the manifest"
check verify-missing 1 "whatif/lincs-joins-ld.json: missing"
expect verify-no-run 2 "no manifest.json" -- verify "$tmp"

# ---- the same inputs again: byte-identical reports, nothing changed ----
expect run-same 0 "Nothing changed since the run of ${first#runs/}" -- run --out "$o1" --root "$root" "${small[@]}"
second=$(readlink "$o1/latest")
[ "$first" != "$second" ]; code=$?; out="$first $second"; check run-new-folder 0 "$first"
(cd "$o1/$first" && find reports whatif figures.json -type f | sort | xargs sha256sum) >"$tmp/a.sums"
(cd "$o1/$second" && find reports whatif figures.json -type f | sort | xargs sha256sum) >"$tmp/b.sums"
diff "$tmp/a.sums" "$tmp/b.sums" >/dev/null && [ -s "$tmp/a.sums" ]; code=$?; out=$(cat "$tmp/b.sums"); check run-byte-identical 0 "contributions.md"
out=$(cat "$o1/latest/changes.json"); code=0
check changes-json-empty 0 '"figures": []'
check changes-json-inputs-empty 0 '"inputs": []'

# ---- a changed budget: the run fails on the pinned Notts total, not promoted ----
sed -i 's/"cash": 2076400/"cash": 2176400/' "$root/data/budgets.json"
expect run-expectation-fails 1 "data/expectations/pcp-2017.json:28:5: 2016/17 total: Notts cash and in kind is £8,497,137, pinned at £8,469,539 (within £2 either way): moved +£27,598" -- run --out "$o1" --root "$root" "${small[@]}"
check run-expectation-not-promoted 1 "not promoted"
[ "$(readlink "$o1/latest")" = "$second" ]; code=$?; out=$(readlink "$o1/latest"); check latest-kept-on-failure 0 "$second"
# Without the expectations (the budget moves several pinned figures) the run passes, and changes.md
# lists every figure the budget moved, against the last good run.
rm -r "$root/data/expectations"
expect run-changed 0 "figures moved" -- run --out "$o1" --root "$root" "${small[@]}"
changes=$(cat "$o1/latest/changes.md")
out=$changes; code=0
check changes-previous-good 0 "Since the run of ${second#runs/}, 3 inputs changed: data/budgets.json (changed), data/expectations/pcp-2017.json (removed), data/expectations/scenarios.json (removed)"
check changes-largest-first 0 "the largest 2016/17 EMSOU Technical Support Unit: budget, cash from £2,076,400 to £2,176,400 (+£100,000)"
for row in "| 2016/17 EMSOU Technical Support Unit: Notts cash | £573,086 | £600,686 | +£27,600 |" \
  "| 2016/17 EMSOU Technical Support Unit: Leics cash | £477,572 | £500,572 | +£23,000 |" \
  "| 2016/17 EMSOU Technical Support Unit: Derbys cash | £452,655 | £474,455 | +£21,800 |" \
  "| 2016/17 EMSOU Technical Support Unit: Northants cash | £305,231 | £319,931 | +£14,700 |" \
  "| 2016/17 EMSOU Technical Support Unit: Lincs cash | £267,856 | £280,756 | +£12,900 |" \
  "| 2016/17 total: Notts cash | £6,327,643 | £6,355,243 | +£27,600 |" \
  "| 2016/17 total: Lincs cash and in kind | £3,603,250 | £3,616,150 | +£12,900 |" \
  "| lincs-joins-ld: 2017/18 EMSOU Technical Support Unit: Lincs cash |"; do
  check "changes-row $row" 0 "$row"
done
check_absent changes-unmoved-unit "EMSOU Serious and Organised Crime: Notts cash |"
out=$(cat "$o1/latest/changes.json"); code=0
check changes-json-figure 0 '"key": "data/2016-17/emsou-tsu/nottinghamshire/cash"'
check changes-json-delta 0 '"change_pence": 2760000'
# A saving that moved is listed too.
sed -i 's/"actual": 326642/"actual": 336642/; s/"actual": 2659646/"actual": 2669646/' "$root/data/savings.json"  # and the table's total
expect run-savings-changed 0 "1 figure moved, the largest 2016/17 savings: the region's actual from £326,642 to £336,642 (+£10,000)" -- run --out "$o1" --root "$root" "${small[@]}"

# ---- a failing plug-in: the other reports render, exit 1, latest stays ----
before=$(readlink "$o1/latest")
sed -i '0,/build = function(ctx)/s//build = function(ctx) error("board pack exploded")/' "$root/plugins/pcc-board-pack/board-pack.lua"
expect run-plugin-fails 1 "board pack exploded" -- run --out "$o1" --root "$root" --years 2016/17 --reports board-pack,contributions --formats md --scenarios none
check run-plugin-others 1 "[report contributions 2016/17] written as md"
check run-plugin-not-promoted 1 "not promoted"
[ "$(readlink "$o1/latest")" = "$before" ]; code=$?; out=$(readlink "$o1/latest"); check latest-kept-on-plugin 0 "$before"
kept=$(ls -t "$o1/runs" 2>/dev/null | head -1)
out=$(ls "$o1/runs"); code=0; check failed-run-kept 0 "Z"
# With promote_with_failures the run is promoted, marked failed in its manifest, and still exits 1.
printf '{"promote_with_failures": true}\n' >"$root/data/run.json"
expect run-promote-failures 1 "with failures" -- run --out "$tmp/out" --root "$root" --years 2016/17 --reports board-pack,contributions --formats md --scenarios none
out=$(cat "$tmp/out/latest/manifest.json"); code=0
check promoted-marked-failed 0 '"status": "failed"'
check promoted-step-failed 0 '"status": "failed"'
: "$kept"

# ---- the lock ----
root=$(copy lock)
out2=$tmp/out2
mkdir "$out2"
exec 9>"$out2/.lock"
flock 9
echo 424242 >"$out2/.lock"
expect run-locked 2 "another collab run (pid 424242) is writing to $out2" -- run --out "$out2" --root "$root" "${small[@]}"
exec 9>&-
# A lock file left by a run that died: its pid is gone and nobody holds the lock.
sleep 0 & dead=$!; wait $dead
echo "$dead" >"$out2/.lock"
expect run-stale-lock 0 "took over the lock left by run pid $dead, which is no longer running" -- run --out "$out2" --root "$root" "${small[@]}"

# ---- leftovers of a killed run are cleaned; SIGTERM stops cleanly ----
mkdir -p "$out2/.staging-20260101T000000Z-99999/reports" "$out2/.trash-20260101T000000Z-99999"
ln -s runs/nowhere "$out2/.latest-99999"
expect run-cleans 0 "removed .staging-20260101T000000Z-99999 left by an interrupted run" -- run --out "$out2" --root "$root" "${small[@]}"
check run-cleans-trash 0 "removed .trash-20260101T000000Z-99999"
check run-cleans-link 0 "removed .latest-99999"
latest=$(readlink "$out2/latest")
# SIGTERM once the staging folder exists: the run stops at its next step and removes it.
"$collab" run --out "$out2" --root "$root" "${small[@]}" >"$tmp/term.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do compgen -G "$out2/.staging-*" >/dev/null && break; sleep 0.05; done
kill -TERM $pid
wait $pid
code=$?
out=$(cat "$tmp/term.log")
# Whether the signal came before the run finished depends on the machine: either it stopped (1,
# cleanly) or it finished (0). Either way latest is a complete run and no staging folder is left.
if [ $code = 1 ]; then check term-stopped 1 "stopped by SIGTERM"; else check term-finished 0 "latest -> runs/"; fi
compgen -G "$out2/.staging-*" >/dev/null; code=$?; out="$(ls -a "$out2")"; check term-no-staging 1 "runs"
expect term-latest-verifies 0 "outputs match the manifest" -- verify "$out2/latest"

# ---- pruning: keep 2, never latest's ----
printf '{"keep": 2}\n' >"$root/data/run.json"
for _ in 1 2; do run run --out "$out2" --root "$root" "${small[@]}"; done
check prune-ran 0 "removed the old run"
n=$(ls "$out2/runs" | wc -l)
[ "$n" = 2 ]; code=$?; out="runs: $n"; check prune-count 0 "runs: 2"
expect prune-latest-kept 0 "outputs match the manifest" -- verify "$out2/latest"
: "$latest"

# ---- the output folder ----
expect out-missing 2 "the output folder $tmp/nowhere does not exist" -- run --out "$tmp/nowhere" --root "$root" "${small[@]}"
touch "$tmp/afile"
expect out-not-folder 2 "is not a folder" -- run --out "$tmp/afile" --root "$root" "${small[@]}"
ro=$tmp/readonly
mkdir "$ro"
chmod 755 "$tmp"
chmod -R a+rX "$root"
chmod 555 "$ro"
if [ "$(id -u)" = 0 ]; then as=(setpriv --reuid=65534 --regid=65534 --clear-groups); else as=(); fi
out=$("${as[@]}" "$collab" run --out "$ro" --root "$root" "${small[@]}" 2>&1); code=$?
check out-read-only 2 "nothing written"
check out-read-only-why 2 "$ro"
[ -z "$(ls -A "$ro")" ]; code=$?; out="$(ls -A "$ro")"; check out-read-only-empty 0 ""
chmod 755 "$ro"

# ---- a full disk (a small tmpfs, when this runs as root): a clear error, latest kept ----
full=$tmp/full
mkdir "$full"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=4m tmpfs "$full" 2>/dev/null; then
  tiny=(--out "$full" --root "$root" --years 2016/17 --reports contributions --formats md --scenarios none)
  run run "${tiny[@]}"
  check full-first 0 "latest -> runs/"
  good=$(readlink "$full/latest")
  avail=$(df --output=avail -k "$full" | tail -1)
  dd if=/dev/zero of="$full/filler" bs=1k count=$((avail - 32)) 2>/dev/null
  expect full-disk 1 "No space left on device" -- run "${tiny[@]}"
  check full-disk-not-promoted 1 "not promoted"
  [ "$(readlink "$full/latest")" = "$good" ]; code=$?; out=$(readlink "$full/latest"); check full-latest-kept 0 "$good"
  expect full-latest-verifies 0 "outputs match the manifest" -- verify "$full/latest"
  umount "$full"
fi

# ---- run.json strict, flags checked, JSON log lines ----
printf '{\n  "formts": ["md"]\n}\n' >"$root/data/run.json"
expect config-unknown-key 2 "data/run.json:2:13: error: unknown key 'formts' (did you mean 'formats'?)" -- run --out "$out2" --root "$root"
expect check-run-json 2 "unknown key 'formts'" -- check -q --root "$root"
rm "$root/data/run.json"
expect flag-bad-format 2 "unknown format 'pdf'" -- run --out "$out2" --root "$root" --formats md,pdf
expect flag-bad-report 2 "unknown report 'contributons' (did you mean 'contributions'?)" -- run --out "$out2" --root "$root" --reports contributons --scenarios none --years 2016/17
expect flag-bad-year 2 "the data has no budgets for 2010/11" -- run --out "$out2" --root "$root" --years 2010/11 --scenarios none
"$collab" run --out "$out2" --root "$root" "${small[@]}" --log-format json >/dev/null 2>"$tmp/json.log"
code=$?
out=$(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    assert set(o) == {"time", "level", "step", "message", "duration_ms"}, o
    print(o["step"], o["level"])
' "$tmp/json.log" 2>&1)
check json-log 0 "report contributions 2016/17 info"
check json-log-promote 0 "promote info"

finish
