-- attack: table titles Excel refuses as sheet names
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- format: xlsx
-- expect: PK
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.table { id = 'a', title = 'History', columns = { { key = 'c' } }, rows = { { c = 'x' } } }, l.table { id = 'b', title = 'a[b]:c*d?e/f\\g', columns = { { key = 'c' } }, rows = { { c = 'x' } } }, l.table { id = 'c', title = string.rep('x', 40), columns = { { key = 'c' } }, rows = { { c = 'x' } } }, l.table { id = 'd', title = 'history', columns = { { key = 'c' } }, rows = { { c = 'x' } } }, l.table { id = 'e', title = "'quoted'", columns = { { key = 'c' } }, rows = { { c = 'x' } } } } }
end }
