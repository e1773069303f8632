-- attack: coroutines inside coroutines with no end
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: C stack overflow
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    local function f() return coroutine.wrap(f)() end return f()
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
