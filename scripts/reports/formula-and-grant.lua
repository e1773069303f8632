-- formula-and-grant: pcp-2017's "Formula and Grant 2016/17": each force's central grant in the
-- year before, its share of the region's grant computed exactly and rounded to 0.1% (the
-- convention grant_share applies), beside the published formula percentages and their movement.

local layout = collab.layout

local function table_for(list, year)
  for _, t in ipairs(list) do
    if t.year == year then return t end
  end
end

return collab.report {
  id = "formula-and-grant",
  title = "Formula and grant",
  description = "Central grant per force, its share of the region computed exactly, beside the published formula %.",
  build = function(ctx)
    local year = ctx.year
    local base = collab.year.previous(year)
    local grants = table_for(collab.record.grants(), base)
    local shares = collab.record.formula_shares()
    local current, proposed = table_for(shares, base), table_for(shares, year)
    local blocks = {}
    if not grants then
      blocks[1] = layout.note("The data holds no central grant for " .. base .. ".")
      return layout.document { title = "Formula and grant " .. year, blocks = blocks }
    end
    local total = 0
    for _, force in ipairs(collab.forces) do total = total + (grants.amounts[force.id] or 0) end
    local rows = {}
    for _, force in ipairs(collab.forces) do
      local grant = grants.amounts[force.id]
      rows[#rows + 1] = {
        force = force.name,
        grant = grant,
        exact = grant and collab.share(grant, total),
        rounded = grant and collab.share(grant, total, 0.1),
        current = current and current.shares[force.id],
        proposed = proposed and proposed.shares[force.id],
      }
    end
    rows[#rows + 1] = layout.total {
      force = "Total",
      current = current and current.total,
      proposed = proposed and proposed.total,
    }
    blocks[#blocks + 1] = layout.paragraph(string.format(
      "Each force's share of the %s forces' central grant (Police Core Settlement plus formula grant) in %s: the "
        .. "basis of the contributions of %s. Movement is the proposed formula less the current one.",
      collab.region.name, base, year))
    blocks[#blocks + 1] = layout.table {
      id = "formula",
      title = "Formula and grant " .. year,
      columns = {
        { key = "force", title = "Force" },
        { key = "grant", title = "Grant " .. base, type = "money", decimals = 0 },
        { key = "exact", title = "Share, exact", type = "percent", decimals = 4, group = "Computed" },
        { key = "rounded", title = "Share, 0.1%", type = "percent", decimals = 1, group = "Computed" },
        { key = "current", title = "Current formula " .. base, type = "percent", decimals = 2, group = "Published" },
        { key = "proposed", title = "Proposed formula " .. year, type = "percent", decimals = 1, group = "Published" },
        { key = "movement", title = "Movement", type = "percent", decimals = 1, group = "Published",
          difference = { "proposed", "current" } },
      },
      rows = rows,
      source = grants.source.document .. ", " .. grants.source.table,
      caption = grants.source.note,
    }
    blocks[#blocks + 1] = layout.chart { kind = "bar", title = "Share of central grant " .. base, table = "formula",
                                         category = "force", series = { "rounded", "proposed" } }
    return layout.document { title = "Formula and grant " .. year, subtitle = collab.region.name, blocks = blocks }
  end,
}
