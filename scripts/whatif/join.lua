-- join: a force joins a unit from the step's year; the unit's budget is then split among the
-- participants with it (by the unit's formula, renormalised over them).

return collab.rule {
  id = "join",
  title = "A force joins a unit",
  description = "The force takes part in the unit from the step's year on.",
  params = {
    force = { type = "force", required = true, doc = "the force that joins, e.g. \"lincolnshire\"" },
    unit = { type = "unit", required = true, doc = "the unit it joins, e.g. \"emchrs-ld\"" },
  },

  apply = function(model, params, step)
    model:join(params.force, params.unit, step.from)
  end,
}
