#!/usr/bin/env bash
# collab reconcile: how a published table was made. On the bundled 2016/17 table (pcp-2017), budgets
# held in pence and every figure rounded half up on its own reproduce all 65 numbers; tables remade
# by other processes (tests/data/reconcile/) are named as what they are.
. "$(dirname "$0")/lib.sh"

# The bundled table, pinned whole (the figures are worked by hand in host/ledger/ledger_test.cpp).
expect_golden reconcile-text 0 reconcile.txt -- reconcile --root "$src"
expect reconcile-best 0 "How the table was made: budgets held in pence the table does not print; every cell and every total rounded on its own from the exact shares, halves up." -- reconcile --root "$src"
check reconcile-fit 0 "Fit: 65 of 65 published numbers reproduced, an exact fit."
check reconcile-no-whole 0 "No whole-pound explanation fits: the best (budgets in the whole pounds the data holds; every cell and every total rounded on its own from the exact shares, halves up) reproduces 61 of 65"
check reconcile-soc 0 "EMSOU SOC   £9,568,875  £9,568,874.50 to £9,568,874.99  £9,568,874.51 to £9,568,874.99"
check reconcile-empct 0 "EMPCT         £517,351  £517,350.50 to £517,350.91      £517,350.50 to £517,350.91"
check reconcile-tied 0 "with the others whole they add up to £10,086,225.42 to £10,086,225.49"
check reconcile-none-unexplained 0 "Published numbers no candidate explains: none."
check reconcile-soc-not-plain 0 "agrees with the ledger, but is not the exact share £2,641,009.50 rounded on its own (£2,641,010, halves up or to even)"
check reconcile-total-alone 0 "it is the unrounded sum of the exact shares, £6,327,644.82, rounded on its own"
check_absent reconcile-no-carry "carries the differences"

# The same as data.
expect reconcile-json 0 '"schema": "collab.reconcile"' -- reconcile --format json --root "$src"
check reconcile-json-name 0 '"name": "pence/half-up/totals-rounded-alone"'
check reconcile-json-published 0 '"published_numbers": 65'
check reconcile-json-best 0 '"best": 4'
check reconcile-json-whole 0 '"whole_pounds_fit": false'
check reconcile-json-soc 0 '"lowest_pence": 956887450'
check reconcile-json-total 0 '"variance_pence": 100'
expect reconcile-bad-format 2 "--format" -- reconcile --format xml --root "$src"

# A table whose totals are the sums of its rounded cells (whole-pound budgets, halves up).
summed=$(tree summed)
cp "$src/tests/data/reconcile/summed/contributions.json" "$summed/data/"
expect summed-best 0 "How the table was made: budgets in the whole pounds the data holds; every cell rounded on its own from the exact shares, the totals summed from the rounded cells, halves up." -- reconcile --root "$summed"
check summed-fit 0 "Fit: 65 of 65 published numbers reproduced, an exact fit."
check_absent summed-not-pence "Budgets held in pence"
check_absent summed-no-whole "No whole-pound explanation fits"

# A table rounded half to even, with a budget whose share falls on a half above an even pound
# (27.6% of £9,568,625 is £2,640,940.50: printed 2,640,940).
even=$(tree even)
cp "$src/tests/data/reconcile/half-even/contributions.json" "$src/tests/data/reconcile/half-even/budgets.json" "$even/data/"
expect even-best 0 "How the table was made: budgets in the whole pounds the data holds; every cell and every total rounded on its own from the exact shares, halves to even." -- reconcile --root "$even"
check even-fit 0 "Fit: 65 of 65 published numbers reproduced, an exact fit."
check_absent even-twin "fits as well"
check even-cell 0 "the exact share £2,640,940.50 is a half, rounded on its own to even: £2,640,940 (halves up would give £2,640,941)"
check even-half-up 0 "64 of 65  budgets in the whole pounds the data holds; every cell and every total rounded on its own from the exact shares, halves up"

finish
