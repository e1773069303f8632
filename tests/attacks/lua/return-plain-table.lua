-- attack: build returns a plain table
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: build returned a table, not collab.layout.document{...}
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return { title = "x", blocks = {} }
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
