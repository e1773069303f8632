-- fixed: percentages stated in an agreement, given in the data next to the formula's id:
--   "formula": [{"from": "2017/18", "id": "fixed",
--                "params": {"shares": {"nottinghamshire": 40, "derbyshire": 60}}}]
-- The shares must add up to 100; a force not listed pays nothing (and so cannot take part).

return collab.formula {
  id = "fixed",
  title = "Fixed percentages from an agreement",
  description = "Percentages per force as an agreement states them; they must add up to 100.",
  params = {
    shares = { type = "table", required = true, doc = "percentage per force id, adding up to 100" },
  },

  weights = function(_, _, params)
    local weights, why, total = {}, {}, 0
    for id, percent in pairs(params.shares) do
      if type(percent) ~= "number" then
        error(string.format("fixed: the share of '%s' is a %s, not a number", tostring(id), type(percent)), 0)
      end
      weights[id] = percent
      why[id] = string.format("%s%% as the agreement states", percent)
      total = total + percent
    end
    if collab.round(total, 0.0001) ~= 100 then
      error(string.format("fixed: the shares add up to %s%%, not 100%%", collab.round(total, 0.0001)), 0)
    end
    return weights, why
  end,
}
