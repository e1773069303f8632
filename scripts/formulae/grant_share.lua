-- grant_share: the East Midlands convention (pcp-2017, "Force Financial Contributions 2016/17").
-- Each force's share of the region's central grant (Police Core Settlement plus formula grant)
-- in the year before, rounded to 0.1%: shares of the whole region, so scope = "region" (called
-- once per year with every force). For a unit with fewer participants the host renormalises
-- these shares over the participants and rounds them to 0.1% again (round_shares): the 2016/17
-- L&D row's 27.6 / 87.1 gives 31.7%.
--
-- A sweep calls this once per scenario: the API functions are kept in locals and the forces
-- walked by index, which is about a third faster than collab.grant and ipairs in the loop
-- (docs/lua-api.md, "Fast formulae").

local grant_of, share_of, previous_year = collab.grant, collab.share, collab.year.previous

return collab.formula {
  id = "grant_share",
  title = "Share of central grant, previous year",
  description = "Each force's share of the central grant in the year before, rounded to 0.1%; "
    .. "renormalised over a unit's participants and rounded to 0.1% again.",
  inputs = { "grant" },
  scope = "region",
  round_shares = 0.1,

  weights = function(year, forces)
    local base = previous_year(year)
    local n = #forces
    local grant, total = {}, 0
    for i = 1, n do
      local g = grant_of(forces[i], base)
      grant[i] = g
      total = total + g
    end
    local weights = {}
    for i = 1, n do
      weights[forces[i].id] = share_of(grant[i], total, 0.1)
    end
    -- The notes only when someone reads them (reports, collab explain): a sweep does not.
    if not collab.explaining() then return weights end
    local why = {}
    for i = 1, n do
      local id = forces[i].id
      why[id] = string.format("%s of %s central grant %s (%s%%), rounded to 0.1%%",
        collab.money.pounds(grant[i]), collab.money.pounds(total), base, share_of(grant[i], total))
    end
    return weights, why
  end,
}
