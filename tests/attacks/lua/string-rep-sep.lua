-- attack: string.rep with a huge separator product
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: string.rep: resulting string too large (limit 16777216 bytes)
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return string.rep("x", 1e6, string.rep("y", 1e4))
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
