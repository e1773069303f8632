-- attack: an error whose value is a table with a lying __tostring
-- exit: 1
-- expect: FAILED
-- expect: (error object is a table value)
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    error(setmetatable({}, { __tostring = function() while true do end end }))
  end }
