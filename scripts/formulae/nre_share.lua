-- nre_share: each force's share of the region's net revenue expenditure in the year before.
-- The bundled East Midlands data gives no NRE figures, so choosing this formula there stops with
-- an error that says which figures to add to data/forces.json.

return collab.formula {
  id = "nre_share",
  title = "Share of net revenue expenditure, previous year",
  description = "Each force's share of net revenue expenditure in the year before, exactly.",
  inputs = { "nre" },

  weights = function(year, forces)
    local base = collab.year.previous(year)
    local weights, why, explaining = {}, {}, collab.explaining()
    for _, force in ipairs(forces) do
      local nre = collab.nre(force, base)
      weights[force.id] = nre
      if explaining then why[force.id] = string.format("net revenue expenditure %s: %s", base, collab.money.pounds(nre)) end
    end
    return weights, why
  end,
}
