-- attack: load a binary chunk
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- expect: survived: nil: attempt to load a binary chunk (mode is 't')
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    local f, err = load("\27Lua\84\0") return tostring(f) .. ": " .. tostring(err)
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
