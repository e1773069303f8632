-- attack: change a force view
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: attempt to modify read-only table 'force 'derbyshire''
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    collab.forces[1].id = "pwned"
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
