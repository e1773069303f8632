-- attack: change the published record for the next report
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 0
-- expect: survived: unchanged
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    local r = collab.record.contributions("2016/17") r.rows[1].total = 1 return collab.record.contributions("2016/17").rows[1].total == 1 and "changed" or "unchanged"
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
