-- switch_formula: a unit is charged by another formula of scripts/formulae from the step's year
-- on (e.g. equal shares, or a blend); the host checks the formula and its parameters.

return collab.rule {
  id = "switch_formula",
  title = "A unit switches formula",
  description = "A unit's budget is split by another funding formula from the step's year on.",
  params = {
    unit = { type = "unit", required = true, doc = "the unit, e.g. \"em-legal\"" },
    formula = { type = "string", required = true, doc = "a formula id of scripts/formulae, e.g. \"equal_share\"" },
    formula_params = { type = "table", doc = "the formula's parameters, e.g. {\"mix\": {\"grant\": 50, \"equal\": 50}}" },
  },

  apply = function(model, params, step)
    model:set_formula(params.unit, step.from, params.formula, params.formula_params)
  end,
}
