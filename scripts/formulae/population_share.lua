-- population_share: each force's share of the region's resident population in the year before.
-- The bundled East Midlands data gives no population figures, so choosing this formula there
-- stops with an error that says which figures to add to data/forces.json.

return collab.formula {
  id = "population_share",
  title = "Share of population, previous year",
  description = "Each force's share of the resident population in the year before, exactly.",
  inputs = { "population" },

  weights = function(year, forces)
    local base = collab.year.previous(year)
    local weights, why, explaining = {}, {}, collab.explaining()
    for _, force in ipairs(forces) do
      local people = collab.population(force, base)
      weights[force.id] = people
      if explaining then why[force.id] = string.format("population %s: %d", base, people) end
    end
    return weights, why
  end,
}
