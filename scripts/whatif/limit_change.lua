-- limit_change: an agreement limits how far each force's payment for a unit may move from one
-- year to the next: a cap (it may rise at most so much), a floor (it may fall at most so much),
-- or damping (both, the same). The host holds each force at the bound it breaches and
-- redistributes the difference among the others by their shares, again and again until none
-- breaches, in whole pounds, so the row still adds up to the budget exactly (docs/whatif.md).
-- Charges (an exit liability, a flat fee) are outside the limit; a force that joins that year
-- has no last year and so no bound.

return collab.rule {
  id = "limit_change",
  title = "A limit on each force's year-on-year change",
  description = "Each force's payment for a unit moves at most so much a year; the others take the difference.",
  params = {
    unit = { type = "unit", doc = "the unit (default: every unit with a budget in the step's year)" },
    cap = { type = "percent", doc = "the most a force's payment may rise in a year, e.g. \"5%\"" },
    floor = { type = "percent", doc = "the most it may fall in a year, e.g. \"5%\"" },
    damping = { type = "percent", doc = "the most it may move either way (a cap and a floor alike)" },
  },

  apply = function(model, params, step)
    if params.damping and (params.cap or params.floor) then
      collab.param_error("damping", "damping is a cap and a floor alike: give it alone, or 'cap' and 'floor'")
    end
    local rise = params.cap or params.damping
    local fall = params.floor or params.damping
    if rise == nil and fall == nil then
      collab.param_error("cap", "give a limit: 'cap', 'floor' or 'damping'")
    end
    local units = params.unit and { params.unit } or model:budget_units(step.from)
    for _, unit in ipairs(units) do
      model:limit_change(unit, step.from, { rise = rise, fall = fall })
    end
  end,
}
