-- attack: table.unpack of a huge range
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: too many results to unpack
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return table.unpack({}, 1, 1e8)
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
