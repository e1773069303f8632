-- budget_change: a unit's budget changes from the step's year, by a percentage (once: every
-- year from then on is the baseline's figure changed by it, half up to the penny) or to an
-- amount. Cash and officers in kind change alike; `kind` limits it to one of them.

return collab.rule {
  id = "budget_change",
  title = "A unit's budget changes",
  description = "A unit's budget changes from the step's year on, by a percentage or to an amount.",
  params = {
    unit = { type = "unit", required = true, doc = "the unit, e.g. \"emsou-soc\"" },
    by = { type = "percent", doc = "the change, e.g. \"+3%\"" },
    to = { type = "money", doc = "the budget from the step's year on, in pounds" },
    kind = { type = "string", doc = "\"cash\" or \"in_kind\" (default: both; with `to`, \"cash\")" },
  },

  apply = function(model, params, step)
    if (params.by == nil) == (params.to == nil) then
      collab.param_error("by", "give either 'by' (a percentage) or 'to' (an amount), not both or neither")
    end
    if params.kind ~= nil and params.kind ~= "cash" and params.kind ~= "in_kind" then
      collab.param_error("kind", "kind must be \"cash\" or \"in_kind\"")
    end
    for _, year in ipairs(model:years()) do
      if year >= step.from then
        local budget = model:budget(params.unit, year) or {}
        for _, kind in ipairs({ "cash", "in_kind" }) do
          if params.kind == nil or params.kind == kind then
            if params.to and kind == (params.kind or "cash") then
              budget[kind] = params.to
            elseif params.by and budget[kind] then
              budget[kind] = collab.whatif.change(budget[kind], params.by)
            end
          end
        end
        model:set_budget(params.unit, year, budget)
      end
    end
  end,
}
