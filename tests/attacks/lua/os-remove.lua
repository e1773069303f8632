-- attack: delete a file with os.remove
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: attempt to call a nil value (field 'remove')
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    os.remove("data/forces.json")
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
