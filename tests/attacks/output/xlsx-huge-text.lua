-- attack: a cell longer than Excel allows
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- format: xlsx
-- expect: PK
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.table { id = 't', title = 'T', columns = { { key = 'c' } }, rows = { { c = string.rep('x', 60000) } } } } }
end }
