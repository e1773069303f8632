local l = collab.layout
local ledger = collab.ledger("2016/17")
local rows = {}
for _, row in ipairs(ledger.rows) do
  rows[#rows + 1] = { unit = row.label, notts = l.cell { row.parts.nottinghamshire, explain = { unit = row.unit, force = "nottinghamshire", year = "2016/17" } } }
end
rows[#rows + 1] = l.total { unit = "Total" }
return l.document { title = "t", subtitle = "s", blocks = {
  l.heading("h", 2), l.paragraph("a ", l.em("b"), l.strong("c"), l.footnote_ref("f")), l.note("n"), l.list { items = { "x", "y" } },
  l.table { id = "t", title = "T", columns = { { key = "unit" }, { key = "notts", type = "money", group = "g" },
    { key = "p", type = "percent", decimals = 2 }, { key = "d", type = "money", difference = { "notts", "notts" } } }, rows = rows },
  l.chart { kind = "stacked_bar", table = "t", category = "unit", series = { "notts" } } },
  footnotes = { { id = "f", text = "fn" } } }
