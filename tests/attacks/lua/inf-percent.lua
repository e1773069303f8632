-- attack: an infinite percentage
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: table 't' (block 1): row 1 (body), column 'p': a percentage expected: infinite
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return collab.layout.document { title = "x", blocks = { collab.layout.table { id = "t", title = "t", columns = { { key = "p", type = "percent" } }, rows = { { p = math.huge } } } } }
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
