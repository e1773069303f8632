-- withdraw: a force gives notice to leave a unit. The step's year is the year notice is given;
-- the force still takes part (and pays its share) for `notice` years, then leaves, and the others
-- share the budget. An exit liability is what a section 22A agreement asks of a leaver for the
-- costs the unit is left with (fixed costs it cannot shed at once, redundancy): a base (a stated
-- amount, or a percentage of the unit's budget in the leaver's last year) of which the leaver pays
-- its share (as the unit's formula split that last year, or a stated one), in equal instalments
-- over the years from its leaving. The leaver pays each instalment towards the unit's budget, so
-- what the stayers share that year is the budget less it: the unit's costs do not change, the
-- leaver's payment lowers what the others pay, and every year's row adds up to the budget.

-- The year `n` years after `year`, within the model's years (nil past them).
local function later(model, year, n)
  local years = model:years()
  for i, y in ipairs(years) do
    if y == year then return years[i + n] end
  end
  return nil
end

return collab.rule {
  id = "withdraw",
  title = "A force leaves a unit",
  description = "The force gives notice, leaves after it, and pays an exit liability in instalments; the others share the rest.",
  params = {
    force = { type = "force", required = true, doc = "the force that leaves, e.g. \"derbyshire\"" },
    unit = { type = "unit", required = true, doc = "the unit it leaves, e.g. \"emsou-forensics\"" },
    notice = { type = "number", doc = "whole years of notice from the step's year (default 0: it leaves then)" },
    liability = { type = "money", doc = "the exit liability's base in pounds (the costs left), of which the leaver pays its share" },
    liability_percent = { type = "percent", doc = "or the base as a percentage of the unit's budget in the leaver's last year" },
    liability_share = { type = "percent", doc = "the leaver's share of the base (default: its share of the unit in its last year)" },
    instalments = { type = "number", doc = "yearly instalments of the liability from the year it leaves (default 1)" },
    kind = { type = "string", doc = "the budget the liability is paid towards: \"cash\" (default) or \"in_kind\"" },
  },

  apply = function(model, params, step)
    local notice = params.notice or 0
    if math.type(notice) ~= "integer" or notice < 0 or notice > 10 then
      collab.param_error("notice", "notice is a whole number of years from 0 to 10")
    end
    local instalments = params.instalments or 1
    if math.type(instalments) ~= "integer" or instalments < 1 or instalments > 20 then
      collab.param_error("instalments", "instalments is a whole number from 1 to 20")
    end
    if params.liability and params.liability_percent then
      collab.param_error("liability", "give 'liability' (an amount) or 'liability_percent', not both")
    end
    local has_liability = params.liability ~= nil or params.liability_percent ~= nil
    if not has_liability then
      for _, name in ipairs({ "liability_share", "instalments", "kind" }) do
        if params[name] ~= nil then collab.param_error(name, "'" .. name .. "' needs a liability ('liability' or 'liability_percent')") end
      end
    end
    local kind = params.kind or "cash"
    if kind ~= "cash" and kind ~= "in_kind" then collab.param_error("kind", "kind must be \"cash\" or \"in_kind\"") end

    -- Refused (at the step) if the force does not take part when it gives notice.
    local now = model:participants(params.unit, step.from)
    local member = false
    for _, f in ipairs(now) do member = member or f == params.force end
    if not member then
      model:withdraw(params.force, params.unit, step.from)  -- the host's refusal names the participants
    end

    local leaves = later(model, step.from, notice)
    if leaves == nil then return end  -- the notice runs past the years computed: it pays its share throughout
    model:withdraw(params.force, params.unit, leaves)
    if not has_liability then return end

    local last = model:years()[1] < leaves and later(model, leaves, -1) or nil
    if last == nil then
      collab.param_error("notice", "the force leaves in the first year computed, so there is no last year to take its share from: give notice from a later year")
    end
    local base = params.liability
    if base == nil then
      local budget = model:budget(params.unit, last) or {}
      if budget[kind] == nil then
        collab.param_error("liability_percent", "'" .. params.unit .. "' has no " .. kind .. " budget in " .. last .. " to take a percentage of")
      end
      base = collab.whatif.percent_of(budget[kind], params.liability_percent)
    end
    for n = 1, instalments do
      local year = later(model, leaves, n - 1)
      if year == nil then break end  -- instalments past the years computed are not shown
      model:charge(params.unit, year, {
        force = params.force,
        amount = base,
        kind = kind,
        label = instalments > 1 and ("exit liability, instalment " .. n .. " of " .. instalments) or "exit liability",
        share_year = params.liability_share == nil and last or nil,
        share = params.liability_share,
        instalment = n,
        instalments = instalments,
      })
    end
  end,
}
