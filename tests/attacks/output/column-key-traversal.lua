-- attack: a column key that is not a key
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- format: md
-- expect: $kind
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.table { id = 't', title = 'T', columns = { { key = '$kind' } }, rows = {} } } }
end }
