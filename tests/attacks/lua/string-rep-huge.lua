-- attack: a string of 10 GB
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: string.rep: too many repetitions (10000000000, limit 16777216)
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return string.rep("x", 1e10)
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
