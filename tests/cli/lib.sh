#!/usr/bin/env bash
# Shared helpers of the end-to-end tests of the collab command. Each tests/cli/*.sh sources this
# file and is its own ctest entry: cli-<name>. Usage of a test script: NAME.sh COLLAB SOURCE_DIR
set -u
collab=$1
src=$2
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run ARGS...: runs collab ARGS; sets $out (stdout and stderr) and $code.
run() {
  out=$("$collab" "$@" 2>&1)
  code=$?
}

# check NAME WANT_EXIT WANT_TEXT: $code must be WANT_EXIT and $out must contain WANT_TEXT (a fixed
# string; give one that only the right output has: a figure, a whole phrase, a file:line:col).
check() {
  local name=$1 want_exit=$2 want_text=$3
  if [ "$code" = "$want_exit" ] && grep -qF -- "$want_text" <<<"$out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s: exit %s (want %s), want text: %s\noutput:\n%s\n---\n' "$name" "$code" "$want_exit" "$want_text" "$out"
  fi
}

# check_absent NAME TEXT: $out must not contain TEXT.
check_absent() {
  local name=$1 text=$2
  if grep -qF -- "$text" <<<"$out"; then
    failed=$((failed + 1))
    printf 'FAIL %s: the output contains what it must not: %s\noutput:\n%s\n---\n' "$name" "$text" "$out"
  else
    passed=$((passed + 1))
  fi
}

# expect NAME WANT_EXIT WANT_TEXT -- ARGS...: run, then check.
expect() {
  local name=$1 want_exit=$2 want_text=$3
  shift 4
  run "$@"
  check "$name" "$want_exit" "$want_text"
}

# expect_golden NAME WANT_EXIT GOLDEN -- ARGS...: the whole output (stdout only) must equal the file
# GOLDEN (under tests/golden/), after the sed expression in $golden_filter if set (for what must
# vary, such as file hashes). With COLLAB_UPDATE_GOLDEN=1 the file is rewritten instead.
golden_filter=''
golden_dir=$src/tests/golden
expect_golden() {
  local name=$1 want_exit=$2 golden=$golden_dir/$3
  shift 4
  local stdout
  stdout=$("$collab" "$@" 2>"$tmp/stderr")
  code=$?
  out=$stdout
  [ -n "$golden_filter" ] && stdout=$(sed -e "$golden_filter" <<<"$stdout")
  if [ "${COLLAB_UPDATE_GOLDEN:-0}" = 1 ]; then
    mkdir -p "$(dirname "$golden")"
    printf '%s\n' "$stdout" >"$golden"
  fi
  if [ "$code" = "$want_exit" ] && [ -f "$golden" ] && diff -u "$golden" - <<<"$stdout" >"$tmp/diff"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s: exit %s (want %s); differences from %s:\n%s\nstderr:\n%s\n---\n' "$name" "$code" "$want_exit" \
      "$golden" "$(cat "$tmp/diff" 2>/dev/null)" "$(cat "$tmp/stderr")"
  fi
}

# must_fail NAME COMMAND...: runs a check in a subshell on output that must not satisfy it, and
# counts a pass only if that check failed: shows a check able to fail.
must_fail() {
  local name=$1
  shift
  local before=$failed
  ( failed=0; passed=0; "$@" >/dev/null; [ "$failed" -gt 0 ] )
  if [ $? = 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s: the check passed on output it should reject\n---\n' "$name"
  fi
  : "$before"
}

# A copy of the source tree's data/ and scripts/ to edit: tree NAME prints its path.
tree() {
  local dir=$tmp/$1
  mkdir -p "$dir"
  cp -r "$src/data" "$src/scripts" "$dir/"
  printf '%s' "$dir"
}

finish() {
  printf '%d passed, %d failed\n' "$passed" "$failed"
  [ "$failed" = 0 ] && [ "$passed" -gt 0 ]
}
