#!/usr/bin/env bash
# collab report --watch: writes --out, rewrites it when a formula changes, leaves the last good file
# when the formula breaks (its error at file:line on stderr), writes again once it is fixed, and
# stops at SIGTERM with exit 0. Readiness is polled, never slept on.
. "$(dirname "$0")/lib.sh"

expect needs-out 2 "collab report: --watch needs --out FILE" -- report contributions --watch --root "$src"

root=$(tree watch)
out_file=$tmp/contributions.md
"$collab" report contributions --year 2016/17 --out "$out_file" --watch --root "$root" 2>"$tmp/watch.err" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT

# wait_for WHAT COMMAND...: polls COMMAND every 0.1 s, up to 300 s, while collab runs.
wait_for() {
  local what=$1
  shift
  local deadline=$((SECONDS + 300))
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      printf 'FAIL %s\nstderr:\n%s\n' "$what" "$(cat "$tmp/watch.err")"
      exit 1
    fi
    sleep 0.1
  done
}
watching() { grep -q "watching data/, scripts/ and plugins/" "$tmp/watch.err"; }
wait_for "the first report" watching
cp "$out_file" "$tmp/first.md"
code=0
out=$(cat "$tmp/first.md")
check first-written 0 "| EMCHRS Learning and Development"

# An edit of the formula (shares rounded to 5% instead of 0.1%) rewrites the report.
sed -i 's/shares_of(grant, total, 0\.1)/shares_of(grant, total, 5)/' \
  "$root/scripts/formulae/grant_share.lua"
rewritten() { ! cmp -s "$tmp/first.md" "$out_file"; }
wait_for "the report rewritten after an edit" rewritten
cp "$out_file" "$tmp/edited.md"
code=0
out=$(cat "$tmp/watch.err")
check edit-noticed 0 "collab report: scripts/formulae/grant_share.lua changed: rewrote $out_file"

# A syntax error: the error at its line, and the last good report stays.
printf '\nlocal broken = (\n' >>"$root/scripts/formulae/grant_share.lua"
line=$(wc -l <"$root/scripts/formulae/grant_share.lua")
broken() { grep -q "is as last written" "$tmp/watch.err"; }
wait_for "the broken formula reported" broken
code=0
out=$(cat "$tmp/watch.err")
check broken-error 0 "scripts/formulae/grant_share.lua:$line"
out=$(cmp "$tmp/edited.md" "$out_file" && echo same)
check broken-keeps-last-good 0 same

# Fixed again: written again, as first.
cp "$src/scripts/formulae/grant_share.lua" "$root/scripts/formulae/grant_share.lua"
back() { cmp -s "$tmp/first.md" "$out_file"; }
wait_for "the report back as first written" back
passed=$((passed + 1))

kill -TERM "$pid"
wait "$pid"
code=$?
out=$(cat "$tmp/watch.err")
check stops 0 "collab report: stopped watching"
finish
