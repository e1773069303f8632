-- attack: script in an explanation's title and lines
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- format: html
-- expect: &lt;script&gt;alert(1)&lt;/script&gt;
-- expect: &lt;iframe src=javascript:alert(2)&gt;
-- forbid: <script
-- forbid: <iframe
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.table { id = "t", title = "T", columns = { { key = "c", title = "C" }, { key = "m", type = "money" } }, rows = { { c = 'x', m = l.cell { 1, explain = { title = '<script>alert(1)</script>', lines = { '<iframe src=javascript:alert(2)>' } } } } } } } }
end }
