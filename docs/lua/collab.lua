---@meta collab
-- The host API every collab script sees, for editors that speak LuaLS (lua-language-server):
-- point "workspace.library" at docs/lua (the repository's .luarc.json does) and scripts get
-- completion and type checks. This file is documentation only: the host defines the values.
-- A test (host/api/api_meta_test.cpp) fails if a name here and the host's names differ.
--
-- Conventions: money is an integer number of pence; percentages are numbers of percent (27.6
-- means 27.6%); financial years are strings such as "2016/17". Every table here is read-only:
-- writing to it is an error.

---@class collab
collab = {}

---The version of this API; plug-ins name the version they need.
---@type integer
collab.api_version = 1

---@class collab.Region
---@field id string    "east-midlands"
---@field name string  "East Midlands"

---The region whose forces take part in the collaborations.
---@type collab.Region
collab.region = {}

---@class collab.Force
---@field id string          "nottinghamshire": what data files and weights are keyed by
---@field name string        "Nottinghamshire Police"
---@field short_name string  "Notts", as published tables head their columns
---@field aliases string[]   other names the documents use

---Every force of the region, in the order of data/forces.json.
---@type collab.Force[]
collab.forces = {}

---@alias collab.UnitStatus "live"|"proposed"|"not progressed"|"withdrawn"

---@class collab.Unit
---@field id string                "emsou-soc"
---@field name string              "EMSOU Serious and Organised Crime"
---@field short_name string        "EMSOU SOC"
---@field parent string?           the id of the unit it belongs to ("emsou")
---@field portfolio string         "Crime", "Corporate services"...
---@field status collab.UnitStatus
---@field section22 "regional"|"national"
---@field lead_force string?       the id of the lead force

---Every collaboration (unit or agreement), in the order of data/collaborations.json, as the data
---set loaded has them. A scenario's changed copy of the model may add units: `collab.unit`,
---`collab.participants` and `collab.budget` answer for the model being computed, this list for
---the data set as loaded.
---@type collab.Unit[]
collab.units = {}

---Every financial year the data mentions, oldest first ("2015/16", "2016/17", ...).
---@type string[]
collab.years = {}

---A force by id, name, short name or alias (case does not matter), or a force view.
---Unknown names are an error that lists the forces.
---@param force string|collab.Force
---@return collab.Force
function collab.force(force) end

---A unit by id, name, short name or alias, or a unit view.
---@param unit string|collab.Unit
---@return collab.Unit
function collab.unit(unit) end

---The ids of the forces taking part in `unit` in `year`, in register order; an empty list
---before the unit's first participation period. An error when the register gives only how
---many forces take part.
---@param unit string|collab.Unit
---@param year string
---@return string[]
function collab.participants(unit, year) end

---@class collab.Budget
---@field cash integer?     pence
---@field in_kind integer?  pence (officers seconded)

---A unit's budget for `year`, or nil when the data has none.
---@param unit string|collab.Unit
---@param year string
---@return collab.Budget?
function collab.budget(unit, year) end

---A force's central grant (Police Core Settlement plus formula grant) in `year`, in pence.
---Inside a formula, only if the formula lists "grant" in its inputs. Missing figures are an
---error that says which file to add them to.
---@param force string|collab.Force
---@param year string
---@return integer pence
function collab.grant(force, year) end

---A force's resident population in `year`. Inside a formula, only if it lists "population".
---@param force string|collab.Force
---@param year string
---@return integer people
function collab.population(force, year) end

---A force's net revenue expenditure in `year`, in pence. Inside a formula, only if it lists "nre".
---@param force string|collab.Force
---@param year string
---@return integer pence
function collab.nre(force, year) end

---The central grant of every force of `forces` in `year`, as a new list in the same order
---(collab.grant of each, in one call: a formula a sweep runs a million times wants one call for
---the region, not one per force). An item that names no force is an error naming the item.
---@param forces (string|collab.Force)[]
---@param year string
---@return integer[] pence
function collab.grants(forces, year) end

---collab.population of every force of `forces`, as a new list in the same order.
---@param forces (string|collab.Force)[]
---@param year string
---@return integer[] people
function collab.populations(forces, year) end

---collab.nre of every force of `forces`, as a new list in the same order.
---@param forces (string|collab.Force)[]
---@param year string
---@return integer[] pence
function collab.nres(forces, year) end

---@alias collab.Input "grant"|"population"|"nre"

---Whether anybody will read this evaluation's notes (the second result of `weights`): true in
---reports and `collab explain`, false in a sweep, where building notes for every scenario is
---wasted work. Skip the notes when false; never let the weights depend on it.
---@return boolean
function collab.explaining() end

---Whether the data holds `input` for `force` in `year` (for formulae that fall back).
---@param input collab.Input
---@param force string|collab.Force
---@param year string
---@return boolean
function collab.has(input, force, year) end

---`value` rounded to a multiple of `step` (default 1), halves away from zero, computed exactly on
---the decimal the number shows: collab.round(0.15, 0.1) is 0.2, collab.round(2.5) is 3. An
---integer is read exactly, however large (collab.round(math.maxinteger, 1e-18) is math.maxinteger);
---a result beyond exact arithmetic is an error naming the argument, never a wrong number.
---@param value number
---@param step number?
---@return number
function collab.round(value, step) end

---`part / whole` in percent, computed exactly from two integers (pence, people) and rounded once
---to `step` percentage points (default 0.0001): collab.share(276, 871, 0.1) is 31.7.
---@param part integer
---@param whole integer  above zero
---@param step number?
---@return number percent
function collab.share(part, whole, step) end

---collab.share of every part of `parts` in `whole`, as a new list in the same order:
---collab.shares({276, 595}, 871, 0.1) is {31.7, 68.3}. An item that is not an integer is an
---error naming the item.
---@param parts integer[]
---@param whole integer  above zero
---@param step number?
---@return number[] percent
function collab.shares(parts, whole, step) end

---@class collab.year
collab.year = {}

---The year before: collab.year.previous("2016/17") is "2015/16".
---@param year string
---@return string
function collab.year.previous(year) end

---The year after: collab.year.next("2016/17") is "2017/18".
---@param year string
---@return string
function collab.year.next(year) end

---@class collab.money
collab.money = {}

---"£1,234,567.89" for 123456789.
---@param pence integer
---@return string
function collab.money.format(pence) end

---"£1,234,568" for 123456789: to the nearest pound, halves up.
---@param pence integer
---@return string
function collab.money.pounds(pence) end

---Pence from published text: "£9,568,874.60", "(5.2)" (negative), "£1.2m". An error if unreadable.
---@param text string
---@return integer pence
function collab.money.parse(text) end

---Pence from pounds, read as the decimal the number shows: 2641009.5 gives 264100950. A fraction
---of a penny is an error, never a silent rounding.
---@param pounds number
---@return integer pence
function collab.money.from_pounds(pounds) end

---@class collab.ParamSpec
---@field type "number"|"string"|"boolean"|"table"
---@field required boolean?  the data must give it (no default then)
---@field default any?       used when the data leaves it out; must have `type`
---@field doc string?        what it means, shown in errors

---@class collab.FormulaSpec
---@field id string                 lower case, digits and _; the file is scripts/formulae/<id>.lua
---@field title string              a line for people ("Share of central grant, previous year")
---@field description string?
---@field inputs collab.Input[]?    the figures the formula reads (anything else is refused)
---@field params table<string, collab.ParamSpec>?  what the data may pass next to the formula's id
---@field round_shares number?      renormalised shares are rounded to this many percentage points
---@field scope "participants"|"region"?  who `weights` weighs (default "participants"; see collab.formula)
---@field weights fun(year: string, forces: collab.Force[], params: table, region: collab.Force[]): table<string, number>, table<string, string>?

---Declares a funding formula; a formula script returns what this returns. The table is checked
---here, so a misspelt field is an error at the script's line.
---
---`weights(year, forces, params, region)` returns a weight per force id of `forces` (finite,
---above zero, for every one of them and for no other force), and optionally a note per force id
---saying why, which `collab explain` prints (build the notes only when `collab.explaining()`:
---a sweep asks for none). `region` is every force of the region. `params` holds the data's
---values and the declared defaults, in a table of the call's own: writing to it changes nothing
---for the next call.
---
---With `scope = "participants"` (the default) it is called once per year and distinct set of a
---unit's participants, and `forces` holds those participants: an equal share or a blend is then
---among the forces that share the unit. With `scope = "region"` it is called once per year with
---every force in `forces` (the published grant convention: shares of the whole region), and the
---host keeps the participants' weights. Either way the host renormalises the participants'
---weights (rounding to `round_shares` if given) and apportions the budget exactly. Calls are
---cached: the same formula, parameters, year and participants run once.
---
---The script's globals are frozen once it has loaded: `weights` reads them, but assigning one
---(new or existing) is an error at that line, "error in formula 'x': assigns global 'calls'":
---no call may keep state for the next (docs/formulae.md, "Rules a formula must keep").
---
---```lua
---return collab.formula {
---  id = "equal_share", title = "Equal shares",
---  weights = function(_, forces)
---    local w = {}
---    for _, force in ipairs(forces) do w[force.id] = 1 end
---    return w
---  end,
---}
---```
---@param spec collab.FormulaSpec
---@return collab.FormulaSpec
function collab.formula(spec) end

---Stops the formula because a parameter the data gave is wrong: the error is reported at that
---parameter's line and column in the data file, not at the script's line. `name` is the
---parameter, or a dotted path into it ("mix.equall", "shares.nottinghamshire").
---
---```lua
---if not bases[basis] then collab.param_error("mix." .. basis, "unknown basis '" .. basis .. "'") end
---```
---@param name string
---@param message string
function collab.param_error(name, message) end
