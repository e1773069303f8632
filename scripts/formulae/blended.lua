-- blended: a weighted mix of bases among a unit's own participants, e.g. half equal shares and
-- half grant shares:
--   "params": {"mix": {"equal": 50, "grant": 50}}
-- Bases: grant, population, nre (each participant's share of the participants' figure in the
-- year before) and equal (an equal share among the participants). The mix's parts need not add
-- up to 100: they are relative. Called once per set of participants, so the blend is a true
-- blend among the forces that share the unit.

local bases = { grant = collab.grant, population = collab.population, nre = collab.nre }

return collab.formula {
  id = "blended",
  title = "Blend of grant, population, NRE and equal shares",
  description = "A weighted mix of the participants' shares of grant, population, NRE (previous year) and equal shares.",
  inputs = { "grant", "population", "nre" },
  params = {
    mix = { type = "table", required = true,
            doc = "relative weight per basis: grant, population, nre, equal (e.g. {grant = 50, equal = 50})" },
  },

  weights = function(year, forces, params)
    local base_year = collab.year.previous(year)
    local mix_total, weights, why, explaining = 0, {}, {}, collab.explaining()
    for _, force in ipairs(forces) do weights[force.id], why[force.id] = 0, {} end
    -- Sorted so the arithmetic (and so the last bit of each weight) never depends on pairs' order.
    local names = {}
    for basis in pairs(params.mix) do
      if type(basis) ~= "string" then collab.param_error("mix", "each key must be a basis name") end
      names[#names + 1] = basis
    end
    table.sort(names)
    for _, basis in ipairs(names) do
      local part = params.mix[basis]
      if basis ~= "equal" and not bases[basis] then
        collab.param_error("mix." .. basis, string.format("unknown basis '%s' (bases are grant, population, nre, equal)", basis))
      end
      if type(part) ~= "number" or part < 0 then
        collab.param_error("mix." .. basis, string.format("the part of '%s' must be a number of at least 0", basis))
      end
      mix_total = mix_total + part
      local figures, total = {}, 0
      for _, force in ipairs(forces) do
        figures[force.id] = basis == "equal" and 1 or bases[basis](force, base_year)
        total = total + figures[force.id]
      end
      for _, force in ipairs(forces) do
        -- Unrounded (to a double's 15-17 figures), so the blend is the blend itself, not a blend of
        -- shares rounded to 0.0001%; explain shows them rounded.
        local share = figures[force.id] * 100 / total
        weights[force.id] = weights[force.id] + part * share
        if explaining then
          table.insert(why[force.id], string.format("%s x %s share %s%%", part, basis, collab.round(share, 0.0001)))
        end
      end
    end
    if mix_total <= 0 then collab.param_error("mix", "the mix is empty or all zero") end
    for _, force in ipairs(forces) do
      weights[force.id] = weights[force.id] / mix_total
      why[force.id] = explaining and table.concat(why[force.id], " + ") .. string.format(", over %s", mix_total) or nil
    end
    return weights, why
  end,
}
