-- attack: Markdown and HTML in cells and titles
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- format: md
-- expect: \| a \| b \|
-- forbid: <script>
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.heading('# not a heading [x](javascript:alert(1))'), l.table { id = "t", title = "T", columns = { { key = "c", title = "C" }, { key = "m", type = "money" } }, rows = { { c = '| a | b |\n| --- |', m = 1 }, { c = '<script>alert(1)</script>', m = 2 } } } } }
end }
