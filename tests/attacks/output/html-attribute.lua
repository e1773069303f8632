-- attack: quotes that would end an attribute, in a footnote id and an explanation
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- format: html
-- exit-note: the footnote does not exist: an error, not a page
-- expect: footnote
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.paragraph('x', l.footnote_ref('a" onmouseover="alert(1)')), l.table { id = "t", title = "T", columns = { { key = "c", title = "C" }, { key = "m", type = "money" } }, rows = { { c = 'x', m = l.cell { 1, explain = { title = '"><script>alert(2)</script>', lines = { '<b onclick=alert(3)>' } } } } } } } }
end }
