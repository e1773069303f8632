-- reconciliation: the computed contributions against the published table, figure by figure (every
-- cell, the TOTAL column and the total rows), each difference with its cause; and how the
-- published table was made: the candidate process that reproduces its numbers, and the budgets it
-- held in pence. The words are `collab reconcile`'s.

local layout = collab.layout

local names = {}
for _, force in ipairs(collab.forces) do names[force.id] = force.short_name end

return collab.report {
  id = "reconciliation",
  title = "Reconciliation with the published table",
  description = "Computed against published, cell by cell, with causes; how the published table was made.",
  params = { all = { type = "boolean", default = false, doc = "list every figure, not only those that differ or carry a note" } },
  build = function(ctx, params)
    if not collab.record.contributions(ctx.year) then  -- nothing published that year: nothing to reconcile
      return layout.document {
        title = "Reconciliation " .. ctx.year,
        blocks = { layout.note("The data has no published contributions table for " .. ctx.year
          .. ": there is nothing to reconcile the computed figures with.") },
      }
    end
    local r = collab.reconcile(ctx.year)
    local rows, differ, noted = {}, 0, 0
    for _, f in ipairs(r.figures) do
      if f.computed ~= f.published then differ = differ + 1 elseif f.cause ~= "" then noted = noted + 1 end
      if params.all or f.cause ~= "" then
        rows[#rows + 1] = {
          row = f.row, force = f.column == "total" and "TOTAL" or names[f.column] or f.column,
          computed = f.computed, published = f.published, cause = f.cause,
        }
      end
    end
    local blocks = {
      layout.paragraph(string.format("The contributions of %s computed by the tool, against %s: %d published figures, "
        .. "%d differ from the computed ones, %d agree but carry a note.", ctx.year, r.source, #r.figures, differ, noted)),
      layout.heading("How the published table was made", 1),
    }
    -- The budgets' table goes under the line that introduces it.
    local function budgets_table()
      local budget_rows = {}
      for _, b in ipairs(r.budgets) do
        budget_rows[#budget_rows + 1] = { row = b.row, data = b.data, feasible = b.feasible, others = b.with_others_whole }
      end
      return layout.table {
        id = "budgets",
        title = "Budgets held in pence",
        columns = {
          { key = "row", title = "Budget" },
          { key = "data", title = "In the data", type = "money", decimals = 0, sum = false },
          { key = "feasible", title = "Feasible" },
          { key = "others", title = "With the others whole" },
        },
        rows = budget_rows,
      }
    end
    for _, line in ipairs(r.process) do
      blocks[#blocks + 1] = layout.paragraph(line)
      if line:find("^Budgets held in pence") and #r.budgets > 0 then blocks[#blocks + 1] = budgets_table() end
    end
    blocks[#blocks + 1] = layout.heading("Figure by figure", 1)
    blocks[#blocks + 1] = layout.table {
      id = "figures",
      title = params.all and "Every published figure" or "Figures that differ or carry a note",
      columns = {
        { key = "row", title = "Row" },
        { key = "force", title = "Force" },
        { key = "computed", title = "Computed", type = "money", decimals = 0, sum = false },
        { key = "published", title = "Published", type = "money", decimals = 0, sum = false },
        { key = "variance", title = "Variance", type = "money", decimals = 0, difference = { "computed", "published" } },
        { key = "cause", title = "Likely cause" },
      },
      rows = rows,
      source = r.source,
    }
    if #r.row_notes > 0 then blocks[#blocks + 1] = layout.list { items = r.row_notes } end
    return layout.document { title = "Reconciliation " .. ctx.year, subtitle = collab.region.name, blocks = blocks }
  end,
}
