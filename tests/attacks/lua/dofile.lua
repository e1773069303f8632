-- attack: run a file with dofile
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: script accessed undefined global 'dofile'
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return dofile("/etc/passwd")
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
