-- grant_share: the East Midlands convention (pcp-2017, "Force Financial Contributions 2016/17").
-- Each force's share of the region's central grant (Police Core Settlement plus formula grant)
-- in the year before, rounded to 0.1%: shares of the whole region, so scope = "region" (called
-- once per year with every force). For a unit with fewer participants the host renormalises
-- these shares over the participants and rounds them to 0.1% again (round_shares): the 2016/17
-- L&D row's 27.6 / 87.1 gives 31.7%.

return collab.formula {
  id = "grant_share",
  title = "Share of central grant, previous year",
  description = "Each force's share of the central grant in the year before, rounded to 0.1%; "
    .. "renormalised over a unit's participants and rounded to 0.1% again.",
  inputs = { "grant" },
  scope = "region",
  round_shares = 0.1,

  weights = function(year, forces)
    local base = collab.year.previous(year)
    local grant, total = {}, 0
    for _, force in ipairs(forces) do
      grant[force.id] = collab.grant(force, base)
      total = total + grant[force.id]
    end
    local weights = {}
    for _, force in ipairs(forces) do
      weights[force.id] = collab.share(grant[force.id], total, 0.1)
    end
    -- The notes only when someone reads them (reports, collab explain): a sweep does not.
    if not collab.explaining() then return weights end
    local why = {}
    for _, force in ipairs(forces) do
      why[force.id] = string.format("%s of %s central grant %s (%s%%), rounded to 0.1%%",
        collab.money.pounds(grant[force.id]), collab.money.pounds(total), base,
        collab.share(grant[force.id], total))
    end
    return weights, why
  end,
}
