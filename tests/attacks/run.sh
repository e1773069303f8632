#!/usr/bin/env bash
# The attack corpus: hostile scripts, plug-ins, outputs and data, each with the error or the safe
# output it must produce. Every case runs in a copy of the source tree; the process must never
# crash, hang or fault (exit 3 or a signal), and afterwards the built-in contributions report
# must still render in that tree.
#
#   lua/NAME.lua      a plug-in's report script (the plug-in "attack", report id "attack"), run
#                     with `collab report attack`; its header says what must happen:
#                       -- attack: what it tries
#                       -- exit: the exit code (0 the report rendered, 1 it failed, 2 it never loaded)
#                       -- expect: text the output must hold (repeatable)
#                       -- forbid: text it must not hold (repeatable)
#                       -- format: md (default), csv, json, html or xlsx
#                       -- limits: the limit options (default: --cpu-limit 500 when an expect names
#                          the CPU time limit, else 60 s of CPU and 600 s of wall clock)
#                       -- pad: N bytes of comment lines appended (a huge source, kept small here)
#   output/NAME.lua   the same, for what reaches the output files
#   formula/NAME.lua  a plug-in's funding formula (id "attack"), named by EMCHRS L&D in the data, run
#                     with `collab contributions`: the same headers; every other row must still be
#                     computed (EMSOU SOC's figures are checked)
#   rule/NAME.lua     a plug-in's what-if rule (id "attack"), the one step of scenario "attack",
#                     run with `collab whatif attack`: the same headers
#   data/NAME/        files copied over data/ (and setup.sh, run in the tree), then `collab check`;
#                     its file `expect`: the exit code on the first line, then texts to find
#
# usage: run.sh COLLAB SOURCE_DIR
set -u
collab=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: each case runs in its own folder
src=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
fail() {
  failed=$((failed + 1))
  printf 'FAIL %s: %s\n' "$1" "$2"
  [ -n "${3:-}" ] && printf '%s\n' "$3" | head -20
  printf -- '---\n'
}

fresh_tree() {  # fresh_tree NAME: a copy of data/ and scripts/ (no plug-ins), its path
  local t=$tmp/$1
  rm -rf "$t"
  mkdir -p "$t"
  cp -r "$src/data" "$src/scripts" "$t/"
  printf '%s' "$t"
}

header() {  # header FILE KEY: every value of "-- KEY: value" lines
  sed -n "s/^-- $2: //p" "$1"
}

still_works() {  # still_works NAME TREE: the built-in contributions report renders there
  if ! "$collab" report contributions --root "$2" >/dev/null 2>&1; then
    fail "$1" "after the attack, the contributions report no longer renders in the same tree"
    return 1
  fi
}

run_script_case() {  # run_script_case FILE: its folder (lua, output, formula, rule) says what it is
  local file=$1 name kind
  kind=$(basename "$(dirname "$file")")
  name=$kind/$(basename "$file" .lua)
  local t provides=reports
  t=$(fresh_tree case)
  mkdir -p "$t/plugins/attack"
  case $kind in
    formula)
      provides=formulae
      sed -i '/"id": "emchrs-ld"/,/"params": {}/ s/"id": "grant_share",/"id": "attack",/' "$t/data/collaborations.json" ;;
    rule)
      provides=rules
      printf '{"id": "attack", "title": "attack", "description": "a hostile rule", "baseline": "data", "years": "2016/17..2018/19",\n "steps": [{"rule": "attack", "from": "2017/18", "params": {}}]}\n' \
        >"$t/data/scenarios/attack.json" ;;
  esac
  printf '{"name": "attack", "version": "1", "api_version": 1, "%s": ["attack.lua"]}' "$provides" >"$t/plugins/attack/plugin.json"
  cp "$file" "$t/plugins/attack/attack.lua"
  local pad
  pad=$(header "$file" pad)
  [ -n "$pad" ] && yes -- '-- padding to make the source large' | head -c "$pad" >>"$t/plugins/attack/attack.lua"
  local want_exit format limits out code
  want_exit=$(header "$file" exit)
  format=$(header "$file" format)
  limits=$(header "$file" limits)
  # Unless a case says its limits: a short CPU limit for the cases that expect to hit it (they loop
  # for ever, so they hit it whatever the speed of the machine), and long CPU and wall-clock limits
  # for every other case, so that on a slow or busy machine (a sanitizer build, CI) only the limit
  # it tests can stop it: a table filled until the memory limit takes seconds of CPU under ASan.
  if [ -z "$limits" ]; then
    if header "$file" expect | grep -q 'CPU time limit'; then limits='--cpu-limit 500'
    else limits='--cpu-limit 60000 --wall-limit 600000'; fi
  fi
  # shellcheck disable=SC2086
  local command=(report attack)
  [ "$kind" = formula ] && command=(contributions)
  [ "$kind" = rule ] && command=(whatif attack)
  out=$(cd "$t" && timeout 900 "$collab" $limits "${command[@]}" --format "${format:-md}" --out "$t/out.${format:-md}" 2>&1; echo "exit=$?")
  code=${out##*exit=}
  out=${out%exit=*}
  [ -f "$t/out.${format:-md}" ] && out="$out$(cat "$t/out.${format:-md}" 2>/dev/null | tr -d '\000')"
  if [ "$code" -ge 3 ]; then fail "$name" "exit $code: a crash, a hang or an internal fault" "$out"; return; fi
  if [ "$code" != "$want_exit" ]; then fail "$name" "exit $code, want $want_exit" "$out"; return; fi
  local ok=1 text
  while IFS= read -r text; do
    [ -z "$text" ] && continue
    grep -qF -- "$text" <<<"$out" || { fail "$name" "the output lacks: $text" "$out"; ok=0; }
  done < <(header "$file" expect)
  while IFS= read -r text; do
    [ -z "$text" ] && continue
    if grep -qF -- "$text" <<<"$out"; then fail "$name" "the output holds: $text" "$out"; ok=0; fi
  done < <(header "$file" forbid)
  [ "$format" = xlsx ] && [ "$code" = 0 ] && {
    /usr/bin/python3 "$here/check_xlsx_text.py" "$t/out.xlsx" >"$tmp/x" 2>&1 || { fail "$name" "XLSX check" "$(cat "$tmp/x")"; ok=0; }
  }
  [ "$format" = csv ] && [ "$code" = 0 ] && {
    /usr/bin/python3 "$here/check_csv_text.py" "$t/out.csv" >"$tmp/x" 2>&1 || { fail "$name" "CSV check" "$(cat "$tmp/x")"; ok=0; }
  }
  # A hostile formula fails its own row only: the others are computed as ever.
  if [ "$kind" = formula ] && ! grep -qF -- '| EMSOU Serious and Organised Crime | £2,086,015 | £2,200,841 | £1,234,385 | £1,406,625 | £2,641,009 | £9,568,875 |' <<<"$out"; then
    fail "$name" "the other rows were not computed" "$out"; ok=0
  fi
  if [ "$kind" != formula ]; then still_works "$name" "$t" || ok=0; fi
  [ $ok = 1 ] && passed=$((passed + 1))
}

run_data_case() {  # run_data_case DIR
  local dir=$1 name t out code want_exit
  name=data/$(basename "$dir")
  t=$(fresh_tree case)
  find "$dir" -maxdepth 1 -type f ! -name expect ! -name setup.sh -exec cp {} "$t/data/" \;
  [ -f "$dir/setup.sh" ] && (cd "$t" && bash "$dir/setup.sh")
  out=$(timeout 900 "$collab" check -q --root "$t" 2>&1)
  code=$?
  want_exit=$(head -1 "$dir/expect")
  if [ "$code" -ge 3 ]; then fail "$name" "exit $code: a crash, a hang or an internal fault" "$out"; return; fi
  if [ "$code" != "$want_exit" ]; then fail "$name" "exit $code, want $want_exit" "$out"; return; fi
  local ok=1 text
  while IFS= read -r text; do
    [ -z "$text" ] && continue
    grep -qF -- "$text" <<<"$out" || { fail "$name" "the output lacks: $text" "$out"; ok=0; }
  done < <(tail -n +2 "$dir/expect")
  [ $ok = 1 ] && passed=$((passed + 1))
}

for f in "$here"/lua/*.lua "$here"/output/*.lua "$here"/formula/*.lua "$here"/rule/*.lua; do run_script_case "$f"; done
for d in "$here"/data/*/; do run_data_case "${d%/}"; done
printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
