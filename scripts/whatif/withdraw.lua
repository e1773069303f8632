-- withdraw: a force leaves a unit from the step's year (it takes part no more from then on; the
-- unit's budget is then split among the others). The notice period and exit liability are not
-- modelled yet: the force stops paying in the year it leaves.

return collab.rule {
  id = "withdraw",
  title = "A force leaves a unit",
  description = "The force takes no part in the unit from the step's year on; the others share its budget.",
  params = {
    force = { type = "force", required = true, doc = "the force that leaves, e.g. \"derbyshire\"" },
    unit = { type = "unit", required = true, doc = "the unit it leaves, e.g. \"emsou-forensics\"" },
  },

  apply = function(model, params, step)
    model:withdraw(params.force, params.unit, step.from)
  end,
}
