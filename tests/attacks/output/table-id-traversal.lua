-- attack: a table id that is a path (CSV file names come from it)
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- format: md
-- expect: table '../../etc/passwd'
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.table { id = '../../etc/passwd', title = 'T', columns = { { key = 'c' } }, rows = {} } } }
end }
