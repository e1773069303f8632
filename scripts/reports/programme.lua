-- programme: HMIC's future programme (Figure 12: collaborations proposed, by stage) and the
-- areas not progressed with their rationale (Figure 13).

local layout = collab.layout

local stages = { "scoping", "outline business case", "full business case" }

return collab.report {
  id = "programme",
  title = "Future collaboration programme",
  description = "Collaborations proposed, by stage; areas not progressed, with their rationale.",
  build = function()
    local proposed, dropped = {}, {}
    for _, unit in ipairs(collab.record.register()) do
      if unit.status == "proposed" then
        proposed[#proposed + 1] = unit
      elseif unit.status == "not progressed" then
        dropped[#dropped + 1] = { name = unit.name, portfolio = unit.portfolio, rationale = unit.rationale or "" }
      end
    end
    local rows = {}
    for _, stage in ipairs(stages) do
      for _, unit in ipairs(proposed) do
        if unit.stage == stage then
          rows[#rows + 1] = { name = unit.name, portfolio = unit.portfolio, stage = stage, comments = unit.comments }
        end
      end
    end
    for _, unit in ipairs(proposed) do  -- a stage outside the three, kept rather than dropped
      local known = false
      for _, stage in ipairs(stages) do known = known or unit.stage == stage end
      if not known then
        rows[#rows + 1] = { name = unit.name, portfolio = unit.portfolio, stage = unit.stage or "not stated", comments = unit.comments }
      end
    end
    return layout.document {
      title = "Future collaboration programme",
      subtitle = collab.region.name,
      blocks = {
        layout.paragraph(string.format("%d collaborations proposed, from scoping to full business case, and %d "
          .. "areas the region decided not to take forward.", #rows, #dropped)),
        layout.table {
          id = "proposed",
          title = "Collaborations proposed, by stage",
          columns = {
            { key = "name", title = "Collaboration" },
            { key = "portfolio", title = "Portfolio" },
            { key = "stage", title = "Stage" },
            { key = "comments", title = "Comments" },
          },
          rows = rows,
          source = "hmic-2013, Figure 12",
        },
        layout.table {
          id = "not-progressed",
          title = "Areas not progressed",
          columns = {
            { key = "name", title = "Area" },
            { key = "portfolio", title = "Portfolio" },
            { key = "rationale", title = "Rationale" },
          },
          rows = dropped,
          source = "hmic-2013, Figure 13",
        },
      },
    }
  end,
}
