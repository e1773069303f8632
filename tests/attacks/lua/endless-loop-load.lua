-- attack: an endless loop when the script loads
-- exit: 2
-- expect: CPU time limit: CPU time limit exceeded (500 ms)
while true do end
return collab.report { id = "attack", title = "attack", build = function()
  return collab.layout.document { title = "survived", blocks = {} }
end }
