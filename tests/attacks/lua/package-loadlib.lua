-- attack: load a shared library with package.loadlib
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: script accessed undefined global 'package'
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return package.loadlib("/lib/x86_64-linux-gnu/libc.so.6", "system")
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
