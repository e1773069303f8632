-- disagreements: every fact on which two documents disagree, as `collab check` finds them: both
-- values with their provenance, the one the model uses and why.

local layout = collab.layout

return collab.report {
  id = "disagreements",
  title = "Where the documents disagree",
  description = "Every fact two documents state differently, both values with provenance, the one used and why.",
  build = function()
    local rows = {}
    for _, d in ipairs(collab.record.disagreements()) do
      rows[#rows + 1] = { fact = d.message, where = d.where, why = d.why or "", kind = d.severity }
    end
    local blocks = {
      layout.paragraph("Some facts appear in more than one document, written years apart. Each one on which they "
        .. "differ is listed with the value the model uses and why; a difference with no reason given is a warning."),
      layout.table {
        id = "disagreements",
        title = "Disagreements between the documents",
        columns = {
          { key = "fact", title = "Fact, the claims and the value used" },
          { key = "why", title = "Why" },
          { key = "where", title = "In the data" },
          { key = "kind", title = "Kind" },
        },
        rows = rows,
      },
    }
    if #rows == 0 then blocks[#blocks + 1] = layout.note("No two documents disagree on any fact the data holds.") end
    return layout.document { title = "Where the documents disagree", subtitle = collab.region.name, blocks = blocks }
  end,
}
