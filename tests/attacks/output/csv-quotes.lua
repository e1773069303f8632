-- attack: quotes, commas and line breaks inside cells
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- format: csv
-- expect: "a,""b""
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.table { id = "t", title = "T", columns = { { key = "c", title = "C" }, { key = "m", type = "money" } }, rows = { { c = 'a,"b"\nc', m = 1 } } } } }
end }
