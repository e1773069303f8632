-- attack: load a binary chunk asking for mode b
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- expect: survived: nil: attempt to load a binary chunk (mode is 't')
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    local f, err = load(string.char(27) .. "Lua", "x", "b") return tostring(f) .. ": " .. tostring(err)
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
