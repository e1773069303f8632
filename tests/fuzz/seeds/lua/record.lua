local n = 0
for _, f in ipairs { "documents", "grants", "formula_shares", "headlines", "innovation_fund", "register", "disagreements" } do
  n = n + #collab.record[f]()
end
local s = collab.record.savings_baseline()
return collab.layout.document { title = tostring(n) .. s.source.document, blocks = {
  collab.layout.table { id = "w", title = "w", columns = { { key = "a", type = "integer" }, { key = "y", type = "year" }, { key = "d", type = "date" } },
    rows = { { a = n, y = "2016/17", d = "Sep 2011" } } } } }
