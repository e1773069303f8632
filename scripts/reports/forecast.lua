-- forecast: plan-2009's regional financial forecast 2008/09 to 2010/11 (in £m as published), each
-- row with its total, and the assumptions it rests on.

local layout = collab.layout

return collab.report {
  id = "forecast",
  title = "Regional financial forecast",
  description = "The 2008-11 regional financial forecast and its assumptions.",
  build = function()
    local f = collab.record.forecast()
    if not f then
      return layout.document { title = "Regional financial forecast", blocks = { layout.note("The data holds no forecast.") } }
    end
    local columns = { { key = "label", title = "" } }
    for i, year in ipairs(f.years) do
      columns[#columns + 1] = { key = "y" .. i, title = year, type = "money", decimals = 0, group = "Year" }
    end
    columns[#columns + 1] = { key = "total", title = "Total", type = "money", decimals = 0 }
    columns[#columns + 1] = { key = "published", title = "Published total", type = "money", decimals = 0 }
    local rows = {}
    for _, r in ipairs(f.rows) do
      local cells = { label = r.label, published = r.total }
      local sum = 0
      for i, v in ipairs(r.values) do
        cells["y" .. i] = v
        sum = sum + v
      end
      cells.total = sum
      rows[#rows + 1] = cells
    end
    local assumptions = {}
    for _, a in ipairs(f.assumptions) do assumptions[#assumptions + 1] = a.text end
    return layout.document {
      title = "Regional financial forecast " .. f.years[1] .. " to " .. f.years[#f.years],
      subtitle = collab.region.name,
      blocks = {
        layout.paragraph("The five forces' combined budget position as the 2009 collaboration plan forecast it. "
          .. "Figures are as published, in millions of pounds to one decimal; negatives are gaps."),
        layout.table {
          id = "forecast",
          title = "Regional financial forecast",
          columns = columns,
          rows = rows,
          source = f.source.document .. ", " .. f.source.table,
          caption = f.source.note,
        },
        layout.heading("Assumptions", 2),
        layout.list { items = assumptions },
      },
    }
  end,
}
