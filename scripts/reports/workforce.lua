-- workforce: HMIC's Figure 5, officers and staff in collaborative functions, with each
-- function's share of the region's whole workforce computed from the region's totals.

local layout = collab.layout

return collab.report {
  id = "workforce",
  title = "Workforce in collaboration",
  description = "Officers and staff by collaborative function, and their share of the region.",
  build = function()
    local w = collab.record.workforce()
    if not w then
      return layout.document { title = "Workforce in collaboration", blocks = { layout.note("The data holds no workforce table.") } }
    end
    local rows = {}
    for _, r in ipairs(w.rows) do
      rows[#rows + 1] = { ["function"] = r["function"], officers = r.officers, staff = r.staff,
                          total = r.officers + r.staff, published = r.total }
    end
    rows[#rows + 1] = layout.total { ["function"] = "Total", published = w.total and w.total.total }
    local blocks = {
      layout.paragraph(string.format("Officers and staff working in collaborative functions as at %s.", w.as_at or "the date given")),
      layout.table {
        id = "workforce",
        title = "Workforce in collaboration by function",
        columns = {
          { key = "function", title = "Function" },
          { key = "officers", title = "Officers", type = "integer", group = "People" },
          { key = "staff", title = "Staff", type = "integer", group = "People" },
          { key = "total", title = "Total", type = "integer", group = "People" },
          { key = "published", title = "Published total", type = "integer", sum = false },
          { key = "variance", title = "Variance", type = "integer", difference = { "total", "published" } },
        },
        rows = rows,
        source = w.source.document .. ", " .. w.source.table,
      },
      layout.chart { kind = "stacked_bar", title = "Officers and staff by function", table = "workforce",
                     category = "function", series = { "officers", "staff" } },
    }
    if w.region and w.total then
      local share = {
        { kind = "Officers", collab_ = w.total.officers, region = w.region.officers, published = w.officer_share },
        { kind = "Staff", collab_ = w.total.staff, region = w.region.staff, published = w.staff_share },
        { kind = "Total", collab_ = w.total.total, region = w.region.total, published = w.total_share },
      }
      local share_rows = {}
      for _, s in ipairs(share) do
        share_rows[#share_rows + 1] = { kind = s.kind, collaboration = s.collab_, region = s.region,
          computed = collab.share(s.collab_, s.region, 0.1), published = s.published }
      end
      blocks[#blocks + 1] = layout.table {
        id = "share",
        title = "Share of the region's workforce",
        columns = {
          { key = "kind", title = "Headcount" },
          { key = "collaboration", title = "In collaboration", type = "integer" },
          { key = "region", title = "Region", type = "integer" },
          { key = "computed", title = "Share, computed", type = "percent", decimals = 1 },
          { key = "published", title = "Share, published", type = "percent", decimals = 1 },
        },
        rows = share_rows,
        caption = w.region_note,
      }
    end
    return layout.document { title = "Workforce in collaboration", subtitle = collab.region.name, blocks = blocks }
  end,
}
