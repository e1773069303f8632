-- attack: script and markup in the document's title, a table title and a cell
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- format: html
-- expect: &lt;script&gt;alert(1)&lt;/script&gt;
-- expect: &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(4)&lt;/script&gt;
-- forbid: <script
-- forbid: <img
-- forbid: <svg onload
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.heading('<script>alert(1)</script>'), l.table { id = 't', title = '<img src=x onerror=alert(2)>', columns = { { key = 'c', title = '<svg onload=alert(3)>' } }, rows = { { c = '</td></tr></table><script>alert(4)</script>' } } } } }
end }
