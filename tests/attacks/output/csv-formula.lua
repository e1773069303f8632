-- attack: cells a spreadsheet would run as formulas
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- format: csv
-- expect: '=1+1
-- expect: '@SUM(A1)
-- expect: -2.50
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.table { id = "t", title = "T", columns = { { key = "c", title = "C" }, { key = "m", type = "money" } }, rows = { { c = '=1+1', m = 100 }, { c = '+1', m = -250 }, { c = '-1+2', m = 0 }, { c = '@SUM(A1)', m = 1 }, { c = '\t=cmd', m = 2 }, { c = '\r=cmd', m = 3 }, { c = '=HYPERLINK("http://x")', m = 4 } } } } }
end }
