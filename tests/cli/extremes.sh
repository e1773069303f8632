#!/usr/bin/env bash
# Extreme numbers end to end. In copies of the tree, grant_share (the formula of most units and the
# region's default) returns weights 1e7 and 1e-18 together, math.maxinteger, 1e300 or 1e-300, or
# calls collab.share beyond exact arithmetic, and the data has counts beyond int. contributions,
# explain and reconcile give correct figures or fail with a message naming the script or the data,
# exit 1 or 2: never 3 (an internal fault), never a sanitizer report (the sanitizer build aborts on
# undefined behaviour with exit 1, so the exit code alone would not show it).
. "$(dirname "$0")/lib.sh"

# $out holds no sanitizer report. UBSan writes "file.cpp:12:5: runtime error: ..."; a script
# error's own "error: runtime error: ..." (the kind of a Lua error) is not one.
check_clean() {
  local name=$1
  if grep -v 'error: runtime error:' <<<"$out" | grep -qE 'runtime error:|AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer'; then
    failed=$((failed + 1))
    printf 'FAIL %s: a sanitizer report (exit %s):\n%s\n---\n' "$name" "$code" "$out"
  else
    passed=$((passed + 1))
  fi
}

# expect_clean NAME WANT_EXIT WANT_TEXT -- ARGS...: expect, and no sanitizer report.
expect_clean() {
  expect "$@"
  check_clean "$1-clean"
}

# formula DIR WEIGHT_OF_NOTTS WEIGHT_OF_THE_OTHERS [FIELDS]: DIR's grant_share returns these
# weights (Lua expressions) to every unit that uses it.
formula() {
  cat >"$1/scripts/formulae/grant_share.lua" <<EOF
return collab.formula {
  id = "grant_share",
  title = "Extreme weights",
  ${4:-}
  weights = function(year, forces)
    local w = {}
    for _, force in ipairs(forces) do
      w[force.id] = force.id == "nottinghamshire" and ($2) or ($3)
    end
    return w
  end,
}
EOF
}

commands=("contributions --csv" "explain emsou-soc notts 2016/17" "reconcile")

# Weights 1e7 and 1e-18 (scales 0 and 18: 10^25 to 1 on one scale), unrounded: exact figures. The
# four-decimal exact share in explain once overflowed 128 bits.
mixed=$(tree mixed)
formula "$mixed" 1e7 1e-18
expect_clean mixed-contributions 0 "EMSOU Serious and Organised Crime,0.00,0.00,0.00,0.00,9568875.00,9568875.00,9568875.00,0.00" -- contributions --csv --root "$mixed"
expect_clean mixed-contributions-in-kind 0 "EMSOU - Officers in Kind,0.00,0.00,0.00,0.00,7760487.00,7760487.00,7760487.00,0.00" -- contributions --csv --root "$mixed"
expect_clean mixed-explain 0 "Nottinghamshire Police pays £9,568,875 cash to EMSOU Serious and Organised Crime (emsou-soc) in 2016/17" -- explain emsou-soc notts 2016/17 --root "$mixed"
check mixed-explain-sum 0 "10000000 / 10000000.000000000000000004"
check mixed-explain-exact 0 "= £9,568,875.00"
expect_clean mixed-explain-tiny 0 "Derbyshire Constabulary pays £0 cash to EMSOU Serious and Organised Crime" -- explain emsou-soc derbys 2016/17 --root "$mixed"
check mixed-explain-tiny-weight 0 "0.000000000000000001"
expect_clean mixed-reconcile 1 "54 cells, 0 match, 54 differ" -- reconcile --root "$mixed"
check mixed-reconcile-process 1 "How the table was made: not tested: the figures are too large to test exactly"
check mixed-reconcile-cause 1 "the published cell is £2,200,841.00 from the exact share £0.00"

# Weights 1e11 and 1e-18, unrounded: 9.6e37 in the split of EMSOU SOC, near 2^127; explain and
# reconcile round each part through calc's exact_share_rounded, which forms no product.
near=$(tree near)
formula "$near" 1e11 1e-18
expect_clean near-contributions 0 "EMSOU Serious and Organised Crime,0.00,0.00,0.00,0.00,9568875.00,9568875.00,9568875.00,0.00" -- contributions --csv --root "$near"
expect_clean near-explain 0 "Nottinghamshire Police pays £9,568,875 cash to EMSOU Serious and Organised Crime (emsou-soc) in 2016/17" -- explain emsou-soc notts 2016/17 --root "$near"
expect_clean near-reconcile 1 "54 cells, 0 match, 54 differ" -- reconcile --root "$near"

# The same weights rounded to 0.1% (round_shares): the tiny shares round to nothing, at the budget's place.
rounded=$(tree rounded)
formula "$rounded" 1e7 1e-18 "round_shares = 0.1,"
for c in "${commands[@]}"; do
  # shellcheck disable=SC2086
  expect_clean "rounded-${c%% *}" 1 "data/budgets.json:11:9: error: cannot split 'emsou-soc' 2016/17: the share of 'derbyshire' (0.0000%) rounds to 0 at a step of 0.1 points" -- $c --root "$rounded"
  check "rounded-${c%% *}-script" 1 "hint: the weights come from scripts/formulae/grant_share.lua"
done

# Weights 9e17 and 1e-18: 10^35 to 1; times the budget in pence it is beyond 128 bits: refused.
wide=$(tree wide)
formula "$wide" 9e17 1e-18
for c in "${commands[@]}"; do
  # shellcheck disable=SC2086
  expect_clean "wide-${c%% *}" 1 "data/budgets.json:11:9: error: cannot split 'emsou-soc' 2016/17: the weights span too many orders of magnitude to split exactly" -- $c --root "$wide"
done

# Weights no exact decimal of 18 digits holds: the script and the force are named.
for case in "maxinteger:math.maxinteger:9.223372036854776e+18" "huge:1e300:1e+300" "tiny:1e-300:1e-300"; do
  IFS=: read -r name weight shown <<<"$case"
  dir=$(tree "$name")
  formula "$dir" "$weight" 1
  for c in "${commands[@]}"; do
    # shellcheck disable=SC2086
    expect_clean "$name-${c%% *}" 1 "scripts/formulae/grant_share.lua: error: the weight of nottinghamshire for 'emsou-soc' in 2016/17: weight $shown needs more than 18 significant digits or decimals" -- $c --root "$dir"
  done
done

# collab.share beyond exact arithmetic inside the formula: a Lua error at the script's line, naming
# the function and the argument; collab.round(math.maxinteger, 1e-18) is exact.
share=$(tree share)
formula "$share" "collab.share(math.maxinteger, 1, 1e-18)" 1
for c in "${commands[@]}"; do
  # shellcheck disable=SC2086
  expect_clean "share-${c%% *}" 1 "scripts/formulae/grant_share.lua:8: error: runtime error: bad argument #3 to 'collab.share' (the share of 9223372036854775807 in 1 at a step of 1e-18 is too large to compute exactly: use a step with fewer decimals)" -- $c --root "$share"
done
round=$(tree round)
formula "$round" "collab.round(math.maxinteger, 1e-18) // 1e12 * 1e7 + 1" 1
expect_clean round-contributions 0 "EMSOU Serious and Organised Crime,0.00,0.00,0.00,0.00,9568875.00,9568875.00,9568875.00,0.00" -- contributions --csv --root "$round"

# Counts beyond int in the data: an error at the value's place, not a wrapped number.
counts=$(tree counts)
sed -i '0,/"officers": 157,/s//"officers": 3000000000,/; 0,/"staff": 135,/s//"staff": 123456789012345678901234567890,/' "$counts/data/workforce.json"
officers_line=$(grep -n '"officers": 3000000000,' "$counts/data/workforce.json" | cut -d: -f1)
staff_line=$(grep -n '"staff": 123456789012345678901234567890,' "$counts/data/workforce.json" | cut -d: -f1)
expect_clean counts-check 2 "data/workforce.json:$officers_line:21: error: 'officers' is 3000000000, more than the largest count (2147483647)" -- check --root "$counts"
check counts-check-long 2 "data/workforce.json:$staff_line:18: error: 'staff' is 123456789012345678901234567890, more than the largest count (2147483647)"
check_absent counts-check-no-wrap "-1294967296"

# Budgets whose year adds up beyond money's range: an error at the line where the sum overflows,
# so no ledger total can overflow later.
huge=$(tree huge)
sed -i 's/"cash": 9568875$/"cash": 92233720368547758/; s/"cash": 2076400$/"cash": 92233720368547758/' "$huge/data/budgets.json"
huge_line=$(grep -n '"cash": 92233720368547758' "$huge/data/budgets.json" | sed -n 2p | cut -d: -f1)
for c in "check" "${commands[@]}"; do
  # shellcheck disable=SC2086
  expect_clean "huge-${c%% *}" 2 "data/budgets.json:$((huge_line - 2)):9: error: the budgets of 2016/17 add up to more than the largest amount the tool holds (£92,233,720,368,547,758.07)" -- $c --root "$huge"
done

# The checks can fail: a sanitizer report in the output is caught.
out="/work/host/calc/checked.cpp:42:13: runtime error: signed integer overflow"
must_fail clean-can-fail check_clean sanitizer-report

finish
