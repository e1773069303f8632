-- grant_change: a force's central grant (or every force's) changes from the step's year, by a
-- percentage or to an amount. `by` compounds: each year from the step's year on changes by it
-- on the year before ("falls 5% a year"), rounded half up to the penny each year; `once = true`
-- changes every year from then on by it once. `to` sets the grant to the amount from then on.
-- A formula of year Y weighs the grants of Y-1, so a change from 2017/18 moves shares from 2018/19.

local function changed_years(model, from)
  local out = {}
  for _, year in ipairs(model:years()) do
    if year >= from then out[#out + 1] = year end
  end
  return out
end

return collab.rule {
  id = "grant_change",
  title = "Central grant changes",
  description = "One force's or every force's central grant changes by a percentage (a year) or to an amount.",
  params = {
    forces = { type = "forces", required = true, doc = "a force id, a list of them, or \"all\"" },
    by = { type = "percent", doc = "the change, e.g. \"-5%\": a year, compounded (unless once = true)" },
    once = { type = "boolean", doc = "apply `by` once, not every year (default false)" },
    to = { type = "money", doc = "the grant from the step's year on, in pounds" },
  },

  apply = function(model, params, step)
    if (params.by == nil) == (params.to == nil) then
      collab.param_error("by", "give either 'by' (a percentage) or 'to' (an amount), not both or neither")
    end
    for _, force in ipairs(params.forces) do
      for n, year in ipairs(changed_years(model, step.from)) do
        if params.to then
          model:set_grant(force, year, params.to)
        else
          local amount = model:grant(force, year)
          local times = params.once and 1 or n
          for _ = 1, times do amount = collab.whatif.change(amount, params.by) end
          model:set_grant(force, year, amount)
        end
      end
    end
  end,
}
