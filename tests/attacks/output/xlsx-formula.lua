-- attack: cells an XLSX reader would run as formulas
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- format: xlsx
-- expect: PK
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.table { id = "t", title = "T", columns = { { key = "c", title = "C" }, { key = "m", type = "money" } }, rows = { { c = '=1+1', m = 100 }, { c = '=HYPERLINK("http://x","y")', m = 2 }, { c = '@SUM(A1)', m = 3 }, l.total { c = 'Total' } } } } }
end }
