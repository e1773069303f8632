-- attack: fill memory with tables
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: memory limit: memory limit exceeded (64 MiB)
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    local t = {} for i = 1, 1e9 do t[i] = { i, i, i } end
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
