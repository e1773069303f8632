-- attack: an inconsistent sort comparator
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: invalid order function for sorting
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    local t = {} for i = 1, 100 do t[i] = i end table.sort(t, function() return true end)
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
