-- uplift: every unit's budget grows by a percentage a year (pay and inflation) from the step's
-- year on, compounded: the step's year is the year before's figure raised by it once, the next
-- year twice, and so on, rounded half up to the penny each time. With the data budgeting only
-- 2016/17, this is how the projected years grow.

return collab.rule {
  id = "uplift",
  title = "Every budget grows a year",
  description = "Every unit's budget grows by a percentage a year from the step's year on, compounded.",
  params = {
    by = { type = "percent", required = true, doc = "the yearly growth, e.g. \"2%\"" },
  },

  apply = function(model, params, step)
    local n = 0
    for _, year in ipairs(model:years()) do
      if year >= step.from then
        n = n + 1
        for _, unit in ipairs(model:budget_units(year)) do
          local budget = model:budget(unit, year)
          for _, kind in ipairs({ "cash", "in_kind" }) do
            if budget[kind] then
              for _ = 1, n do budget[kind] = collab.whatif.change(budget[kind], params.by) end
            end
          end
          model:set_budget(unit, year, budget)
        end
      end
    end
  end,
}
