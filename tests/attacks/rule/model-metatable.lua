-- attack: replacing the model's metatable
-- exit: 1
-- expect: cannot change a protected metatable
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    setmetatable(model, {})
  end }
