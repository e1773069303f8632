-- business-cases: HMIC's Figure 8, each function's budget without collaboration and the saving
-- its business case promised, with the printed percentage beside the one its own figures give;
-- a printed percentage that does not follow from them (rounded to a whole percent) is flagged.

local layout = collab.layout

return collab.report {
  id = "business-cases",
  title = "Business-case savings",
  description = "Budget without collaboration, saving and %, with the printed percentages that do not follow flagged.",
  build = function()
    local b = collab.record.business_cases()
    if not b then
      return layout.document { title = "Business-case savings", blocks = { layout.note("The data holds no business cases.") } }
    end
    local rows, flagged = {}, {}
    for _, r in ipairs(b.rows) do
      local computed = collab.share(r.saving, r.budget, 0.1)
      local follows = collab.share(r.saving, r.budget, 1) == r.percent
      if not follows then flagged[#flagged + 1] = r["function"] end
      rows[#rows + 1] = { ["function"] = r["function"], budget = r.budget, saving = r.saving, printed = r.percent,
                          computed = computed, check = follows and "follows" or "does not follow" }
    end
    rows[#rows + 1] = layout.total { ["function"] = "Total" }
    local blocks = {
      layout.paragraph("What each function would cost without collaboration and what its business case saves. HMIC "
        .. "says its numbers are rounded for simplicity; a printed percentage is checked against its own figures "
        .. "rounded to a whole percent."),
      layout.table {
        id = "cases",
        title = "Business-case savings by function",
        columns = {
          { key = "function", title = "Function" },
          { key = "budget", title = "Budget without collaboration", type = "money", decimals = 0 },
          { key = "saving", title = "Saving", type = "money", decimals = 0 },
          { key = "printed", title = "Printed %", type = "percent", decimals = 0 },
          { key = "computed", title = "Saving / budget", type = "percent", decimals = 1 },
          { key = "check", title = "Printed %" },
        },
        rows = rows,
        source = b.source.document .. ", " .. b.source.table,
      },
    }
    if #flagged > 0 then
      blocks[#blocks + 1] = layout.note("Printed percentages that do not follow from their own figures: "
        .. table.concat(flagged, ", ") .. ".")
    end
    return layout.document { title = "Business-case savings", subtitle = collab.region.name, blocks = blocks }
  end,
}
