-- board-pack: one document for a Police and Crime Commissioners' board. It combines what each
-- force pays (the ledger of the year), what collaboration saves against the old baseline, and the
-- register of agreements, with a short narrative written from the figures, so the words can never
-- disagree with the tables beside them.

local layout = collab.layout

local names = {}
for _, force in ipairs(collab.forces) do names[force.id] = force.name end

-- The force that pays most in the year, and what it pays.
local function largest_payer(ledger)
  local best, amount = nil, -1
  for _, force in ipairs(collab.forces) do
    local total = ledger.totals[force.id].all
    if total > amount then best, amount = force, total end
  end
  return best, amount
end

local function contributions_table(ledger, year)
  local rows = {}
  for _, force in ipairs(collab.forces) do
    local t = ledger.totals[force.id]
    rows[#rows + 1] = {
      force = force.name,
      cash = layout.cell { t.cash, explain = { force = force.id, year = year, of = "cash" } },
      in_kind = layout.cell { t.in_kind, explain = { force = force.id, year = year, of = "in_kind" } },
      total = layout.cell { t.all, explain = { force = force.id, year = year, of = "all" } },
    }
  end
  rows[#rows + 1] = layout.total { force = "Region" }
  return layout.table {
    id = "payments",
    title = "What each force pays, " .. year,
    columns = {
      { key = "force", title = "Force" },
      { key = "cash", title = "Cash", type = "money", decimals = 0 },
      { key = "in_kind", title = "Officers in kind", type = "money", decimals = 0 },
      { key = "total", title = "Total", type = "money", decimals = 0 },
    },
    rows = rows,
  }
end

local function savings_table(savings)
  local rows = {}
  for _, r in ipairs(savings.rows) do
    rows[#rows + 1] = { unit = r.label, saving = r.saving, percent = r.percent }
  end
  rows[#rows + 1] = layout.total { unit = "Total" }
  return layout.table {
    id = "savings",
    title = "Annual savings against the pre-collaboration baseline",
    columns = {
      { key = "unit", title = "Unit" },
      { key = "saving", title = "Annual saving", type = "money", decimals = 0 },
      { key = "percent", title = "% of baseline", type = "percent", decimals = 1 },
    },
    rows = rows,
    source = savings.source.document .. ", " .. savings.source.table,
  }
end

local function agreements_table()
  local rows = {}
  for _, unit in ipairs(collab.record.register()) do
    if unit.source and unit.source.table:find("^Appendix A") then
      rows[#rows + 1] = { name = unit.name, pcc = unit.leads.pcc and names[unit.leads.pcc] or "" }
    end
  end
  return layout.table {
    id = "agreements",
    title = "Regional agreements and their PCC leads",
    columns = { { key = "name", title = "Agreement" }, { key = "pcc", title = "PCC lead" } },
    rows = rows,
    source = "pcc-leics-2018, Appendix A",
  }
end

return collab.report {
  id = "board-pack",
  title = "PCC board pack",
  description = "Contributions, savings and the register in one document, with a narrative written from the figures.",
  build = function(ctx)
    local year = ctx.year
    local ledger = collab.ledger(year)
    local savings = collab.record.savings_baseline()
    local payer, paid = largest_payer(ledger)
    local region_total = 0
    for _, force in ipairs(collab.forces) do region_total = region_total + ledger.totals[force.id].all end
    local blocks = { layout.heading("Summary", 1) }
    local summary = {
      string.format("In %s the %s forces put %s into their collaborations. ", year, collab.region.name,
        collab.money.pounds(region_total)),
      layout.strong(payer.name), string.format(" pays most: %s, %s%% of the whole.", collab.money.pounds(paid),
        collab.share(paid, region_total, 0.1)),
    }
    if savings then
      local saved, baseline = 0, 0
      for _, r in ipairs(savings.rows) do
        saved = saved + r.saving
        baseline = baseline + (r.saving * 1000000) // math.floor(r.percent * 10000 + 0.5)
      end
      summary[#summary + 1] = string.format(" Collaboration saves %s a year, %s%% of what the same work cost before.",
        collab.money.pounds(saved), collab.share(saved, baseline, 0.1))
    end
    blocks[#blocks + 1] = layout.paragraph(summary)
    blocks[#blocks + 1] = contributions_table(ledger, year)
    blocks[#blocks + 1] = layout.chart { kind = "stacked_bar", title = "Cash and officers in kind, " .. year,
                                         table = "payments", category = "force", series = { "cash", "in_kind" } }
    if savings then
      blocks[#blocks + 1] = layout.heading("Savings", 1)
      blocks[#blocks + 1] = savings_table(savings)
    end
    blocks[#blocks + 1] = layout.heading("Agreements", 1)
    blocks[#blocks + 1] = agreements_table()
    return layout.document {
      title = "Collaboration: board pack " .. year,
      subtitle = collab.region.name .. " Police and Crime Commissioners",
      blocks = blocks,
    }
  end,
}
