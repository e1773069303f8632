-- attack: run a command with io.popen
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: script accessed undefined global 'io'
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return io.popen("id"):read("a")
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
