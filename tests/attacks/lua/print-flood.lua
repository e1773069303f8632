-- attack: print a hundred thousand lines
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- expect: : line 1000
-- forbid: line 1001
-- expect: printed
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    for i = 1, 1e5 do print("line " .. i) end return collab.layout.document { title = "printed", blocks = {} }
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
