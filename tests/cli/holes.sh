#!/usr/bin/env bash
# Hostile formulae: names with a NUL inside, answers that must not depend on hash order, what the
# host copies out of Lua, states a script can put the host in, and control characters.
. "$(dirname "$0")/lib.sh"

# ld_formula DIR ID: EMCHRS L&D (emchrs-ld) names formula ID from 2016/17.
ld_formula() {
  sed -i "/\"id\": \"emchrs-ld\"/,/\"params\": {}/ s/\"id\": \"grant_share\",/\"id\": \"$2\",/" "$1/data/collaborations.json"
}
# formula DIR ID [FIELDS] BODY: scripts/formulae/ID.lua whose weights function has BODY.
formula() {
  printf 'return collab.formula{ id = "%s", title = "%s", %s\n  weights = function(year, forces)\n%s\n  end }\n' \
    "$2" "$2" "$3" "$4" >"$1/scripts/formulae/$2.lua"
}
# each_one: weights 1 for each participant (Lua)
each_one='local w = {} for _, f in ipairs(forces) do w[f.id] = 1 end'
# no_escape NAME: $out holds no raw ESC, BEL or NUL byte.
no_escape() {
  if LC_ALL=C grep -q $'[\x1b\x07]' <<<"$out"; then
    failed=$((failed + 1))
    printf 'FAIL %s: a raw control character reached the output\n---\n' "$1"
  else
    passed=$((passed + 1))
  fi
}

# ---- a NUL inside a name is an error, never a cut name -----------------------------------------
d=$(tree nul-key)
formula "$d" nul_key "" "    $each_one w.derbyshire = nil w['derbyshire\\0'] = 5 return w"
ld_formula "$d" nul_key
expect nul-weight-key 1 "weights returned the key 'derbyshire\\x00', which holds a NUL byte" -- contributions --root "$d"
expect nul-weight-key-check 2 "weights returned the key 'derbyshire\\x00', which holds a NUL byte" -- check --root "$d"

d=$(tree nul-twin)
formula "$d" nul_twin "" "    $each_one w['derbyshire\\0x'] = 9 return w"
ld_formula "$d" nul_twin
expect nul-weight-twin 1 "weights returned the key 'derbyshire\\x00x', which holds a NUL byte" -- contributions --root "$d"

d=$(tree nul-field)
printf 'return collab.formula{ id = "nul_field", title = "x", ["weights\\0x"] = function() end,\n  weights = function(_, forces) local w = {} for _, f in ipairs(forces) do w[f.id] = 1 end return w end }\n' \
  >"$d/scripts/formulae/nul_field.lua"
expect nul-formula-field 2 "collab.formula: unknown field 'weights\\x00x'" -- check --root "$d"

d=$(tree nul-names)
formula "$d" nul_force "inputs = {'grant'}," "    $each_one w.derbyshire = collab.grant(collab.force('derbyshire\\0'), '2015/16') return w"
ld_formula "$d" nul_force
expect nul-force-name 1 "unknown force 'derbyshire\\x00'" -- contributions --root "$d"
formula "$d" nul_force "inputs = {'grant'}," "    $each_one w.derbyshire = collab.grant('derbyshire', '2015/16\\0') return w"
expect nul-year 1 "bad argument #2 to 'collab.grant'" -- contributions --root "$d"
check nul-year-shown 1 "2015/16\\x00"
formula "$d" nul_force "inputs = {'grant'}," "    $each_one if collab.has('grant\\0x', 'derbyshire', '2015/16') then w.derbyshire = 2 end return w"
expect nul-input-name 1 "unknown input 'grant\\x00x'" -- contributions --root "$d"
formula "$d" nul_force "" "    $each_one w.derbyshire = collab.money.parse('£1\\0junk') return w"
expect nul-money-text 1 "bad argument #1 to 'collab.money.parse'" -- contributions --root "$d"

# ---- the same inputs give byte-identical output in fresh processes ------------------------------
# (Lua seeds its string hashes per process: anything read in pairs order would change.)
d=$(tree order)
formula "$d" by_pairs "" "    local src, w = {}, {}
    for i, f in ipairs(forces) do src[f.id .. '#' .. i] = f.id end
    for key, id in pairs(src) do w[id] = #key + 0.1 end
    local why = {} for id in pairs(w) do why[id] = 'from ' .. id end
    return w, why"
ld_formula "$d" by_pairs
sed -i "/\"id\": \"empct\"/,/\"params\": {}/ s/\"id\": \"grant_share\",/\"id\": \"nul_twin\",/" "$d/data/collaborations.json"
cp "$tmp/nul-twin/scripts/formulae/nul_twin.lua" "$d/scripts/formulae/"
first=""
same=0
for i in $(seq 1 50); do
  this=$("$collab" contributions --pence --root "$d" 2>&1; "$collab" explain emchrs-ld derbys --root "$d" 2>&1)
  [ -z "$first" ] && first=$this
  [ "$this" = "$first" ] && same=$((same + 1))
done
out=$first code=0
# by_pairs weighs each force by the length of "<id>#<index>" plus 0.1: derbyshire#1 12.1,
# leicestershire#2 16.1, northamptonshire#3 18.1, nottinghamshire#4 17.1 (sum 63.4), so Derbys
# pays 12.1 / 63.4 of £2,398,301 = £457,719.91 to the penny, whatever order pairs gives.
check order-computed 0 "| EMCHRS Learning and Development | £457,719.91 | £609,032.27 |  | £684,688.46 | £646,860.36 | £2,398,301.00 |"
check order-failed 0 "which holds a NUL byte"
if [ "$same" = 50 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL order: $same of 50 runs gave the first run's output"; fi

# ---- what the host copies out of Lua is bounded ----------------------------------------------
d=$(tree notes)
formula "$d" notes "" "    local big = string.rep('n', 16 * 1024 * 1024)
    $each_one local why = {} for _, f in ipairs(forces) do why[f.id] = big end
    for i = 1, 100 do why['k' .. i] = big end
    return w, why"
ld_formula "$d" notes
expect notes-bounded 0 "bytes cut" -- explain emchrs-ld notts --root "$d"
size=${#out}
if [ "$size" -lt 20000 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL notes-bounded-size: $size bytes of output"; fi

d=$(tree message)
formula "$d" message "" "    error(string.rep('m', 16 * 1024 * 1024))"
ld_formula "$d" message
expect message-bounded 1 "bytes cut)" -- contributions --root "$d"
size=${#out}
if [ "$size" -lt 30000 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL message-bounded-size: $size bytes of output"; fi

# ---- a script can cause its own error, never an internal one (exit 3) -------------------------
d=$(tree steps)
for step in 0.00001 1e17 100.5 -0.1; do
  formula "$d" steps "round_shares = $step," "    $each_one return w"
  ld_formula "$d" steps
  expect "round-shares-$step" 2 "collab.formula: field 'round_shares' must be a step in percentage points above zero and at most 100" -- contributions --root "$d"
done
# A state a script filled close to its ceiling at load: the host's own calls fail as that script's
# memory error, whatever the fill.
d=$(tree full)
for kib in 1400 1600 1700 1800 1850 1900 1950 2000; do
  printf 'fill = {}\nlocal ok = pcall(function() for i = 1, %d do fill[i] = string.rep("f", 1000) .. i end end)\n' "$kib" \
    >"$d/scripts/formulae/full.lua"
  printf 'return collab.formula{ id = "full", title = "full", params = { p = { type = "number", default = 1 } },\n  weights = function(_, forces) local w = {} for _, f in ipairs(forces) do w[f.id] = 1 end return w end }\n' \
    >>"$d/scripts/formulae/full.lua"
  ld_formula "$d" full
  run contributions --memory-limit 2 --root "$d"
  if [ "$code" != 3 ] && ! grep -q "internal error" <<<"$out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL full-%s: exit %s\n%s\n---\n' "$kib" "$code" "$(head -5 <<<"$out")"
  fi
done

# ---- a formula file that is not a regular file, or too large: an error at the script ----------
d=$(tree files)
ln -s self.lua "$d/scripts/formulae/self.lua"
mkfifo "$d/scripts/formulae/fifo.lua"
head -c 300000 /dev/zero | tr '\0' ' ' >"$d/scripts/formulae/huge.lua"
expect script-files 2 "scripts/formulae/self.lua: error: " -- check --root "$d"
check script-files-fifo 2 "scripts/formulae/fifo.lua: error: "
check script-files-huge 2 "scripts/formulae/huge.lua: error: "
check_absent script-files-internal "internal error"

# ---- control characters from scripts and data are shown, not sent to the terminal -------------
d=$(tree escapes)
formula "$d" escapes "" "    print('\\27[31mred\\7') $each_one
    local why = {} for _, f in ipairs(forces) do why[f.id] = 'note \\27[2J' end
    return w, why"
ld_formula "$d" escapes
expect escapes-print 0 "scripts/formulae/escapes.lua:3: \\x1b[31mred\\x07" -- contributions --root "$d"
no_escape escapes-print-raw
expect escapes-note 0 "(note \\x1b[2J)" -- explain emchrs-ld notts --root "$d"
no_escape escapes-note-raw
formula "$d" escapes "" "    error('\\27]0;pwned\\7 bad')"
expect escapes-error 1 "\\x1b]0;pwned\\x07 bad" -- contributions --root "$d"
no_escape escapes-error-raw
sed -i 's/"unit": "emsou-soc",/"unit": "emsou-soc", "label": "SOC \\u001b[5mblink",/' "$d/data/budgets.json"
# Markdown shows the visible escape with its own backslash and bracket escaped.
expect escapes-data-label 1 "SOC \\\\x1b\\[5mblink" -- contributions --root "$d"
no_escape escapes-data-label-raw
expect escapes-data-label-csv 1 "SOC \\x1b[5mblink" -- contributions --csv --root "$d"
no_escape escapes-data-label-csv-raw

finish
