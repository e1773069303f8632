-- new_unit: a collaboration created from the step's year, with its participants, a budget for
-- every year from then on (cash, officers in kind, or both) and, optionally, its formula.

return collab.rule {
  id = "new_unit",
  title = "A new collaboration",
  description = "A unit created from the step's year, with participants, a yearly budget and a formula.",
  params = {
    id = { type = "string", required = true, doc = "the new unit's id, e.g. \"tri-force-it\"" },
    name = { type = "string", doc = "its name" },
    participants = { type = "forces", required = true, doc = "the forces that take part (ids, or \"all\")" },
    cash = { type = "money", doc = "its cash budget a year, in pounds" },
    in_kind = { type = "money", doc = "its officers in kind a year, in pounds" },
    formula = { type = "string", doc = "a formula of scripts/formulae (default: the region's)" },
    formula_params = { type = "table", doc = "the formula's parameters" },
  },

  apply = function(model, params, step)
    if params.cash == nil and params.in_kind == nil then
      collab.param_error("cash", "give the new unit a budget: cash, in_kind or both")
    end
    model:add_unit { id = params.id, name = params.name, participants = params.participants, from = step.from }
    for _, year in ipairs(model:years()) do
      if year >= step.from then
        model:set_budget(params.id, year, { cash = params.cash, in_kind = params.in_kind })
      end
    end
    if params.formula then
      model:set_formula(params.id, step.from, params.formula, params.formula_params)
    end
  end,
}
