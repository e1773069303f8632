-- attack: table.concat into a huge string
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: table.concat: resulting string too large (limit 16777216 bytes)
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    local t = {} local s = string.rep("x", 1e6) for i = 1, 100 do t[i] = s end return table.concat(t, s)
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
