#!/usr/bin/env bash
# Plug-ins that provide funding formulae: dropped into plugins/ without a rebuild, named by a unit
# in the data, run in a sandbox of their own; a broken one, an id clash or a bad manifest is listed
# with its error and skipped, and everything else still computes. (Report plug-ins: reports.sh.)
. "$(dirname "$0")/lib.sh"

# plugin DIR NAME MANIFEST_FIELDS: plugins/NAME/plugin.json with the given "formulae": [...] etc.
plugin() {
  mkdir -p "$1/plugins/$2"
  printf '{"name": "%s", "version": "0.1.0", "description": "test", "api_version": 1, %s}\n' "$2" "$3" \
    >"$1/plugins/$2/plugin.json"
}
# equal_formula FILE ID [PRELUDE]: a formula giving every participant weight 1.
equal_formula() {
  printf '%s\nreturn collab.formula { id = "%s", title = "Equal (plug-in)",\n  weights = function(year, forces)\n    local w = {}\n    for _, f in ipairs(forces) do w[f.id] = 1 end\n    return w\n  end }\n' \
    "${3:-}" "$2" >"$1"
}
# uses DIR ID: EMCHRS L&D (four forces, £2,398,301 in 2016/17) is split by formula ID.
uses() {
  sed -i "/\"id\": \"emchrs-ld\"/,/\"params\": {}/ s/\"id\": \"grant_share\",/\"id\": \"$2\",/" "$1/data/collaborations.json"
}

# ---- a plug-in's formula, named by a unit -----------------------------------------------------
d=$(tree fine)
plugin "$d" tri-share '"formulae": ["tri_share_equal.lua"]'
equal_formula "$d/plugins/tri-share/tri_share_equal.lua" tri_share_equal
uses "$d" tri_share_equal
expect listed 0 "tri-share 0.1.0              loaded" -- plugins list --root "$d"
check listed-formula 0 "  formula tri_share_equal"
# £2,398,301 in four equal parts: £599,575.25 each; the £1 left over goes to the first in the
# region's order on a tie of remainders (Derbyshire).
expect computed 0 "| EMCHRS Learning and Development | £599,576 | £599,575 |  | £599,575 | £599,575 | £2,398,301 | £2,398,301 | £0 |" -- contributions --root "$d"
expect explained 0 "plugins/tri-share/tri_share_equal.lua · named by the unit for 2016/17" -- explain emchrs-ld notts --root "$d"
expect checked 0 "collab check: 0 errors" -- check --root "$d"

# ---- its own sandbox: a global set by one plug-in's formula is not seen by another's -----------
d=$(tree globals)
plugin "$d" setter '"formulae": ["setter_equal.lua"]'
equal_formula "$d/plugins/setter/setter_equal.lua" setter_equal 'shared_weight = 9'
plugin "$d" reader '"formulae": ["reader_share.lua"]'
printf 'return collab.formula { id = "reader_share", title = "reads a global",\n  weights = function(year, forces)\n    local w = {}\n    for _, f in ipairs(forces) do w[f.id] = 1 end\n    local seen, value = pcall(function() return shared_weight end)\n    w[forces[1].id] = seen and value or 1\n    return w\n  end }\n' \
  >"$d/plugins/reader/reader_share.lua"
uses "$d" reader_share
sed -i "/\"id\": \"empct\"/,/\"params\": {}/ s/\"id\": \"grant_share\",/\"id\": \"setter_equal\",/" "$d/data/collaborations.json"
# Had reader seen setter's global, Derbyshire would weigh 9 of 12 (£1,798,726).
expect isolated 0 "| EMCHRS Learning and Development | £599,576 | £599,575 |  | £599,575 | £599,575 | £2,398,301 | £2,398,301 | £0 |" -- contributions --root "$d"

# ---- an id another formula has: the plug-in is skipped, the built-in stays ---------------------
d=$(tree clash)
plugin "$d" clash '"formulae": ["equal_share.lua"]'
equal_formula "$d/plugins/clash/equal_share.lua" equal_share
expect clash-listed 0 "plugins/clash/equal_share.lua: formula id 'equal_share' is taken by another formula" -- plugins list --root "$d"
check clash-state 0 "clash 0.1.0                  error"
expect clash-warned 0 "warning: plug-in skipped: formula id 'equal_share' is taken by another formula" -- check --root "$d"
expect clash-others 0 "| EMSOU Serious and Organised Crime | £2,086,015 | £2,200,841 | £1,234,385 | £1,406,625 | £2,641,009 | £9,568,875 | £9,568,875 | £0 |" -- contributions --root "$d"

# ---- a formula that does not load: listed with its line, and a unit naming it is told why ------
d=$(tree broken)
plugin "$d" tri-share '"formulae": ["tri_share_equal.lua"]'
printf 'return collab.formula { id = "tri_share_equal", title = "x",\n  weights = function(year, forces) return {} end,\n  oops = 1 }\n' \
  >"$d/plugins/tri-share/tri_share_equal.lua"
expect broken-listed 0 "plugins/tri-share/tri_share_equal.lua:1: runtime error: collab.formula: unknown field 'oops'" -- plugins list --root "$d"
check broken-state 0 "tri-share 0.1.0              error"
expect broken-unused 0 "warning: plug-in skipped: " -- check --root "$d"
uses "$d" tri_share_equal
expect broken-used 2 "formula 'tri_share_equal' is not available: plug-in 'tri-share', which provides it, was skipped" -- contributions --root "$d"
check broken-used-where 2 "data/collaborations.json:1281:"
expect broken-used-check 2 "'collab plugins list' says why" -- check --root "$d"

# ---- a formula's id must be its file's name, as for the built-ins ------------------------------
d=$(tree misnamed)
plugin "$d" misnamed '"formulae": ["a.lua"]'
equal_formula "$d/plugins/misnamed/a.lua" b
expect misnamed 0 "the formula's id is 'b' but its file is a.lua" -- plugins list --root "$d"

# ---- the manifest: formulae and rules are lists of the folder's own scripts --------------------
d=$(tree manifests)
plugin "$d" not-list '"formulae": "x.lua"'
plugin "$d" escapes '"formulae": ["../x.lua"]'
plugin "$d" empty '"reports": [], "formulae": []'
plugin "$d" twice '"formulae": ["x.lua", "x.lua"]'
equal_formula "$d/plugins/twice/x.lua" x
mkdir -p "$d/outside" && equal_formula "$d/outside/link.lua" link && ln -s ../../outside/link.lua "$d/plugins/escapes/link.lua"
plugin "$d" linked '"formulae": ["link.lua"]'
ln -s ../../outside/link.lua "$d/plugins/linked/link.lua"
expect not-list 0 "plugins/not-list/plugin.json:1:95: 'formulae' must be a list of script file names" -- plugins list --root "$d"
check escapes 0 "'../x.lua' is not a script of the plug-in's folder"
check empty 0 "plugins/empty/plugin.json:1:1: the plug-in provides nothing"
check twice 0 "'x.lua' is listed twice"
check linked 0 "'link.lua' is not a regular file inside plugins/linked"
expect manifests-others 0 "| EMSOU Serious and Organised Crime | £2,086,015 |" -- contributions --root "$d"

# ---- a plug-in's what-if rule, named by a scenario step ---------------------------------------
# double_budget: a unit's cash budget doubles from the step's year on.
rule_script() {  # rule_script FILE ID [PRELUDE]
  printf '%s\nreturn collab.rule { id = "%s", title = "Double a budget",\n  params = { unit = { type = "unit", required = true } },\n  apply = function(model, params, step)\n    for _, year in ipairs(model:years()) do\n      if year >= step.from then\n        local b = model:budget(params.unit, year) or {}\n        if b.cash then b.cash = b.cash * 2 end\n        model:set_budget(params.unit, year, b)\n      end\n    end\n  end }\n' \
    "${3:-}" "$2" >"$1"
}
d=$(tree rules)
plugin "$d" doubling '"rules": ["doubling_budget.lua"]'
rule_script "$d/plugins/doubling/doubling_budget.lua" doubling_budget
mkdir -p "$d/data/scenarios"
printf '{"id": "double-ld", "title": "L&D doubles", "description": "x", "baseline": "data", "years": "2016/17..2017/18",\n "steps": [{"rule": "doubling_budget", "from": "2017/18", "params": {"unit": "emchrs-ld"}}]}\n' \
  >"$d/data/scenarios/double-ld.json"
expect rule-listed 0 "  rule doubling_budget" -- plugins list --root "$d"
# L&D's £2,398,301 doubled to £4,796,602: Notts' 31.7% of it is £1,520,522.83, which the largest
# remainder rounds up to £1,520,523 (against £760,261 in the baseline).
expect rule-applied 0 "| EMCHRS Learning and Development | cash | Notts | £760,261 | £1,520,523 | £760,262 | 100.0% |" -- whatif double-ld --year 2017/18 --root "$d"
expect rule-checked 0 "collab check: 0 errors" -- check --root "$d"
# A rule id the built-ins have: the plug-in is skipped, its step is told why.
d=$(tree rule-clash)
plugin "$d" clash '"rules": ["budget_change.lua"]'
rule_script "$d/plugins/clash/budget_change.lua" budget_change
expect rule-clash 0 "plugins/clash/budget_change.lua: rule id 'budget_change' is taken by another rule" -- plugins list --root "$d"
d=$(tree rule-broken)
plugin "$d" doubling '"rules": ["doubling_budget.lua"]'
printf 'return collab.rule { id = "doubling_budget" \n' >"$d/plugins/doubling/doubling_budget.lua"
mkdir -p "$d/data/scenarios"
cp "$tmp/rules/data/scenarios/double-ld.json" "$d/data/scenarios/"
expect rule-broken 0 "plugins/doubling/doubling_budget.lua:" -- plugins list --root "$d"
check rule-broken-state 0 "doubling 0.1.0               error"
expect rule-broken-step 2 "rule 'doubling_budget' is not available: plug-in 'doubling', which provides it, was skipped" -- whatif double-ld --root "$d"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
