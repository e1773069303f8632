-- attack: an infinite weight
-- exit: 1
-- expect: FAILED
-- expect: the weight of 'derbyshire' is inf: weights must be finite numbers above zero
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    local w = {}
    for _, f in ipairs(forces) do w[f.id] = 1 end
    w[forces[1].id] = math.huge
    return w
  end }
