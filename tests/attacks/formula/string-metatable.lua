-- attack: tampering with the string metatable
-- exit: 1
-- expect: FAILED
-- expect: attempt to index a boolean value
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    getmetatable('').__index = function() return 'pwned' end
    return {}
  end }
