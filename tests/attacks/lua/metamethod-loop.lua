-- attack: an __index that calls itself forever
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: C stack overflow
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    local t = setmetatable({}, {}) getmetatable(t).__index = function(s, k) return s[k] end return t.x
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
