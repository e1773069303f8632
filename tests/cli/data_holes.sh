#!/usr/bin/env bash
# Bad data files are exit 2 with their place, never a crash, a hang or exit 3 (issue 13, items
# 8-10): numbers beyond a double, a FIFO, a device, a symlink loop, deep nesting, a huge file,
# a byte-order mark, an escaped duplicate key, \u0000. FIFOs, links and the big (sparse) file
# are made here, in the test's temporary folder, and removed with it.
. "$(dirname "$0")/lib.sh"

# fresh NAME: a copy of the minimal data set at $tmp/NAME; sets $d to its data folder.
fresh() {
  rm -rf "${tmp:?}/$1"
  cp -r "$src/tests/data/minimal" "$tmp/$1"
  d=$tmp/$1/data
}

fresh big-number
cp "$src/tests/data/bad/number-too-large/budgets.json" "$d/"
expect big-number 2 "data/budgets.json:3:45: error: the number 1e400 is too large to be read" -- check --root "$tmp/big-number"

fresh fifo
rm "$d/budgets.json" && mkfifo "$d/budgets.json"
expect fifo 2 "data/budgets.json: error: not a regular file: it is a FIFO (named pipe)" -- check --root "$tmp/fifo"

fresh dev-zero
rm "$d/budgets.json" && ln -s /dev/zero "$d/budgets.json"
expect dev-zero 2 "data/budgets.json: error: not a regular file: it is a character device" -- check --root "$tmp/dev-zero"

fresh loop
rm "$d/forces.json" && ln -s forces.json "$d/forces.json"
expect symlink-loop 2 "data/forces.json: error: a symbolic link loop" -- check --root "$tmp/loop"

fresh run-loop
ln -s run.json "$d/run.json"
expect run-json-loop 2 "data/run.json: error: a symbolic link loop" -- check --root "$tmp/run-loop"

fresh deep
{ printf '{"budgets": '; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; printf '}\n'; } >"$d/budgets.json"
expect deep-nesting 2 "data/budgets.json:1:268: error: arrays and objects nested more than 256 deep" -- check --root "$tmp/deep"

fresh huge
truncate -s 200M "$d/budgets.json"  # sparse: no disk and no time
expect huge-file 2 "data/budgets.json: error: the file is larger than the limit of 16 MiB" -- check --root "$tmp/huge"
rm -f "$d/budgets.json"

fresh bom
{ printf '\xEF\xBB\xBF'; cat "$src/tests/data/minimal/data/forces.json"; } >"$d/forces.json"
expect bom 2 "data/forces.json:1:1: error: the file starts with a UTF-8 byte-order mark" -- check --root "$tmp/bom"

fresh escaped-dup
cp "$src/tests/data/bad/escaped-duplicate-key/budgets.json" "$d/"
expect escaped-duplicate-key 2 "data/budgets.json:3:51: error: duplicate key 'cash'" -- check --root "$tmp/escaped-dup"

fresh nul
cp "$src/tests/data/bad/nul-in-name/collaborations.json" "$d/"
expect nul-in-name 2 "data/collaborations.json:2:32: error: 'name' holds the NUL character \\u0000" -- check --root "$tmp/nul"

# None of them was an internal fault.
for name in big-number fifo dev-zero loop run-loop deep huge bom escaped-dup nul; do
  run check --root "$tmp/$name"
  check_absent "no-internal-fault-$name" "internal"
done

finish
