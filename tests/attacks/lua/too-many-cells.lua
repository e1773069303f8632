-- attack: a document of more than two million cells
-- exit: 1
-- expect: runtime error: table 't' (block 1): row 666667 (body), column 'c': the document holds more than 2000000 cells
-- limits: --memory-limit 2048 --cpu-limit 120000 --wall-limit 600000
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    local rows = {} for i = 1, 700000 do rows[i] = { a = "x", b = "y", c = "z" } end return collab.layout.document { title = "x", blocks = { collab.layout.table { id = "t", title = "t", columns = { { key = "a" }, { key = "b" }, { key = "c" } }, rows = rows } } }
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
