-- attack: a sort comparator that loops
-- exit: 1
-- expect: CPU time limit: CPU time limit exceeded (500 ms)
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    local t = {3, 2, 1} table.sort(t, function() while true do end end)
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
