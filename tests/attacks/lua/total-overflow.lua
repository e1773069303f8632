-- attack: a total that overflows int64
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: table 't', row 3 (total), column 'm': the sum of the rows above is out of range
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return collab.layout.document { title = "x", blocks = { collab.layout.table { id = "t", title = "t", columns = { { key = "m", type = "money" } }, rows = { { m = math.maxinteger }, { m = math.maxinteger }, collab.layout.total {} } } } }
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
