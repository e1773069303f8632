-- attack: load a C module with require
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: script accessed undefined global 'require'
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return require("socket")
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
