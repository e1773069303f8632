-- contributions: pcp-2017's "Force Financial Contributions 2016/17" as computed, beside the
-- published figures. Each unit's budget is split by its formula among the year's participants
-- and apportioned to the pound by largest remainder, so every row adds up to its budget; the
-- published table rounded each cell on its own, so some of its rows and totals do not. Three
-- tables: units by force (the published layout), forces by unit (for the chart), and every
-- published cell beside the computed one with the variance.

local layout = collab.layout

-- Rows of the ledger of one kind, in data order.
local function rows_of(ledger, kind)
  local out = {}
  for _, row in ipairs(ledger.rows) do
    if row.kind == kind then out[#out + 1] = row end
  end
  return out
end

-- A ledger apportioned to the penny shows pence in every computed cell; one apportioned to the
-- pound shows whole pounds, and pence only where a budget's odd pence went.
local function computed_decimals(ledger)
  return ledger.rounding_unit < 100 and 2 or -1
end

local function force_columns(group, decimals)
  local columns = {}
  for _, force in ipairs(collab.forces) do
    columns[#columns + 1] = { key = force.id, title = force.short_name, type = "money", group = group, decimals = decimals }
  end
  return columns
end

local function failed_rows(ledger)
  local n = 0
  for _, row in ipairs(ledger.rows) do
    if row.failed then n = n + 1 end
  end
  return n
end

-- The published rows by unit and kind ("emsou-soc/cash"), and total rows by what they add up
-- ("total/cash", "total/all"), if the year has a published table.
local function published_lookup(published)
  local found = {}
  if published then
    for _, row in ipairs(published.rows) do found[row.unit .. "/" .. row.kind] = row end
    for _, row in ipairs(published.totals) do found["total/" .. row.of] = row end
  end
  return found
end

-- Units by force: the published layout, computed.
local function units_by_force(ledger, year, published)
  local decimals = computed_decimals(ledger)
  local columns = { { key = "unit", title = "Unit", type = "text" } }
  for _, c in ipairs(force_columns("Computed", decimals)) do columns[#columns + 1] = c end
  columns[#columns + 1] = { key = "total", title = "Total", type = "money", decimals = decimals }
  -- sum = false: a total row shows the published total row's figure, which is not the sum of the
  -- published rows above it (the source rounded each cell on its own).
  columns[#columns + 1] = { key = "published", title = "Published total", type = "money", decimals = 0, sum = false }
  columns[#columns + 1] = { key = "variance", title = "Variance", type = "money", decimals = decimals,
                            difference = { "total", "published" } }
  -- A row whose formula failed has no parts: it is marked, and the totals leave it out.
  local failed = failed_rows(ledger) > 0
  if failed then columns[#columns + 1] = { key = "status", title = "Status", type = "text" } end
  local by_label = published_lookup(published)
  local rows = {}
  local function add_rows(kind)
    for _, row in ipairs(rows_of(ledger, kind)) do
      local cells = { unit = row.label }
      for force, pence in pairs(row.parts) do
        cells[force] = layout.cell { pence, explain = { unit = row.unit, force = force, year = year, kind = kind } }
      end
      cells.total = row.total
      if failed then cells.status = row.failed and "FAILED" or "ok" end
      local p = by_label[row.unit .. "/" .. kind]
      cells.published = p and p.total
      rows[#rows + 1] = cells
    end
  end
  local function total_row(make, label, of)
    local cells = { unit = label }
    for _, force in ipairs(collab.forces) do
      cells[force.id] = layout.cell { nil, explain = { force = force.id, year = year, of = of } }
    end
    local p = by_label["total/" .. of]
    cells.published = p and p.total
    rows[#rows + 1] = make(cells)
  end
  add_rows("cash")
  total_row(layout.subtotal, "Total cash", "cash")
  if #rows_of(ledger, "in_kind") > 0 then
    add_rows("in_kind")
    total_row(layout.subtotal, "Total in kind", "in_kind")
  end
  total_row(layout.total, "Total cost of collaboration", "all")
  return layout.table {
    id = "contributions",
    title = "Force contributions " .. year .. ", computed",
    columns = columns,
    rows = rows,
    source = published and (published.source.document .. ", " .. published.source.table) or nil,
    caption = "Each row split by its formula over the year's participants, largest remainder to the "
      .. (ledger.rounding_unit < 100 and "penny" or "pound")
      .. ": every row adds up to its budget. Variance: the computed total less the published one.",
  }
end

-- Forces by unit: what each force pays to each unit, for the stacked bar chart.
local function forces_by_unit(ledger, year)
  local decimals = computed_decimals(ledger)
  local columns = { { key = "force", title = "Force", type = "text" } }
  local seen = {}
  for _, row in ipairs(ledger.rows) do
    local key = (row.unit .. "-" .. row.kind):gsub("_", "-")
    if not seen[key] then
      seen[key] = true
      local unit = collab.unit(row.unit)
      local title = unit.short_name ~= "" and unit.short_name or row.label
      if row.kind == "in_kind" then title = title .. " (in kind)" end
      columns[#columns + 1] = { key = key, title = title, type = "money", decimals = decimals, group = "Units" }
    end
  end
  columns[#columns + 1] = { key = "total", title = "Total", type = "money", decimals = decimals }
  local rows = {}
  for _, force in ipairs(collab.forces) do
    local cells = { force = force.short_name }
    for _, row in ipairs(ledger.rows) do
      local key = (row.unit .. "-" .. row.kind):gsub("_", "-")
      cells[key] = row.parts[force.id]
    end
    cells.total = layout.cell { ledger.totals[force.id].all, explain = { force = force.id, year = year, of = "all" } }
    rows[#rows + 1] = cells
  end
  rows[#rows + 1] = layout.total { force = "Total" }
  local series = {}
  for i = 2, #columns - 1 do series[#series + 1] = columns[i].key end
  return layout.table { id = "by-force", title = "What each force pays, " .. year, columns = columns, rows = rows },
    layout.chart { kind = "stacked_bar", title = "Contributions by force, " .. year, table = "by-force",
                   category = "force", series = series }
end

-- Every published cell beside the computed one.
local function published_beside(ledger, year, published)
  local decimals = computed_decimals(ledger)
  local rows = {}
  local computed = {}
  for _, row in ipairs(ledger.rows) do computed[row.unit .. "/" .. row.kind] = row end
  for _, prow in ipairs(published.rows) do
    local row = computed[prow.unit .. "/" .. prow.kind]
    for _, force in ipairs(collab.forces) do
      local amount = row and row.parts[force.id]
      if amount or prow.amounts[force.id] then
        rows[#rows + 1] = {
          unit = prow.label, force = force.short_name,
          computed = amount and layout.cell { amount, explain = { unit = row.unit, force = force.id, year = year, kind = row.kind } },
          published = prow.amounts[force.id],
        }
      end
    end
  end
  -- The published total rows against the computed totals, force by force.
  for _, ptotal in ipairs(published.totals) do
    for _, force in ipairs(collab.forces) do
      local t = ledger.totals[force.id]
      rows[#rows + 1] = {
        unit = ptotal.label, force = force.short_name,
        computed = layout.cell { t[ptotal.of], explain = { force = force.id, year = year, of = ptotal.of } },
        published = ptotal.amounts[force.id],
      }
    end
  end
  return layout.table {
    id = "published",
    title = "Published " .. year .. " beside computed, cell by cell",
    columns = {
      { key = "unit", title = "Unit", type = "text" },
      { key = "force", title = "Force", type = "text" },
      { key = "computed", title = "Computed", type = "money", decimals = decimals },
      { key = "published", title = "Published", type = "money", decimals = 0 },
      { key = "variance", title = "Variance", type = "money", decimals = decimals, difference = { "computed", "published" } },
    },
    rows = rows,
    source = published.source.document .. ", " .. published.source.table,
    caption = "'collab reconcile' says why each variance arises.",
  }
end

return collab.report {
  id = "contributions",
  title = "Force financial contributions",
  description = "Cash and in kind per unit and force, computed beside the published table, with a chart by force.",
  build = function(ctx)
    local year = ctx.year
    local ledger = collab.ledger(year)
    local published = collab.record.contributions(year)
    local blocks = {
      layout.paragraph(string.format("What each force of the %s pays to each collaboration in %s: cash, and officers "
        .. "seconded in kind.", collab.region.name, year)),
      units_by_force(ledger, year, published),
    }
    local failed = failed_rows(ledger)
    if failed > 0 then
      blocks[#blocks + 1] = layout.note(string.format("%d row%s FAILED: could not be computed (the errors say why); "
        .. "the totals leave %s out.", failed, failed == 1 and "" or "s", failed == 1 and "it" or "them"))
    end
    if ledger.rounding_unit >= 100 then
      for _, row in ipairs(ledger.rows) do
        if row.budget % 100 ~= 0 then
          blocks[#blocks + 1] = layout.note("A budget with pence is split in whole pounds and its odd pence go to one "
            .. "part, next in the largest remainder order; that part is shown with its pence.")
          break
        end
      end
    end
    local by_force, chart = forces_by_unit(ledger, year)
    blocks[#blocks + 1] = chart
    blocks[#blocks + 1] = by_force
    if published then
      blocks[#blocks + 1] = layout.heading("Against the published table", 1)
      blocks[#blocks + 1] = layout.paragraph {
        "The published table rounded each cell on its own, so some of its rows and totals do not add up; ",
        layout.em("the computed rows always do"), ".",
      }
      blocks[#blocks + 1] = published_beside(ledger, year, published)
    else
      blocks[#blocks + 1] = layout.note("No published contributions table for " .. year .. ": nothing to compare.")
    end
    return layout.document {
      title = "Force financial contributions " .. year,
      subtitle = collab.region.name .. " collaboration",
      blocks = blocks,
    }
  end,
}
