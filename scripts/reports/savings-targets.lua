-- savings-targets: pcp-2017's "Collaborative Savings": each year's target against what was
-- achieved (or projected), the difference, and the totals checked against the published ones.

local layout = collab.layout

return collab.report {
  id = "savings-targets",
  title = "Collaborative savings: target against actual",
  description = "Each year's savings target against the actual (or projected) saving, with the difference.",
  build = function()
    local s = collab.record.savings_by_year()
    if not s then
      return layout.document { title = "Collaborative savings", blocks = { layout.note("The data holds no savings targets.") } }
    end
    local rows = {}
    for _, r in ipairs(s.rows) do
      rows[#rows + 1] = { year = r.year, target = r.target, actual = r.actual }
    end
    -- The published totals given, so the host checks them against the years above.
    rows[#rows + 1] = layout.total { year = "Total", target = s.target, actual = s.actual }
    local blocks = {
      layout.paragraph("Savings the collaboration was set to make each year, against what it made. The document "
        .. "heads the column \"Actual / Projected\" without saying which years are projections."),
      layout.table {
        id = "savings",
        title = "Collaborative savings by year",
        columns = {
          { key = "year", title = "Year" },  -- text: the total row's label shares it
          { key = "target", title = "Target", type = "money", decimals = 0 },
          { key = "actual", title = "Actual / projected", type = "money", decimals = 0 },
          { key = "difference", title = "Actual less target", type = "money", decimals = 0, difference = { "actual", "target" } },
        },
        rows = rows,
        source = s.source.document .. ", " .. s.source.table,
      },
      layout.chart { kind = "bar", title = "Target and actual savings", table = "savings", category = "year",
                     series = { "target", "actual" } },
    }
    return layout.document { title = "Collaborative savings", subtitle = collab.region.name, blocks = blocks }
  end,
}
