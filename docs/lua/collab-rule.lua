---@meta collab-rule
-- What what-if rule scripts (scripts/whatif/*.lua) see beyond docs/lua/collab.lua: the rule
-- constructor, the model a rule changes (`model`, passed to apply: collab.draft) and exact
-- percentages. Formula and report scripts do not see these. Documentation only: the host defines
-- the values, and a test (host/api/api_meta_test.cpp) fails if a name here and the host's differ.
--
-- A rule changes a copy of the model, never the data: every edit goes through `model`'s methods,
-- which the host checks (a force that does not take part cannot leave; no budget below zero; no
-- change to a year before the step's). collab.grant, collab.budget and the other collab.lua
-- functions read the data as loaded, not the scenario's copy: read the copy with model:grant,
-- model:budget. docs/whatif.md walks through writing a rule.

---@alias collab.RuleParamType "force"|"forces"|"unit"|"year"|"percent"|"money"|"string"|"number"|"boolean"|"table"

---A parameter a rule accepts from a scenario step. The host checks a step's value against the
---type before the rule runs, and hands it to apply as: "force"/"unit" an id; "forces" a list of
---force ids ("all" expanded); "year" "2017/18"; "percent" exact text such as "-5%" (give it to
---collab.whatif.change); "money" integer pence (the scenario gives pounds).
---@class collab.RuleParam
---@field type collab.RuleParamType
---@field required boolean?
---@field doc string?

---@class collab.Step
---@field from string   the step's year, "2017/18": the rule changes nothing before it
---@field rule string   the rule's id
---@field index integer the step's place in its scenario, from 1

---@class collab.RuleSpec
---@field id string           lower case letters, digits and '_'; the file is scripts/whatif/<id>.lua
---@field title string
---@field description string?
---@field params table<string, collab.RuleParam>?
---@field apply fun(model: collab.draft, params: table, step: collab.Step)

---Declares a rule; a rule script returns what this returns. Checked here, so a misspelt field
---is an error at the script's line. The script's globals are frozen once it has loaded: `apply`
---reads them, but assigning one is an error ("error in rule 'x': assigns global 'n'"), so no
---scenario of a sweep depends on the ones before it.
---
---```lua
---return collab.rule {
---  id = "withdraw", title = "A force leaves a unit",
---  params = { force = { type = "force", required = true }, unit = { type = "unit", required = true } },
---  apply = function(model, params, step) model:withdraw(params.force, params.unit, step.from) end,
---}
---```
---@param spec collab.RuleSpec
---@return collab.RuleSpec
function collab.rule(spec) end

---The model a rule's apply changes (its first argument): a copy of the data, projected over the
---scenario's years, with the earlier steps applied. Call its functions as methods, model:join(...).
---Each can be called only while apply runs. An edit the host refuses raises an error, and the
---step is reported at its place in the scenario file even if the rule catches the error.
---@class collab.draft
collab.draft = {}

---Every year the scenario computes (and so may change), in order: "2016/17", "2017/18", ...
---@return string[]
function collab.draft:years() end

---The step's year ("2017/18").
---@return string
function collab.draft:from() end

---The forces taking part in a unit in a year (empty before it starts, or when the register gives
---only a count).
---@param unit string
---@param year string
---@return string[]
function collab.draft:participants(unit, year) end

---The units with a budget line in a year, in data order.
---@param year string
---@return string[]
function collab.draft:budget_units(year) end

---A unit's budget for a year, in pence, or nil when it has none.
---@param unit string
---@param year string
---@return {cash: integer?, in_kind: integer?}?
function collab.draft:budget(unit, year) end

---Sets a unit's budget for a year (pence; nil or an empty table removes the line). Refused below
---zero, before the step's year, or past the scenario's years.
---@param unit string
---@param year string
---@param amounts {cash: integer?, in_kind: integer?}?
function collab.draft:set_budget(unit, year, amounts) end

---A force's central grant for a year, in pence (projected flat past the data's last year), or nil.
---@param force string
---@param year string
---@return integer?
function collab.draft:grant(force, year) end

---Sets a force's central grant for a year (pence, 0 or more). A formula of year Y weighs the
---grants of Y-1, so a grant changed in 2017/18 moves shares from 2018/19.
---@param force string
---@param year string
---@param pence integer
function collab.draft:set_grant(force, year, pence) end

---The force takes no part in the unit from `from` on. Refused when it does not take part then,
---or would leave the unit with no participant.
---@param force string
---@param unit string
---@param from string
function collab.draft:withdraw(force, unit, from) end

---The force takes part in the unit from `from` on. Refused when it takes part already.
---@param force string
---@param unit string
---@param from string
function collab.draft:join(force, unit, from) end

---The unit's budget is split by formula `id` (of scripts/formulae) with `params` from `from` on.
---The host checks the formula and its parameters once the step is applied.
---@param unit string
---@param from string
---@param id string
---@param params table?
function collab.draft:set_formula(unit, from, id, params) end

---Creates a live unit with its participants from `from` on; give it budgets with set_budget.
---@param spec {id: string, name: string?, participants: string[], from: string}
function collab.draft:add_unit(spec) end

---Adds a charge to the unit's budget line of `year`: a sum one force pays towards it, taken off
---the budget before the rest is split among the participants (so the row still adds up to the
---budget). A force that is no participant (it left) pays only its charges. The amount is pence;
---with `share_year` the force pays the part of it that its share of the unit in that year gives
---it (split as the ledger splits a budget), with `share` a stated percentage of it (half up to
---the rounding unit); `instalments` splits that equally (largest remainder), this line paying
---`instalment`. Refused without a budget of that kind, or for a year before the step's.
---
---```lua
---model:charge("emsou-forensics", "2018/19", { force = "derbyshire", amount = 39397000,
---  share_year = "2017/18", instalment = 1, instalments = 2, label = "exit liability, instalment 1 of 2" })
---```
---@param unit string
---@param year string
---@param charge {force: string, amount: integer, label: string?, kind: "cash"|"in_kind"?, share_year: string?, share: string?, instalment: integer?, instalments: integer?}
function collab.draft:charge(unit, year, charge) end

---Limits each force's year-on-year change in what it pays for the unit (charges apart) from
---`from` on: `rise` the most it may rise, `fall` the most it may fall (percentages as text, or
---whole numbers; either may be absent). The ledger holds a force that breaches at its bound and
---redistributes the difference among the others until none breaches (docs/whatif.md).
---@param unit string
---@param from string
---@param limit {rise: string|integer?, fall: string|integer?}
function collab.draft:limit_change(unit, from, limit) end

---@class collab.whatif
collab.whatif = {}

---A percentage of an amount, exactly: pence * percent / 100, rounded half up to the penny.
---
---```lua
---collab.whatif.percent_of(393970000, "10%")  --> 39397000
---```
---@param pence integer
---@param percent string|integer
---@return integer
function collab.whatif.percent_of(pence, percent) end

---An amount changed by a percentage, exactly: pence * (100 + percent) / 100, rounded half up to
---the penny (halves away from zero). The percentage is text ("-5%", "2.5") or a whole number;
---a float is refused, since 2.5 as a binary float is not exactly 2.5.
---
---```lua
---collab.whatif.change(12677753300, "-5%")  --> 12043865635
---```
---@param pence integer
---@param percent string|integer
---@return integer
function collab.whatif.change(pence, percent) end
