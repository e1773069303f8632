-- attack: table.move over 10^8 slots
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: table.move: too many elements (100000000, limit 16777216)
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return table.move({}, 1, 1e8, 2)
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
