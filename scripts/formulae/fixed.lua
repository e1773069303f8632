-- fixed: percentages stated in an agreement, given in the data next to the formula's id:
--   "formula": [{"from": "2017/18", "id": "fixed",
--                "params": {"shares": {"nottinghamshire": 40, "derbyshire": 60}}}]
-- The shares must add up to 100 and name exactly the unit's participants that year.

return collab.formula {
  id = "fixed",
  title = "Fixed percentages from an agreement",
  description = "Percentages per force as an agreement states them; they must add up to 100.",
  params = {
    shares = { type = "table", required = true, doc = "percentage per force id, adding up to 100" },
  },

  weights = function(_, forces, params)
    local taking = {}
    for _, force in ipairs(forces) do taking[force.id] = true end
    local ids = {}
    for id in pairs(params.shares) do
      if type(id) ~= "string" then collab.param_error("shares", "each key must be a force id") end
      ids[#ids + 1] = id
    end
    table.sort(ids)  -- the same sum, and the same first complaint, every run
    local weights, why, total, explaining = {}, {}, 0, collab.explaining()
    for _, id in ipairs(ids) do
      local percent = params.shares[id]
      if type(percent) ~= "number" then
        collab.param_error("shares." .. id, string.format("the share of '%s' is a %s, not a number", id, type(percent)))
      end
      if not taking[id] then
        collab.param_error("shares." .. id, string.format("'%s' has a share but takes no part that year", id))
      end
      weights[id] = percent
      if explaining then why[id] = string.format("%s%% as the agreement states", percent) end
      total = total + percent
    end
    for _, force in ipairs(forces) do
      if weights[force.id] == nil then
        collab.param_error("shares", string.format("no share for '%s', which takes part", force.id))
      end
    end
    if collab.round(total, 0.0001) ~= 100 then
      collab.param_error("shares", string.format("the shares add up to %s%%, not 100%%", collab.round(total, 0.0001)))
    end
    return weights, why
  end,
}
