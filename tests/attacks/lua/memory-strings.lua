-- attack: fill memory with strings
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: memory limit: memory limit exceeded (64 MiB)
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    local t = {} local s = "x" for i = 1, 40 do s = s .. s t[i] = s end
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
