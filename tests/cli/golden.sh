#!/usr/bin/env bash
# explain's text and JSON, pinned whole: any change to what an explanation says shows as a diff.
# Regenerate after an intended change with COLLAB_UPDATE_GOLDEN=1 and review the diff in git.
. "$(dirname "$0")/lib.sh"

expect_golden explain-text 0 explain-emsou-soc-notts.txt -- explain emsou-soc Notts 2016/17 --root "$src"
expect_golden explain-text-renormalised 0 explain-emchrs-ld-leics.txt -- explain "EMCHRS L&D" Leics 2016/17 --root "$src"
expect_golden explain-text-no-part 0 explain-emchrs-ld-lincs.txt -- explain emchrs-ld Lincs 2016/17 --root "$src"
expect_golden explain-text-total 0 explain-total-notts.txt -- explain Total Notts 2016/17 --root "$src"

# The JSON carries each input file's SHA-256: pinned apart from the hashes, which are checked
# against sha256sum.
golden_filter='s/"sha256": "[0-9a-f]\{64\}"/"sha256": "(sha256)"/'
expect_golden explain-json 0 explain-emchrs-ld-leics.json -- explain "EMCHRS L&D" Leics 2016/17 --format json --root "$src"
budgets_sha=$(sha256sum "$src/data/budgets.json" | cut -d' ' -f1)
check explain-json-sha256 0 "\"sha256\": \"$budgets_sha\""
expect_golden explain-json-total 0 explain-total-notts.json -- explain Total Notts 2016/17 --format json --root "$src"
expect_golden explain-json-no-part 0 explain-emchrs-ld-lincs.json -- explain emchrs-ld Lincs 2016/17 --format json --root "$src"
golden_filter=''

# A golden check fails on a changed output (a copy of the pinned text with one figure changed).
golden_dir=$tmp/golden
mkdir -p "$golden_dir"
sed 's/£2,641,009/£2,641,010/' "$src/tests/golden/explain-emsou-soc-notts.txt" >"$golden_dir/changed.txt"
COLLAB_UPDATE_GOLDEN=0 must_fail golden-can-fail expect_golden changed 0 changed.txt -- explain emsou-soc Notts 2016/17 --root "$src"
golden_dir=$src/tests/golden

finish
