-- attack: a column title that a spreadsheet would run as a formula
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- format: csv
-- expect: '=cmd
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.table { id = 't', title = 'T', columns = { { key = 'c', title = '=cmd|"/c calc"!A1' } }, rows = { { c = 'x' } } } } }
end }
