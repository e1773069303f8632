-- attack: a finalizer that would run with the hooks off
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: __gc metamethods are not allowed in the sandbox
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    setmetatable({}, { __gc = function() while true do end end })
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
