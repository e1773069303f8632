-- blended: a weighted mix of bases, e.g. half on grant share and half on population share:
--   "params": {"mix": {"grant": 50, "population": 50}}
-- Bases: grant, population, nre (each force's share of the figure in the year before) and
-- equal (an equal share). The mix's parts need not add up to 100: they are relative.

local bases = { grant = collab.grant, population = collab.population, nre = collab.nre }

return collab.formula {
  id = "blended",
  title = "Blend of grant, population, NRE and equal shares",
  description = "A weighted mix of shares of grant, population, NRE (previous year) and equal shares.",
  inputs = { "grant", "population", "nre" },
  params = {
    mix = { type = "table", required = true,
            doc = "relative weight per basis: grant, population, nre, equal (e.g. {grant = 50, population = 50})" },
  },

  weights = function(year, forces, params)
    local base_year = collab.year.previous(year)
    local mix_total, weights, why = 0, {}, {}
    for _, force in ipairs(forces) do weights[force.id], why[force.id] = 0, {} end
    -- Sorted so the arithmetic (and so the last bit of each weight) never depends on pairs' order.
    local names = {}
    for basis in pairs(params.mix) do names[#names + 1] = basis end
    table.sort(names)
    for _, basis in ipairs(names) do
      local part = params.mix[basis]
      if basis ~= "equal" and not bases[basis] then
        error(string.format("blended: unknown basis '%s' (bases are grant, population, nre, equal)", basis), 0)
      end
      if type(part) ~= "number" or part < 0 then
        error(string.format("blended: the part of '%s' must be a number of at least 0", basis), 0)
      end
      mix_total = mix_total + part
      local figures, total = {}, 0
      for _, force in ipairs(forces) do
        figures[force.id] = basis == "equal" and 1 or bases[basis](force, base_year)
        total = total + figures[force.id]
      end
      for _, force in ipairs(forces) do
        local share = collab.share(figures[force.id], total)
        weights[force.id] = weights[force.id] + part * share
        table.insert(why[force.id], string.format("%s x %s share %s%%", part, basis, share))
      end
    end
    if mix_total <= 0 then error("blended: the mix is empty or all zero", 0) end
    for _, force in ipairs(forces) do
      weights[force.id] = weights[force.id] / mix_total
      why[force.id] = table.concat(why[force.id], " + ") .. string.format(", over %s", mix_total)
    end
    return weights, why
  end,
}
