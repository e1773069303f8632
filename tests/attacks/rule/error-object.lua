-- attack: an error whose value is a table with a lying __tostring
-- exit: 1
-- expect: (error object is a table value)
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    error(setmetatable({}, { __tostring = function() while true do end end }))
  end }
