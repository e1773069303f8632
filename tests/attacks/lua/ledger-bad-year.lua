-- attack: ask the ledger for a year with no budgets
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: error in 'collab.ledger': the ledger of 1999/00 cannot be computed: no budgets for 1999/00
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    return collab.ledger("1999/00")
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
