-- grant_share: the East Midlands convention (pcp-2017, "Force Financial Contributions 2016/17").
-- Each force's share of the region's central grant (Police Core Settlement plus formula grant)
-- in the year before, rounded to 0.1%: shares of the whole region, so scope = "region" (called
-- once per year with every force). For a unit with fewer participants the host renormalises
-- these shares over the participants and rounds them to 0.1% again (round_shares): the 2016/17
-- L&D row's 27.6 / 87.1 gives 31.7%.
--
-- A sweep calls this once per scenario: it asks for every force's grant and share in one call
-- each (collab.grants, collab.shares) and keeps the API functions in locals, which makes it
-- about three times faster than a call of collab.grant and collab.share per force
-- (docs/formulae.md, "A formula a sweep runs a million times").

local grants_of, shares_of, previous_year = collab.grants, collab.shares, collab.year.previous

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
    local grant = grants_of(forces, base)
    local total = 0
    for i = 1, #grant do total = total + grant[i] end
    local share = shares_of(grant, total, 0.1)
    local weights = {}
    for i = 1, #forces do weights[forces[i].id] = share[i] end
    -- The notes only when someone reads them (reports, collab explain): a sweep does not.
    if not collab.explaining() then return weights end
    local why = {}
    for i = 1, #forces do
      why[forces[i].id] = string.format("%s of %s central grant %s (%s%%), rounded to 0.1%%",
        collab.money.pounds(grant[i]), collab.money.pounds(total), base, collab.share(grant[i], total))
    end
    return weights, why
  end,
}
