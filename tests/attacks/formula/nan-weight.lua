-- attack: a NaN weight
-- exit: 1
-- expect: FAILED
-- expect: the weight of 'derbyshire' is NaN: weights must be finite numbers above zero
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    local w = {}
    for _, f in ipairs(forces) do w[f.id] = 0/0 end
    return w
  end }
