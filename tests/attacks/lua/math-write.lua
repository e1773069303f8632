-- attack: change math.floor for everyone
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: attempt to modify read-only table 'math'
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    math.floor = function() return 0 end
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
