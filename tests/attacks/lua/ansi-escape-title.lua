-- attack: terminal escape codes in an error message
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: \x1b]0;pwned\x07\x1b[2J cleared
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    error("\27]0;pwned\7\27[2J cleared")
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
