-- net_grant: an external grant towards a unit (as the Home Office's ROCU grant is to EMSOU) is
-- netted off its budget before the rest is split among the forces: from the step's year on, the
-- budget the forces share is the gross cost less the grant. A grant larger than the cost is
-- refused: the forces cannot be paid to take part.

return collab.rule {
  id = "net_grant",
  title = "An external grant netted off a unit's budget",
  description = "A grant a year towards the unit is taken off its budget before the forces' shares are worked out.",
  params = {
    unit = { type = "unit", required = true, doc = "the unit, e.g. \"emsou-soc\"" },
    grant = { type = "money", required = true, doc = "the grant a year, in pounds" },
    kind = { type = "string", doc = "the budget it nets off: \"cash\" (default) or \"in_kind\"" },
  },

  apply = function(model, params, step)
    local kind = params.kind or "cash"
    if kind ~= "cash" and kind ~= "in_kind" then collab.param_error("kind", "kind must be \"cash\" or \"in_kind\"") end
    for _, year in ipairs(model:years()) do
      if year >= step.from then
        local budget = model:budget(params.unit, year)
        if budget == nil or budget[kind] == nil then
          collab.param_error("unit", "'" .. params.unit .. "' has no " .. kind .. " budget in " .. year .. " to net a grant off")
        end
        if params.grant > budget[kind] then
          collab.param_error("grant", "the grant is more than the unit's " .. kind .. " budget in " .. year)
        end
        budget[kind] = budget[kind] - params.grant
        model:set_budget(params.unit, year, budget)
      end
    end
  end,
}
