-- attack: catch the CPU limit with pcall and go on
-- exit: 1
-- expect: CPU time limit: CPU time limit exceeded (500 ms)
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    while true do pcall(function() while true do end end) end
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
