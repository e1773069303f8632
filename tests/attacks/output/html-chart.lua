-- attack: script in a chart's title, a category and a series title
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- format: html
-- expect: &lt;/svg&gt;&lt;script&gt;alert(3)&lt;/script&gt;
-- forbid: <script
-- forbid: </svg><
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.table { id = 't', title = 'T', columns = { { key = 'c' }, { key = 'm', type = 'money', title = '</text><script>alert(1)</script>' } }, rows = { { c = '<script>alert(2)</script>', m = 100 } } }, l.chart { kind = 'bar', title = '</svg><script>alert(3)</script>', table = 't', category = 'c', series = { 'm' } } } }
end }
