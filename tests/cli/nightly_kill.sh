#!/usr/bin/env bash
# The kill test: collab run SIGKILLed at KILLS random moments (default 50). After each: latest
# still points at a complete run that collab verify accepts, every folder under runs/ is a complete
# run (its manifest is there, the newest verifies), and a later run cleans what the killed one left.
# The moments are drawn over the length of one whole run, measured first, so they fall across
# every step whatever the machine's speed; no assertion depends on when the kill lands.
# tests/nightly/soak.sh runs it with many more kills.
. "$(dirname "$0")/lib.sh"
kills=${KILLS:-50}
seed=${SEED:-$$}
RANDOM=$seed
echo "kill test: $kills kills, seed $seed"

root=$tmp/root
mkdir -p "$root"
cp -r "$src/data" "$src/scripts" "$root/"  # no plug-ins and a cheap report: the test is of the machinery
printf '{"keep": 3}\n' >"$root/data/run.json"
dir=$tmp/out
mkdir "$dir"
small=(--out "$dir" --root "$root" --years 2016/17 --reports s22-register --formats md,json --scenarios none)

now_ms() { date +%s%3N; }
start=$(now_ms)
run run "${small[@]}"
check first-run 0 "latest -> runs/"
span=$(($(now_ms) - start))
[ "$span" -lt 200 ] && span=200

# complete NAME: every run under runs/ has its manifest; latest and the newest run verify.
complete() {
  local name=$1 bad="" f
  for f in "$dir"/runs/*; do
    [ -f "$f/manifest.json" ] || bad="$bad ${f##*/}"
  done
  out="runs without a manifest:${bad:- none}"; code=0
  check "$name-runs-complete" 0 "runs without a manifest: none"
  run verify "$dir/latest"
  check "$name-latest-verifies" 0 "outputs match the manifest"
  # A run renamed into runs/ but killed before latest moved: it must be whole too.
  local newest
  newest=$(ls "$dir/runs" | sort | tail -1)
  if [ "runs/$newest" != "$(readlink "$dir/latest")" ]; then
    run verify "$dir/runs/$newest"
    check "$name-newest-verifies" 0 "outputs match the manifest"
  fi
  compgen -G "$dir/runs/.*[!.]*" >/dev/null && { out="hidden entries in runs/: $(ls -A "$dir/runs")"; code=1; check "$name-runs-clean" 0 "-"; }
  return 0
}

early=0
for i in $(seq 1 "$kills"); do
  delay=$((RANDOM * 32768 + RANDOM))
  delay=$((delay % span))
  "$collab" run "${small[@]}" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -KILL $pid 2>/dev/null || early=$((early + 1))
  wait $pid 2>/dev/null
  complete "kill-$i-at-${delay}ms"
done
echo "kill test: $early of $kills runs had finished before their kill"

# The next run cleans what the killed ones left and succeeds.
run run "${small[@]}"
check after-kills 0 "latest -> runs/"
compgen -G "$dir/.staging-*" >/dev/null; code=$?; out=$(ls -A "$dir"); check no-staging-left 1 "runs"
complete after-kills
finish
