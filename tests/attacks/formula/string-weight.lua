-- attack: a weight that is a string
-- exit: 1
-- expect: FAILED
-- expect: the weight of 'derbyshire' is a string, not a number
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    local w = {}
    for _, f in ipairs(forces) do w[f.id] = '1; drop table' end
    return w
  end }
