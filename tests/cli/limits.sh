#!/usr/bin/env bash
# The limits of script runs from outside: --cpu-limit, --wall-limit and --memory-limit override the
# "limits" of data/run.json, which override the defaults; a bad run.json is exit 2 at its place.
. "$(dirname "$0")/lib.sh"

# edit NAME LUA: a copy of the tree whose grant_share runs LUA first in its weights function.
edit() {
  local dir file
  dir=$(tree "$1")
  file=$dir/scripts/formulae/grant_share.lua
  sed -i "s/^  weights = function(year, forces)\$/&\n    $2/" "$file"
  grep -qF -- "$2" "$file" || { echo "FAIL: the edit of $file did not apply" >&2; exit 1; }
  printf '%s' "$dir"
}

# An endless loop stops at whichever CPU limit applies, and says which.
loop=$(edit loop "while true do end")
expect cpu-flag 1 "CPU time limit exceeded (300 ms)" -- contributions --root "$loop" --cpu-limit 300
expect cpu-flag-first 1 "CPU time limit exceeded (300 ms)" -- --cpu-limit 300 contributions --root "$loop"
# The loop is the line after `weights = function`, wherever that is.
loop_line=$(( $(grep -n '^  weights = function(year, forces)$' "$loop/scripts/formulae/grant_share.lua" | cut -d: -f1) + 1 ))
check cpu-flag-names-the-script 1 "scripts/formulae/grant_share.lua:$loop_line: error: CPU time limit: "
printf '{"limits": {"cpu_ms": 250}, "nightly": {"out": "/srv/collab"}}\n' >"$loop/data/run.json"
expect run-json 1 "CPU time limit exceeded (250 ms)" -- contributions --root "$loop"
check_absent run-json-other-keys-quiet "nightly"
expect flag-over-run-json 1 "CPU time limit exceeded (300 ms)" -- contributions --root "$loop" --cpu-limit 300
run contributions --root "$loop" --cpu-limit 300
must_fail the-limit-check-can-fail check limit-on-300 1 "CPU time limit exceeded (250 ms)"

# The wall-clock limit, far below a CPU limit the loop cannot reach, is the one that trips.
expect wall-flag 1 "wall-clock time limit exceeded (1000 ms; the script used " -- contributions --root "$loop" --cpu-limit 600000 --wall-limit 1000
check_absent wall-flag-not-cpu "CPU time limit exceeded"

# A memory bomb stops at the memory limit, from the flag or from run.json.
bomb=$(edit bomb "local t = {} while true do t[#t + 1] = {} end")
expect memory-flag 1 "memory limit exceeded (16 MiB)" -- contributions --root "$bomb" --memory-limit 16 --cpu-limit 600000
printf '{"limits": {"memory_mib": 24, "cpu_ms": 600000}}\n' >"$bomb/data/run.json"
expect memory-run-json 1 "memory limit exceeded (24 MiB)" -- contributions --root "$bomb"

# A bad run.json stops every command that runs scripts: exit 2, at its file:line:column.
bad=$(tree bad)
printf '{\n  "limits": {"cpu_ms": "300"}\n}\n' >"$bad/data/run.json"
expect run-json-type 2 "data/run.json:2:24: error: 'cpu_ms' must be a whole number of milliseconds from 1 to 86400000, not a string" -- contributions --root "$bad"
printf '{"limits": {\n  "wall_ms": 0,\n  "memory": 64}}\n' >"$bad/data/run.json"
expect run-json-zero 2 "data/run.json:2:14: error: 'wall_ms' must be a whole number of milliseconds from 1 to 86400000, not 0" -- explain emsou-soc notts 2016/17 --root "$bad"
check run-json-unknown 2 "data/run.json:3:13: error: unknown limit 'memory'"
printf '{"limits": {"cpu_ms": 300,}}\n' >"$bad/data/run.json"
expect run-json-malformed 2 "data/run.json:1:27: error: malformed JSON" -- contributions --root "$bad"

# Bad flags are usage errors; a flag's value is not taken for a command.
expect cpu-flag-zero 2 "--cpu-limit" -- contributions --root "$src" --cpu-limit 0
expect cpu-flag-text 2 "--cpu-limit" -- contributions --root "$src" --cpu-limit soon
expect memory-flag-huge 2 "--memory-limit" -- contributions --root "$src" --memory-limit 100000
run --wall-limit 60000 contributions --root "$src" --year 2016/17  # ample: the flag's value is what is tested
check flag-value-not-a-command 0 "EMSOU Serious and Organised Crime"
check_absent flag-value-not-a-command-quiet "unknown command"

finish
