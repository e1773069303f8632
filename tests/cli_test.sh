#!/usr/bin/env bash
# End-to-end tests of the collab command: exit codes and what it prints.
# Usage: cli_test.sh COLLAB SOURCE_DIR
set -u
collab=$1
src=$2
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect NAME WANT_EXIT WANT_TEXT -- ARGS...: runs collab ARGS, checks exit code and that the output contains WANT_TEXT.
expect() {
  local name=$1 want_exit=$2 want_text=$3
  shift 4
  local out code
  out=$("$collab" "$@" 2>&1)
  code=$?
  if [ "$code" = "$want_exit" ] && grep -qF -- "$want_text" <<<"$out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s: exit %s (want %s), output:\n%s\n---\n' "$name" "$code" "$want_exit" "$out"
  fi
}

expect version 0 "collab 0.1.0" -- --version
expect help 0 "check" -- --help
expect check-help 0 "Exit codes" -- check --help
expect no-subcommand 2 "A subcommand is required" --
expect unknown-option 2 "--bogus" -- check --bogus
expect missing-root 2 "Directory does not exist" -- check --root "$tmp/nowhere"
expect bundled-check 0 "collab check: 0 errors" -- check --root "$src"
expect bundled-check-warns 0 "row 'EMSOU MC'" -- check --root "$src"
expect bundled-check-strict 1 "warnings" -- check --strict --root "$src"
expect bundled-summary 0 "5 forces" -- summary --root "$src"
expect root-after-subcommand 0 "collab check" -- check --root "$src"
expect root-before-subcommand 0 "collab check" -- --root "$src" check

# A bad data set: exit 2, the place and the problem, and nothing else run.
cp -r "$src/tests/data/minimal" "$tmp/bad"
cp "$src/tests/data/bad/unknown-force/collaborations.json" "$tmp/bad/data/"
expect bad-check 2 "data/collaborations.json:4:55: error: unknown force 'west'" -- check --root "$tmp/bad"
expect bad-summary 2 "the data set has errors" -- summary --root "$tmp/bad"

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" = 0 ]
