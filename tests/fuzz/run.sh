#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS, from a corpus seeded with the project's own inputs (the
# data files, the scripts, the plug-ins, tests/fuzz/seeds) and kept between runs in
# BUILD/corpus/<target>; first it replays every file of tests/fuzz/regressions/<target>/ (inputs
# that once crashed). Prints each target's executions, coverage and corpus size; exits 1 on any
# crash, leak or timeout (libFuzzer writes the input to BUILD/crashes/<target>/).
# usage: run.sh BUILD_DIR SECONDS [TARGET...]
set -u
build=$1
seconds=$2
shift 2
targets=${*:-fuzz_data fuzz_parse fuzz_lua fuzz_render fuzz_config fuzz_serve}
src=$(cd "$(dirname "$0")/../.." && pwd)
status=0

seed() {  # seed TARGET DIR: the target's starting inputs
  local target=$1 dir=$2 i=0 name
  case $target in
    fuzz_data)
      for name in sources forces collaborations budgets contributions savings workforce retained-resources \
                  business-cases innovation-fund forecast programme-2009; do
        [ -f "$src/data/$name.json" ] && { printf "\\$(printf '%03o' $i)"; cat "$src/data/$name.json"; } >"$dir/seed-$name"
        i=$((i + 1))
      done ;;
    fuzz_parse)
      while IFS= read -r line; do i=$((i + 1)); printf '%s' "$line" >"$dir/seed-$i"; done <"$src/tests/fuzz/seeds/parse.txt" ;;
    fuzz_lua)
      for f in "$src"/scripts/*/*.lua "$src"/plugins/*/*.lua "$src"/tests/fuzz/seeds/lua/*.lua; do
        [ -f "$f" ] && cp "$f" "$dir/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
      done ;;
    fuzz_render)
      head -c 4096 /dev/urandom >"$dir/seed-random" ;;
    fuzz_config)  # first byte: 0 a scenario, 1 a plug-in manifest, 2 run.json, 3 expectations
      for f in "$src"/data/scenarios/*.json; do
        [ -f "$f" ] && { printf '\000'; cat "$f"; } >"$dir/seed-scenario-$(basename "$f")"
      done
      for f in "$src"/plugins/*/plugin.json; do
        [ -f "$f" ] && { printf '\001'; cat "$f"; } >"$dir/seed-manifest-$(basename "$(dirname "$f")")"
      done
      [ -f "$src/data/run.json" ] && { printf '\002'; cat "$src/data/run.json"; } >"$dir/seed-run"
      for f in "$src"/data/expectations/*.json; do
        [ -f "$f" ] && { printf '\003'; cat "$f"; } >"$dir/seed-expectations-$(basename "$f")"
      done ;;
    fuzz_serve)  # first byte: 0 an explorer request, 1 a save, 2 a request's headers, one a line
      for f in "$src"/data/scenarios/*.json; do  # their steps as the page sends them
        [ -f "$f" ] && { printf '\000{"year": "2017/18", "baseline": "data", "steps": '; sed -n '/"steps"/,$p' "$f" | sed '1s/.*"steps": *//'; } \
          >"$dir/seed-compute-$(basename "$f")"
      done
      printf '\001{"year": "2017/18", "id": "my-case", "title": "t", "overwrite": true, "steps": []}' >"$dir/seed-save"
      printf '\002POST\n/api/save\n127.0.0.1:8123\nhttp://127.0.0.1:8123\n00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n1\n' \
        >"$dir/seed-headers" ;;
  esac
}

for target in $targets; do
  binary=$build/tests/fuzz/$target
  [ -x "$binary" ] || { echo "run.sh: $binary is not built (make fuzz builds it)"; status=1; continue; }
  corpus=$build/corpus/$target
  crashes=$build/crashes/$target
  mkdir -p "$corpus" "$crashes"
  [ -n "$(ls -A "$corpus")" ] || seed "$target" "$corpus"
  regressions=$src/tests/fuzz/regressions/$target
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    if ! "$binary" -runs=1 "$regressions"/* >"$build/$target-regressions.log" 2>&1; then
      echo "FAIL $target: a regression input crashes again (log: $build/$target-regressions.log)"
      status=1
    fi
  fi
  log=$build/$target.log
  ASAN_OPTIONS=detect_leaks=1 "$binary" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$crashes/" -print_final_stats=1 "$corpus" >"$log" 2>&1
  code=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1)
  size=$(ls "$corpus" | wc -l)
  if [ $code = 0 ]; then
    printf '%-12s %ss: %s executions, %s, %s, corpus %s inputs\n' "$target" "$seconds" "${runs:-?}" "${cov:-cov: ?}" "${ft:-ft: ?}" "$size"
  else
    echo "FAIL $target (exit $code): see $log; the input is in $crashes/"
    grep -m5 -E 'ERROR|SUMMARY|==[0-9]+==' "$log"
    status=1
  fi
done
exit $status
