-- savings-baseline: pcp-2017's savings against each unit's pre-collaboration baseline: when it
-- was established, its annual saving, that saving as a share of the baseline, whether it is
-- cashable, the comment; and the baseline itself, worked back from saving / share.

local layout = collab.layout

-- The baseline a saving and its share imply, to the pound: saving * 100 / percent, exactly.
local function baseline(saving, percent)
  if not percent or percent <= 0 then return nil end
  local units = math.floor(percent * 10000 + 0.5)  -- ten-thousandths of a percent
  local pence = (saving * 1000000 + units // 2) // units
  return (pence + 50) // 100 * 100
end

local function cashable_text(c)
  if c == true then return "cashable" elseif c == false then return "non-cashable" end
  return "not stated"
end

return collab.report {
  id = "savings-baseline",
  title = "Savings against baseline",
  description = "Per unit: established, annual saving, % of baseline, cashable or not, comment.",
  build = function()
    local s = collab.record.savings_baseline()
    if not s then
      return layout.document { title = "Savings against baseline", blocks = { layout.note("The data holds no baseline savings.") } }
    end
    local rows, total_baseline, total_saving = {}, 0, 0
    for _, r in ipairs(s.rows) do
      local b = baseline(r.saving, r.percent)
      total_baseline = total_baseline + (b or 0)
      total_saving = total_saving + r.saving
      rows[#rows + 1] = {
        unit = r.label, established = r.established, saving = r.saving, percent = r.percent,
        baseline = b and layout.cell { b, explain = { title = r.label .. ": baseline worked back",
          lines = { string.format("annual saving %s at %s%% of the baseline", collab.money.pounds(r.saving), r.percent),
                    string.format("baseline = %s / %s%% = %s, to the pound", collab.money.pounds(r.saving), r.percent,
                                  collab.money.pounds(b)) } } },
        cashable = cashable_text(r.cashable), comment = r.comment,
      }
    end
    rows[#rows + 1] = layout.total { unit = "Total", percent = total_baseline > 0 and collab.share(total_saving, total_baseline, 0.01) or nil }
    local blocks = {
      layout.paragraph("What each collaboration saves a year against what its work cost before, as published; the "
        .. "baseline column is worked back from the saving and its percentage."),
      layout.table {
        id = "baseline",
        title = "Savings against baseline",
        columns = {
          { key = "unit", title = "Unit" },
          { key = "established", title = "Established", type = "date" },
          { key = "saving", title = "Annual saving", type = "money", decimals = 0 },
          { key = "percent", title = "% of baseline", type = "percent", decimals = 2 },
          { key = "baseline", title = "Baseline (worked back)", type = "money", decimals = 0 },
          { key = "cashable", title = "Cashable" },
          { key = "comment", title = "Comment" },
        },
        rows = rows,
        source = s.source.document .. ", " .. s.source.table,
      },
    }
    if s.total then
      blocks[#blocks + 1] = layout.note(string.format("Published total: %s a year, %s%% of the baseline.",
        collab.money.pounds(s.total), s.percent or "no percentage"))
    end
    return layout.document { title = "Savings against baseline", subtitle = collab.region.name, blocks = blocks }
  end,
}
