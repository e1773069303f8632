-- attack: an error object with a __tostring that loops
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: (error object is a table value)
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    error(setmetatable({}, { __tostring = function() while true do end end }))
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
