-- merge_units: one unit is merged into another from the step's year: its budget (cash and
-- officers in kind) is added to the other's, and the forces that took part only in it join the
-- unit it merges into, so nobody who paid for the work stops paying for it. The merged unit has
-- no budget from then on. The unit merged into keeps its formula.

return collab.rule {
  id = "merge_units",
  title = "Two units merge",
  description = "A unit's budget and participants are merged into another unit from the step's year on.",
  params = {
    unit = { type = "unit", required = true, doc = "the unit that is merged away, e.g. \"emsou-major-crime\"" },
    into = { type = "unit", required = true, doc = "the unit it merges into, e.g. \"emsou-soc\"" },
  },

  apply = function(model, params, step)
    if params.unit == params.into then collab.param_error("into", "a unit cannot merge into itself") end
    local joined = {}
    for _, year in ipairs(model:years()) do
      if year >= step.from then
        local from, into = model:budget(params.unit, year), model:budget(params.into, year)
        if from then
          into = into or {}
          for _, kind in ipairs({ "cash", "in_kind" }) do
            if from[kind] then into[kind] = (into[kind] or 0) + from[kind] end
          end
          model:set_budget(params.into, year, into)
          model:set_budget(params.unit, year, nil)
        end
        -- Forces of the merged unit that are not yet in the one it merges into join it.
        local taking = {}
        for _, f in ipairs(model:participants(params.into, year)) do taking[f] = true end
        for _, f in ipairs(model:participants(params.unit, year)) do
          if not taking[f] and not joined[f] then
            model:join(f, params.into, year)
            joined[f] = true
          end
        end
      end
    end
  end,
}
