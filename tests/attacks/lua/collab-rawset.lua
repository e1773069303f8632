-- attack: write into the host's collab table with rawset
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: attempt to modify read-only table 'collab'
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    rawset(collab, "ledger", function() return {} end)
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
