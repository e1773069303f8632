-- usage_share: each participant pays in proportion to its use of the unit in the previous year
-- (as national air support charges by flying hours), from figures given with the formula:
--   "formula_params": {"usage": {"2016/17": {"derbyshire": 120, "leicestershire": 95, ...}}}
-- A year's charge weighs the year before's usage; every participant needs a figure above 0.

return collab.formula {
  id = "usage_share",
  title = "Share of last year's usage",
  description = "Participants pay in proportion to their use of the unit in the previous year.",
  params = {
    usage = { type = "table", required = true, doc = "per year (\"2016/17\"), a usage figure per force id" },
  },

  weights = function(year, forces, params)
    local last = collab.year.previous(year)
    local figures = params.usage[last]
    if type(figures) ~= "table" then
      collab.param_error("usage", string.format("no usage figures for %s (a year's charge weighs the year before's)", last))
    end
    local weights, why, explaining = {}, {}, collab.explaining()
    for _, force in ipairs(forces) do
      local used = figures[force.id]
      if type(used) ~= "number" or used <= 0 then
        collab.param_error("usage." .. last .. "." .. force.id,
          string.format("'%s' needs a usage figure above 0 for %s", force.id, last))
      end
      weights[force.id] = used
      if explaining then why[force.id] = string.format("used %s in %s", used, last) end
    end
    return weights, why
  end,
}
