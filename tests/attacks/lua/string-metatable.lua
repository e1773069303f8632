-- attack: replace the string metatable's __index
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: attempt to index a boolean value
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    getmetatable("").__index = function() return "pwned" end
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
