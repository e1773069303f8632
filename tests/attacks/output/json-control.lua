-- attack: control characters and invalid UTF-8 in text
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- format: json
-- expect: "schema": "collab.report"
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.paragraph('\0\1\27[31m red \255\254'), l.table { id = "t", title = "T", columns = { { key = "c", title = "C" }, { key = "m", type = "money" } }, rows = { { c = 'nul\0inside', m = 1 } } } } }
end }
