-- attack: stop the garbage collector
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: collectgarbage('stop') is not allowed in the sandbox (only 'count' is)
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    collectgarbage("stop")
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
