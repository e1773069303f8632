-- attack: put a metatable on the globals
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: cannot change a protected metatable
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    setmetatable(_G, { __index = function() error("boom") end }) return zzz
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
