-- attack: an error handler that loops
-- exit: 1
-- expect: CPU time limit: CPU time limit exceeded (500 ms)
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    xpcall(function() error("x") end, function() while true do end end)
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
