-- attack: a misspelt field of a table
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: error in 'collab.layout.table': unknown field 'colums' (a table has id, title, columns, rows, c
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return collab.layout.document { title = "x", blocks = { collab.layout.table { id = "t", title = "t", colums = {} } } }
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
