-- attack: terminal escape codes in a title shown on a terminal
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- format: md
-- expect: \\x1b\]0;pwned\\x07
local l = collab.layout
return collab.report { id = "attack", title = "attack", build = function()
  return l.document { title = "attack", blocks = { l.heading('\27]0;pwned\7\27[2J') } }
end }
