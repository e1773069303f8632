-- attack: ask the ledger for something that is no year
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: bad argument #1 to 'collab.ledger' (financial year such as '2016/17' expected, got table)
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return collab.ledger({})
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
