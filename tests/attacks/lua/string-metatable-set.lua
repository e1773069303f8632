-- attack: set a metatable on strings
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: bad argument #1 to 'setmetatable' (table expected, got string)
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return setmetatable("", {})
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
